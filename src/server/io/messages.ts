/**
 * Every Chinese sentence the Excel engine says to a person, in one place. Cell messages name the
 * value as written (“2025-13-05”) and say what would be accepted, never only that it is wrong.
 */

export const FILE_MESSAGES = {
  empty: '文件是空的，请检查后重新上传',
  legacyExcel: '这是旧版 Excel 文件（.xls），无法直接导入。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再上传',
  wpsEt: '这是 WPS 表格文件（.et），无法直接导入。请在 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再上传',
  encrypted: '文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿），另存为 .xlsx 后再上传',
  openDocument: '这是 OpenDocument 表格（.ods），无法直接导入。请“另存为” Excel 工作簿（.xlsx）后再上传',
  unknown: '无法识别的文件格式，请上传 Excel 工作簿（.xlsx）或 CSV 文件',
  noWorksheet: '文件中没有可读取的工作表，请确认是 Excel 工作簿（.xlsx）',
  damaged: '文件已损坏或不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 打开后重新保存再上传',
  badEncoding: '文件编码无法识别，请用 Excel 或 WPS 另存为 .xlsx，或另存为 UTF-8 编码的 CSV 后再上传',
  noHeader: '没有找到表头行：前 30 行中没有一行像列名。请确认表中有一行列名（如“项目名称”“申报日期”）',
} as const;

/** Why a row of the sheet was not read as a record. */
export const SKIP_REASONS = {
  title: '标题',
  info: '表头上方的单位、日期等说明',
  blank: '空行',
  total: '合计行',
  footer: '表尾说明（填表人、审核人、注等）',
  repeatedHeader: '重复的表头行',
  example: '模板示例行',
  header: '表头',
} as const;

export type SkipReason = keyof typeof SKIP_REASONS;

export const CELL_MESSAGES = {
  required: '必填，不能为空',
  formulaError: (code: string) => `公式结果为错误值${code ? ` ${code}` : ''}，请在表中改正`,
  tooLong: (max: number, length: number) => `过长：最多 ${max} 个字，此处 ${length} 个字`,
  truncatedNumber: (text: string) => `数字“${text}”超过 15 位，Excel 已把末几位变为 0。请把该列设为“文本”格式后重新填写（或在前面加英文单引号）`,
  dateUnknown: (text: string) => `无法识别的日期“${text}”，请写作 2025-03-05、2025/3/5、2025.3.5 或 2025年3月5日`,
  dateInvalid: (text: string) => `日期“${text}”不存在，请检查月份和日`,
  dateNoDay: (text: string) => `日期“${text}”缺少日，请写到具体哪一天，如 2025-03-05`,
  dateTwoDigitYear: (text: string) => `日期“${text}”的年份只有两位，无法确定世纪，请写四位年份，如 2025-03-05`,
  dateDayFirst: (text: string) => `日期“${text}”的年月日顺序无法确定，请按年、月、日的顺序写，如 2025-03-05`,
  dateOutOfRange: (text: string) => `日期“${text}”不在 1900 年至 2099 年之间，请检查`,
  serialOutOfRange: (text: string) => `数字“${text}”不是日期：作为 Excel 日期序号，它不在 1950 年至 2099 年之间`,
  notADate: (kind: string) => `应为日期，此处是${kind}`,
  numberUnknown: (text: string) => `无法识别的数字“${text}”，请只写数字，如 1200、1,200、1.2万`,
  numberApprox: (text: string) => `“${text}”不是确切的数，请填写确切数值（如 15230，而不是 1.5万余、近1.2万）`,
  numberRange: (text: string) => `“${text}”是一个范围，请填写一个确切数值`,
  numberGrouping: (text: string) => `“${text}”的千位分隔符位置不对，无法确定数值，请写作 1,200 或 1200`,
  notAnInteger: (text: string) => `应为整数，此处是“${text}”`,
  moneyPrecision: (text: string) => `金额“${text}”超出了分（小数点后两位），请核对`,
  unitMismatch: (text: string, unit: string, expected: string) => `“${text}”的单位“${unit}”与本列的单位“${expected}”不符，请换算成${expected}后填写`,
  unitUnknown: (text: string, unit: string) => `“${text}”的单位“${unit}”无法识别，请只写数字`,
  percentNotHere: (text: string) => `“${text}”带百分号，但本列不是百分比，请填写数值`,
  moneyNotHere: (text: string) => `“${text}”是金额，但本列不是金额列，请填写数值`,
  notANumber: (kind: string) => `应为数字，此处是${kind}`,
  choiceUnknown: (text: string, options: string) => `“${text}”不是可选项，可选：${options}`,
  booleanUnknown: (text: string) => `“${text}”无法识别，请填写“是”或“否”`,
} as const;

export const VALUE_KIND_WORDS = {
  date: '日期',
  boolean: '是/否',
  text: '文字',
  number: '数字',
} as const;

/** 第5行, 第5–7行. */
export function rowRangeText(from: number, to: number): string {
  return from === to ? `第${from}行` : `第${from}–${to}行`;
}
