import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from './columns.js';
import { mapHeaders } from './headers.js';
import { type ParsedRow, type UploadInput, describeIssue, describeSkipped, openSheet, readRecords } from './read.js';

// Import tests on real files: sheets LibreOffice saves from a CSV written here, workbooks exceljs
// builds with what government sheets have (title rows, merged headers, hidden sheet and column,
// formulas, totals), GBK bytes, and files that must be refused.

const run = promisify(execFile);
let dir = '';

/**
 * LibreOffice Calc converts the CSVs. `npm test` needs nothing beyond `npm install`, so without it those
 * tests are skipped, saying so; CI (`CI` set, as .ci/run does) installs it and must not skip them.
 */
const CALC_FILTER = '/usr/lib/libreoffice/program/libscfiltlo.so';
const hasCalc = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0 && existsSync(CALC_FILTER);
if (!hasCalc) {
  if (process.env.CI) throw new Error(`LibreOffice Calc is required in CI (soffice and ${CALC_FILTER}): apt-get install -y libreoffice-calc-nogui`);
  console.warn('LibreOffice Calc not installed (apt-get install -y libreoffice-calc-nogui): the tests on sheets saved by LibreOffice are skipped');
}

/** Converts CSV files to .xlsx with LibreOffice Calc, in a profile of its own (parallel runs). */
async function convertWithLibreOffice(files: string[]): Promise<void> {
  const profile = join(tmpdir(), `lo-${randomUUID()}`);
  try {
    await run(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, ...files],
      {
        timeout: 120_000,
      },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** GBK bytes for `text`, from a table built by decoding every GBK double-byte code. */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

async function readAll(input: UploadInput, columns: ColumnSpec[], fileName?: string) {
  const sheet = await openSheet(input, { columns, fileName });
  const mapping = mapHeaders(sheet.layout.headers, columns);
  const rows: ParsedRow[] = [];
  for await (const row of readRecords(sheet, columns, mapping)) rows.push(row);
  return { sheet, mapping, rows, skipped: describeSkipped(sheet) };
}

const projectColumns: ColumnSpec[] = [
  { key: 'title', label: '项目名称', kind: 'text', required: true },
  { key: 'applied', label: '申报日期', kind: 'date' },
  { key: 'funds', label: '项目经费', kind: 'money' },
  {
    key: 'programme',
    label: '计划类别',
    kind: 'choice',
    choices: [
      { key: 'spark', label: '星火计划' },
      { key: 'innofund', label: '创新基金' },
    ],
  },
  { key: 'rate', label: '完成率', kind: 'number', unit: '%' },
];

const govCsv = [
  '崇义县科技局2025年上半年科技项目台账,,,,,',
  '填报单位：崇义县科技局,,,填报日期：2025年7月1日,,',
  ',,,,,',
  '序号,项目名称,申报日期,项目经费（万元）,计划类别,完成率',
  '1,茶叶深加工技术研究,2025-03-05,12.5,星火计划,12.5%',
  '2,脐橙保鲜示范,2025年3月6日,"1,200",创新基金,50%',
  '3,甜柚种植推广,2025.3.7,5万元,未知计划,',
  '4,,2025-13-01,3,星火计划,',
  '合计,,,"1,220.5",,',
  '填表人：张三,,审核人：李四,,,',
  '',
].join('\n');

const expectedRecords = [
  { number: 5, values: { title: '茶叶深加工技术研究', applied: '2025-03-05', funds: 125000, programme: 'spark', rate: 12.5 } },
  { number: 6, values: { title: '脐橙保鲜示范', applied: '2025-03-06', funds: 12000000, programme: 'innofund', rate: 50 } },
  { number: 7, values: { title: '甜柚种植推广', applied: '2025-03-07', funds: 50000, programme: null, rate: null } },
  { number: 8, values: { title: null, applied: null, funds: 30000, programme: 'spark', rate: null } },
];

const expectedIssues = [
  [],
  [],
  ['第7行 E列（计划类别）：“未知计划”不是可选项，可选：星火计划、创新基金'],
  ['第8行 B列（项目名称）：必填，不能为空', '第8行 C列（申报日期）：日期“2025-13-01”不存在，请检查月份和日'],
];

const expectedSkipped = ['第1行：标题', '第2行：表头上方的单位、日期等说明', '第3行：空行', '第9行：合计行', '第10行：表尾说明（填表人、审核人、注等）'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keguan-io-'));
  if (!hasCalc) return;
  await writeFile(join(dir, 'gov.csv'), govCsv);
  await convertWithLibreOffice([join(dir, 'gov.csv')]);
}, 150_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasCalc)('a government sheet saved by LibreOffice', () => {
  it('finds the header under title and unit lines, reads every record and says what it skipped', async () => {
    const { sheet, rows, skipped } = await readAll(join(dir, 'gov.xlsx'), projectColumns);
    expect(sheet.kind).toBe('xlsx');
    expect(sheet.layout.headerRows).toEqual({ from: 4, to: 4 });
    expect(sheet.layout.titleLines[0]).toBe('崇义县科技局2025年上半年科技项目台账');
    expect(rows.map(({ number, values }) => ({ number, values }))).toEqual(expectedRecords);
    expect(rows.map((r) => r.issues.map((i) => describeIssue(r.number, i)))).toEqual(expectedIssues);
    expect(skipped).toEqual(expectedSkipped);
  });

  it('reads the CSV it came from alike, from bytes and from a path', async () => {
    for (const input of [Buffer.from(govCsv), join(dir, 'gov.csv')]) {
      const { sheet, rows, skipped } = await readAll(input, projectColumns);
      expect(sheet).toMatchObject({ kind: 'csv', encoding: 'utf-8' });
      expect(rows.map(({ number, values }) => ({ number, values }))).toEqual(expectedRecords);
      expect(skipped).toEqual(expectedSkipped);
    }
  });

  it('reads the same CSV saved in GBK, and with a UTF-8 BOM', async () => {
    const gbk = encodeGbk(govCsv);
    expect(Array.from(encodeGbk('科技'))).toEqual([0xbf, 0xc6, 0xbc, 0xbc]);
    const fromGbk = await readAll(gbk, projectColumns);
    expect(fromGbk.sheet.encoding).toBe('gbk');
    expect(fromGbk.rows.map(({ number, values }) => ({ number, values }))).toEqual(expectedRecords);
    const fromBom = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(govCsv)]), projectColumns);
    expect(fromBom.sheet.layout.headers[0].label).toBe('序号');
    expect(fromBom.rows).toHaveLength(4);
  });
});

describe('workbooks as offices build them', () => {
  const fundColumns: ColumnSpec[] = [
    { key: 'title', label: '项目名称', kind: 'text', required: true },
    { key: 'provincial', label: '省级经费', kind: 'money', synonyms: ['项目经费·省级'] },
    { key: 'county', label: '县级经费', kind: 'money', synonyms: ['项目经费·县级'] },
    { key: 'applied', label: '申报日期', kind: 'date' },
  ];

  async function officeWorkbook(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('说明', { state: 'hidden' });
    notes.addRow(['这张表是隐藏的', '不应读取']);
    const sheet = workbook.addWorksheet('项目台账');
    sheet.addRow(['崇义县科技局科技项目经费表']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['填报单位：崇义县科技局', null, null, null, '单位：万元']);
    sheet.addRow(['序号', '项目名称', '内部编号', '项目经费（万元）', null, '申报日期']);
    sheet.addRow([null, null, null, '省级', '县级', null]);
    sheet.mergeCells('A3:A4');
    sheet.mergeCells('B3:B4');
    sheet.mergeCells('C3:C4');
    sheet.mergeCells('D3:E3');
    sheet.mergeCells('F3:F4');
    sheet.getColumn(3).hidden = true;
    sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
    sheet.addRow([1, '茶叶深加工', 'X-001', 10, 5, new Date(Date.UTC(2025, 2, 5))]);
    sheet.addRow([
      2,
      { richText: [{ text: '脐橙', font: { bold: true } }, { text: '保鲜示范' }] },
      'X-002',
      { formula: 'D5*2', result: 20 },
      2.5,
      { formula: 'F5+1', result: 45722 },
    ]);
    sheet.addRow([3, '甜柚推广', 'X-003', { formula: '1/0', result: { error: '#DIV/0!' } }, null, null]);
    sheet.addRow(['合计', null, null, { formula: 'SUM(D5:D7)', result: 30 }, { formula: 'SUM(E5:E7)', result: 7.5 }, null]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('reads the first visible sheet: merged two-row header, hidden column, formulas’ cached results, totals', async () => {
    const { sheet, mapping, rows, skipped } = await readAll(await officeWorkbook(), fundColumns);
    expect(sheet.sheetName).toBe('项目台账');
    expect(sheet.layout.headerRows).toEqual({ from: 3, to: 4 });
    expect(sheet.layout.headers.map((h) => `${h.letter}:${h.label}`)).toEqual([
      'A:序号',
      'B:项目名称',
      'D:项目经费（万元）·省级',
      'E:项目经费（万元）·县级',
      'F:申报日期',
    ]);
    expect(mapping.byKey).toEqual({ title: 2, provincial: 4, county: 5, applied: 6 });
    expect(rows.map((r) => r.values)).toEqual([
      { title: '茶叶深加工', provincial: 100000, county: 50000, applied: '2025-03-05' },
      { title: '脐橙保鲜示范', provincial: 200000, county: 25000, applied: '2025-03-06' },
      { title: '甜柚推广', provincial: null, county: null, applied: null },
    ]);
    expect(rows[2].issues.map((i) => describeIssue(7, i))).toEqual(['第7行 D列（项目经费（万元）·省级）：公式结果为错误值，请在表中改正']);
    expect(skipped).toEqual(['第1行：标题', '第2行：表头上方的单位、日期等说明', '第8行：合计行', '隐藏列 C（内部编号）：未读取']);
  });

  it('reads dates under the Chinese built-in format 31 (yyyy年m月d日) as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['项目名称', '申报日期']);
    sheet.addRow(['茶叶深加工', 45721]);
    sheet.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    // Point the cell's style at built-in id 31, as Excel for zh-CN saves it.
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const custom = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"\/>/.exec(styles);
    expect(custom).not.toBeNull();
    zip.file('xl/styles.xml', styles.replace(custom![0], '').replace(new RegExp(`numFmtId="${custom![1]}"`, 'g'), 'numFmtId="31"'));
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const columns: ColumnSpec[] = [
      { key: 'title', label: '项目名称', kind: 'text' },
      { key: 'note', label: '申报日期', kind: 'text' },
    ];
    const { rows } = await readAll(bytes, columns);
    expect(rows[0].values).toEqual({ title: '茶叶深加工', note: '2025-03-05' });
  });

  it('keeps every Chinese character whole across the reader’s chunk boundaries', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['姓名', '工作单位']);
    const expected: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const name = `科技特派员第${i}号黄永清`;
      expected.push(name);
      sheet.addRow([name, `崇义县东山镇元鱼村${i}组`]);
    }
    const columns: ColumnSpec[] = [
      { key: 'name', label: '姓名', kind: 'text' },
      { key: 'employer', label: '工作单位', kind: 'text' },
    ];
    const { rows } = await readAll(Buffer.from(await workbook.xlsx.writeBuffer()), columns);
    expect(rows.map((r) => r.values.name)).toEqual(expected);
    expect(rows.filter((r) => String(r.values.employer).includes('\ufffd'))).toEqual([]);
  });

  it('keeps them whole in text written into the worksheet itself (inline strings, as streamed exports hold)', async () => {
    const path = join(dir, 'inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('名册');
    sheet.addRow(['服务内容']).commit();
    const line = (i: number) => `第${i}次服务：${'深入东山镇元鱼村指导脐橙种植和病虫害防治'.repeat(5)}`;
    for (let i = 0; i < 2000; i++) sheet.addRow([line(i)]).commit();
    sheet.commit();
    await writer.commit();
    const { rows } = await readAll(path, [{ key: 'text', label: '服务内容', kind: 'text' }]);
    expect(rows).toHaveLength(2000);
    expect(rows.filter((r, i) => r.values.text !== line(i)).map((r) => r.number)).toEqual([]);
  });
});

describe('files that are refused', () => {
  const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

  it('refuses .xls and WPS .et with the way out', async () => {
    await expect(openSheet(ole2, { fileName: '项目台账.xls' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: '这是旧版 Excel 文件（.xls），无法直接导入。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再上传',
    });
    // Renamed to .xlsx it is still an .xls: the bytes decide.
    await expect(openSheet(ole2, { fileName: '项目台账.xlsx' })).rejects.toMatchObject({ details: { reason: 'xls' } });
    await expect(openSheet(ole2, { fileName: '项目台账.et' })).rejects.toMatchObject({
      details: { reason: 'wps-et' },
      message: expect.stringContaining('WPS'),
    });
  });

  it('refuses a password-protected .xlsx saying so', async () => {
    const encrypted = Buffer.concat([ole2, Buffer.from('EncryptionInfo\0EncryptedPackage\0', 'utf16le')]);
    await expect(openSheet(encrypted, { fileName: '项目台账.xlsx' })).rejects.toMatchObject({
      details: { reason: 'encrypted' },
      message: expect.stringContaining('打开密码'),
    });
  });

  it('refuses OpenDocument, damaged workbooks, binary files and sheets with no header', async () => {
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    await expect(openSheet(await ods.generateAsync({ type: 'nodebuffer' }))).rejects.toMatchObject({ details: { reason: 'ods' } });
    const damaged = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    await expect(openSheet(damaged)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(openSheet(Buffer.from('%PDF-1.4\n\0\0\0'))).rejects.toMatchObject({ details: { reason: 'binary' } });
    await expect(openSheet(Buffer.alloc(0))).rejects.toMatchObject({ details: { reason: 'empty' } });
    await expect(openSheet(Buffer.from('1,2,3\n4,5,6\n'))).rejects.toMatchObject({ code: 'VALIDATION', details: { reason: 'no-header' } });
  });

  it('reads a file path as well as bytes', async () => {
    const path = join(dir, 'plain.csv');
    await writeFile(path, '名称,人数\n科技局,3\n');
    const { rows } = await readAll(path, [
      { key: 'name', label: '名称', kind: 'text' },
      { key: 'people', label: '人数', kind: 'integer', unit: '人' },
    ]);
    expect(rows.map((r) => r.values)).toEqual([{ name: '科技局', people: 3 }]);
    expect(await readFile(path, 'utf8')).toContain('科技局');
  });
});
