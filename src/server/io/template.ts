import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type ColumnSpec, exampleText } from './columns.js';
import { dateCell, displayWidth, fitWidth, sheetNameOf } from './write.js';

/**
 * The import template of a ledger: what a person fills in and uploads.
 *
 * Sheet 1 (named after the ledger): row 1 the headers, required ones marked with a red * (headers.ts
 * drops the * when matching, so the template's own headers map back exactly); row 2 an example row in
 * grey italics, which the import recognises and skips (every column with an example equal to it);
 * each header carries a note saying what goes below. Choice and yes/no columns have a drop-down list
 * on the first MAX_ROWS rows (from a hidden sheet 选项 when the list is too long for Excel's
 * 255-character inline form); date columns warn (not forbid: 2025.3.5 is typed as text and still
 * imports) on what is no date; text columns are formatted as text, so that credit codes, ID and phone
 * numbers keep every digit.
 * Sheet 2 填写说明 explains the rules and each column: required or not, format, notes, choices, example.
 * The workbook is small, so it is built in memory and written in one go (not streamed).
 */
export interface TemplateOptions {
  output: Writable | string;
  /** 台账名称 (科技项目台账). */
  ledgerName: string;
  columns: ColumnSpec[];
}

/** Rows that get the drop-down lists and formats. */
const MAX_ROWS = 5000;

/** How the 填写说明 sheet describes a column's format. */
function formatText(spec: ColumnSpec): string {
  switch (spec.kind) {
    case 'text':
      return spec.maxLength ? `文字，最多 ${spec.maxLength} 字` : '文字';
    case 'date':
      return '日期，如 2025-03-05；也可写 2025/3/5、2025.3.5、2025年3月5日';
    case 'number':
      return spec.unit === '%' ? '百分比数值，如 12.5 或 12.5%' : `数字${spec.unit ? `，单位：${spec.unit}` : ''}；可写 1,200 或 1.2万，不写“余”“近”“约”`;
    case 'integer':
      return `整数${spec.unit ? `，单位：${spec.unit}` : ''}；可写 1,200 或 1.2万`;
    case 'money':
      return `金额，单位：${spec.unit ?? '元'}；可写 1,200、1,200.50 或 5万元，最多精确到分`;
    case 'choice':
      return '从下拉列表中选择一项';
    case 'choices':
      return '可填多项，用“、”分隔';
    case 'boolean':
      return '填“是”或“否”（可从下拉列表中选择）';
  }
}

function exampleCell(spec: ColumnSpec): ExcelJS.CellValue {
  const text = exampleText(spec);
  if (text === undefined) return null;
  if (spec.kind === 'date') return dateCell(text) ?? text;
  if ((spec.kind === 'number' || spec.kind === 'integer' || spec.kind === 'money') && typeof spec.example === 'number') return spec.example;
  return text;
}

/** Writes the template workbook for `columns` to `options.output`. */
export async function writeTemplate(options: TemplateOptions): Promise<void> {
  const { columns } = options;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetNameOf(options.ledgerName), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const guide = workbook.addWorksheet('填写说明');
  let lists: ExcelJS.Worksheet | undefined;

  // Worksheet.dataValidations (range form) exists in exceljs 4.4.0 but is missing from its typings.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  const header = sheet.getRow(1);
  const example = sheet.getRow(2);
  columns.forEach((spec, i) => {
    const column = sheet.getColumn(i + 1);
    const exampleValue = exampleCell(spec);
    const exampleWidth = spec.kind === 'date' ? 10 : displayWidth(exampleText(spec) ?? '');
    column.width = fitWidth(Math.max(displayWidth(spec.label) + (spec.required ? 1 : 0), exampleWidth, spec.kind === 'date' ? 12 : 0));
    if (spec.kind === 'text') column.numFmt = '@';
    if (spec.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    if (spec.kind === 'money') column.numFmt = '#,##0.00';

    const cell = header.getCell(i + 1);
    cell.value = spec.required
      ? {
          richText: [
            { text: '*', font: { bold: true, color: { argb: 'FFFF0000' } } },
            { text: spec.label, font: { bold: true } },
          ],
        }
      : spec.label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
    cell.numFmt = 'General';
    cell.note = [spec.required ? '必填' : '选填', formatText(spec), spec.help].filter(Boolean).join('。');

    const sample = example.getCell(i + 1);
    sample.value = exampleValue;
    sample.font = { italic: true, color: { argb: 'FF808080' } };

    const range = `${column.letter}2:${column.letter}${MAX_ROWS + 1}`;
    const labels = spec.kind === 'boolean' ? ['是', '否'] : spec.kind === 'choice' ? (spec.choices ?? []).map((c) => c.label) : [];
    if (labels.length) {
      const inline = `"${labels.join(',')}"`;
      let formula = inline;
      if (inline.length > 255 || labels.some((l) => /[",]/.test(l))) {
        lists ??= workbook.addWorksheet('选项', { state: 'hidden' });
        const at = lists.getColumn(i + 1);
        for (const [r, label] of labels.entries()) lists.getCell(r + 1, i + 1).value = label;
        formula = `'选项'!$${at.letter}$1:$${at.letter}$${labels.length}`;
      }
      validations.add(range, {
        type: 'list',
        allowBlank: !spec.required,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: spec.label,
        error: `请从下拉列表中选择${spec.label}`,
      });
    } else if (spec.kind === 'date') {
      validations.add(range, {
        type: 'date',
        operator: 'between',
        allowBlank: !spec.required,
        formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: spec.label,
        error: '这不像一个日期。请写作 2025-03-05；如确认无误可继续。',
      });
    }
  });
  header.height = 24;

  guide.columns = [{ width: 22 }, { width: 8 }, { width: 44 }, { width: 40 }, { width: 40 }, { width: 20 }];
  const title = guide.addRow([`《${options.ledgerName}》导入模板填写说明`]);
  title.getCell(1).font = { bold: true, size: 14 };
  guide.mergeCells(1, 1, 1, 6);
  const rules = [
    `1. 请在“${sheet.name}”工作表中填写，每行一条记录；第 1 行为列名，请勿修改或删除。`,
    '2. 列名前带红色 * 的为必填项。',
    '3. 第 2 行为灰色示例，导入时自动跳过，可保留也可删除。',
    '4. 日期写作 2025-03-05（也可写 2025/3/5、2025.3.5、2025年3月5日）；数字只写确切数值，不写“余”“近”“约”。',
    '5. 文件请保存为 .xlsx 格式上传；也可上传 UTF-8 或 GBK 编码的 CSV 文件。表格上方的标题行、表尾的合计行会被自动跳过。',
  ];
  for (const rule of rules) {
    const row = guide.addRow([rule]);
    guide.mergeCells(row.number, 1, row.number, 6);
  }
  guide.addRow([]);
  const head = guide.addRow(['列名', '是否必填', '格式', '说明', '可选值', '示例']);
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
  });
  for (const spec of columns) {
    const choices = spec.kind === 'boolean' ? '是、否' : (spec.choices ?? []).map((c) => c.label).join('、');
    const row = guide.addRow([spec.label, spec.required ? '必填' : '选填', formatText(spec), spec.help ?? '', choices, exampleText(spec) ?? '']);
    row.alignment = { vertical: 'top', wrapText: true };
  }

  if (typeof options.output === 'string') await workbook.xlsx.writeFile(options.output);
  else await workbook.xlsx.write(options.output);
}
