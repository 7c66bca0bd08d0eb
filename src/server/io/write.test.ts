import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from './columns.js';
import { mapHeaders } from './headers.js';
import { type ParsedRow, describeSkipped, openSheet, readRecords } from './read.js';
import { writeTemplate } from './template.js';
import { type ExportColumn, createListExport, displayWidth } from './write.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keguan-io-write-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const levels = [
  { key: 'national', label: '国家级' },
  { key: 'province', label: '省级' },
  { key: 'county', label: '县级' },
];

const columns: (ColumnSpec & ExportColumn)[] = [
  { key: 'title', label: '项目名称', kind: 'text', required: true, example: '茶叶深加工技术研究' },
  { key: 'applied', label: '申报日期', kind: 'date', example: '2025-03-05' },
  { key: 'level', label: '级别', kind: 'choice', choices: levels, example: '省级' },
  { key: 'funds', label: '项目经费（元）', kind: 'money', example: 120000 },
  { key: 'people', label: '参与人数', kind: 'integer', unit: '人', example: 7 },
  { key: 'accepted', label: '是否验收', kind: 'boolean', example: false },
];

async function readBack(path: string, specs: ColumnSpec[]) {
  const sheet = await openSheet(path, { columns: specs });
  const mapping = mapHeaders(sheet.layout.headers, specs);
  const rows: ParsedRow[] = [];
  for await (const row of readRecords(sheet, specs, mapping)) rows.push(row);
  return { sheet, mapping, rows };
}

describe('displayWidth', () => {
  it('counts CJK and full-width characters twice', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('科技局')).toBe(6);
    expect(displayWidth('经费（元）')).toBe(10);
    expect(displayWidth('短\n长一些的行')).toBe(10);
  });
});

describe('list export', () => {
  it('streams a titled, filtered, frozen list that reads back to the same records', async () => {
    const path = join(dir, 'projects.xlsx');
    const records = Array.from({ length: 600 }, (_, i) => ({
      title: `崇义县第${i}号科技富民强县项目`,
      applied: `2025-0${(i % 9) + 1}-15`,
      level: levels[i % 3].key,
      funds: i * 100 + 0.5,
      people: i % 20,
      accepted: i % 2 === 0,
    }));
    const exporter = createListExport({
      output: path,
      unitName: '崇义县科技局',
      ledgerName: '科技项目台账',
      exportedOn: '2025-07-01',
      filters: ['年度为2025', '状态为实施中'],
      columns,
      totals: true,
      widthSampleRows: 100,
    });
    for (const record of records) exporter.add(record);
    expect(await exporter.finish()).toEqual({ rows: 600 });

    const { sheet, mapping, rows } = await readBack(path, columns);
    expect(sheet.layout.titleLines).toEqual(['崇义县科技局科技项目台账', '导出日期：2025-07-01　筛选：年度为2025；状态为实施中']);
    expect(mapping.unmapped).toEqual([]);
    expect(rows.filter((r) => r.issues.length)).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual(records);
    expect(describeSkipped(sheet)).toEqual(['第1行：标题', '第2行：表头上方的单位、日期等说明', '第604行：合计行']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.worksheets[0];
    expect(ws.name).toBe('科技项目台账');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe('A3:F603');
    expect(ws.getCell('A1').isMerged && ws.getCell('F1').isMerged).toBe(true);
    expect(ws.getCell('B4').value).toEqual(new Date(Date.UTC(2025, 0, 15)));
    expect(ws.getCell('B4').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D5').value).toBe(100.5);
    expect(ws.getCell('D5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C4').value).toBe('国家级');
    expect(ws.getCell('F4').value).toBe('是');
    const total = ws.getCell('D604').value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe('SUBTOTAL(109,D4:D603)');
    expect(total.result).toBe(records.reduce((sum, r) => sum + r.funds, 0));
    expect(ws.getCell('A604').value).toBe('合计');
    // Widths follow the content of the first 100 records: the long Chinese names, not the header.
    expect(ws.getColumn(1).width).toBe(displayWidth('崇义县第99号科技富民强县项目') + 2);
    expect(ws.getColumn(3).width).toBe(8);
  });

  it('keeps an amount to the 分 in its unit: 万元 to six decimals (12.3456 stays), 元 to two, rounded as decimals', async () => {
    const path = join(dir, 'money.xlsx');
    const money: (ColumnSpec & ExportColumn)[] = [
      { key: 'title', label: '项目名称', kind: 'text' },
      { key: 'approved', label: '立项经费（万元）', kind: 'money', unit: '万元' },
      { key: 'fee', label: '评审费（元）', kind: 'money' },
    ];
    const exporter = createListExport({
      output: path,
      unitName: '崇义县科技局',
      ledgerName: '科技项目台账',
      exportedOn: '2025-07-01',
      columns: money,
      totals: true,
    });
    exporter.add({ title: '甲', approved: 12.3456, fee: 1.005 });
    exporter.add({ title: '乙', approved: 0.1, fee: 2 });
    await exporter.finish();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.worksheets[0];
    expect(ws.getCell('B4').value).toBe(12.3456);
    expect(ws.getCell('B4').numFmt).toBe('#,##0.00####');
    expect(ws.getCell('C4').value).toBe(1.01);
    expect(ws.getCell('C4').numFmt).toBe('#,##0.00');
    expect((ws.getCell('B6').value as ExcelJS.CellFormulaValue).result).toBe(12.4456);
    const { rows } = await readBack(path, money);
    expect(rows.map((r) => r.values.approved)).toEqual([12.3456, 0.1]);
  });

  it('writes an empty list with its header and no totals rows to sum', async () => {
    const path = join(dir, 'empty.xlsx');
    const exporter = createListExport({ output: path, unitName: '崇义县科技局', ledgerName: '科技项目台账', exportedOn: '2025-07-01', columns, totals: true });
    expect(await exporter.finish()).toEqual({ rows: 0 });
    const { sheet, rows } = await readBack(path, columns);
    expect(sheet.layout.headers.map((h) => h.label)).toEqual(columns.map((c) => c.label));
    expect(rows).toEqual([]);
  });
});

describe('import template', () => {
  it('marks required columns, offers drop-downs, explains each column, and reads back filled in', async () => {
    const path = join(dir, 'template.xlsx');
    const manyTowns: ColumnSpec = {
      key: 'town',
      label: '所在乡镇',
      kind: 'choice',
      choices: Array.from({ length: 40 }, (_, i) => ({ key: `t${i}`, label: `第${i}个很长名字的乡镇` })),
    };
    const specs: ColumnSpec[] = [...columns, manyTowns];
    await writeTemplate({ output: path, ledgerName: '科技项目台账', columns: specs });

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => `${w.name}:${w.state}`)).toEqual(['科技项目台账:visible', '填写说明:visible', '选项:hidden']);
    const ws = book.worksheets[0];
    expect((ws.getCell('A1').value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')).toBe('*项目名称');
    expect(ws.getCell('B1').value).toBe('申报日期');
    expect(ws.getCell('A1').note).toBeTruthy();
    expect(ws.getCell('C2').value).toBe('省级');
    expect(ws.getCell('A2').font?.italic).toBe(true);
    expect(ws.getCell('A5').numFmt).toBe('@');
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'list', formulae: ['"国家级,省级,县级"'] });
    expect(ws.getCell('F100').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell('G3').dataValidation).toMatchObject({ type: 'list', formulae: ["'选项'!$G$1:$G$40"] });
    const guide = book.getWorksheet('填写说明');
    const guideText = JSON.stringify(guide?.getSheetValues());
    expect(guideText).toContain('必填');
    expect(guideText).toContain('国家级、省级、县级');

    // A person fills one row under the example and uploads it.
    ws.getRow(3).values = ['脐橙保鲜示范', new Date(Date.UTC(2025, 2, 6)), '县级', '5万元', '3人', '是', '第3个很长名字的乡镇'];
    const filled = join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    const { sheet, mapping, rows } = await readBack(filled, specs);
    expect(mapping.unmapped).toEqual([]);
    expect(Object.keys(mapping.byKey)).toEqual(specs.map((s) => s.key));
    expect(rows.map((r) => ({ number: r.number, values: r.values, issues: r.issues }))).toEqual([
      { number: 3, values: { title: '脐橙保鲜示范', applied: '2025-03-06', level: 'county', funds: 50000, people: 3, accepted: true, town: 't3' }, issues: [] },
    ]);
    expect(describeSkipped(sheet)).toEqual(['第2行：模板示例行']);
  });
});
