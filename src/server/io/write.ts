import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { numberText } from './cells.js';
import type { Choice, ColumnKind } from './columns.js';

/**
 * List exports: one worksheet, streamed row by row (exceljs WorkbookWriter), so 100,000 records
 * never sit in memory at once. The layout officials expect from a 台账 sent up to the city:
 *
 *   1  崇义县科技局科技项目台账                          ← title, merged across, bold
 *   2  导出日期：2025-07-01  筛选：状态为实施中；年度为2025 ← what this list is
 *   3  序号 | 项目名称 | 申报日期 | 项目经费(元) …        ← header, frozen, filter buttons on
 *   4… records: dates as real dates (yyyy-mm-dd), money as numbers with two decimals (#,##0.00)
 *   n  合计 |          |          | 1,234.50             ← optional: SUBTOTAL(109, …) per figure
 *
 * Widths fit the content: each column is as wide as its widest text among the header and the first
 * `widthSampleRows` records (CJK characters count two, as Excel draws them twice as wide as a
 * digit), plus padding, between 6 and 60. Widths must precede the rows in the file, so those first
 * records are held until the sample is complete (or the export ends). The totals use SUBTOTAL so
 * that they follow the filter a reader sets; the sum is also written as the cached result, so a
 * viewer that does not recalculate shows it. The same file reads back through read.ts unchanged
 * (title, info line and totals row are skipped).
 */
export interface ExportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For choice and choices: keys are written as labels. */
  choices?: Choice[];
  /** Whether the totals row sums this column; by default number, integer and money columns. */
  total?: boolean;
  /** For money: the unit the ledger keeps it in, 元 (default) or 万元. */
  unit?: string;
}

export interface ListExportOptions {
  /** A stream the .xlsx bytes go to, or a file path. */
  output: Writable | string;
  /** 单位: the bureau, as on its seal (崇义县科技局). */
  unitName: string;
  /** 台账名称 (科技项目台账). */
  ledgerName: string;
  /** 'YYYY-MM-DD'. */
  exportedOn: string;
  /** The list's filters in words, each a phrase (状态为实施中); none means the whole ledger. */
  filters?: string[];
  columns: ExportColumn[];
  /** Add a totals row under the records. */
  totals?: boolean;
  /** How many records decide the column widths (default 1000). */
  widthSampleRows?: number;
}

export interface ListExport {
  /** Adds one record: column key → value as the ledger stores it (money in 元, dates 'YYYY-MM-DD'). */
  add(record: Record<string, unknown>): void;
  /** Writes the totals row and the end of the file; resolves when the output has it all. */
  finish(): Promise<{ rows: number }>;
}

const TITLE_ROWS = 2;
const HEADER_ROW = TITLE_ROWS + 1;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const DATE_FORMAT = 'yyyy-mm-dd';
const MONEY_FORMAT = '#,##0.00';
/** 万元 to the 分: two decimals shown, up to six kept and shown when there (12.3456 stays 12.3456, not 12.35). */
const WAN_FORMAT = '#,##0.00####';

/** How many decimals an amount keeps: to the 分, in the column's unit (元: 2, 万元: 6). */
function moneyPlaces(column: ExportColumn): number {
  return column.unit === '万元' ? 6 : 2;
}

/**
 * Width of text in Excel's character units: East Asian wide and full-width characters count two
 * (汉字, ，（）, Ａ), everything else one. The widest line of multi-line text counts.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const ch of line) {
      const c = ch.codePointAt(0) ?? 0;
      const wide =
        (c >= 0x1100 && c <= 0x115f) ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) ||
        (c >= 0x20000 && c <= 0x3fffd);
      width += wide ? 2 : 1;
    }
    widest = Math.max(widest, width);
  }
  return widest;
}

/** A column width for the widest text in it. */
export function fitWidth(widest: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

/** A legal worksheet name: at most 31 characters, none of []:*?/\ . */
export function sheetNameOf(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || 'Sheet1';
}

/** 'YYYY-MM-DD' → a Date at UTC midnight, which exceljs writes as that day's serial. */
export function dateCell(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function choiceLabel(choices: Choice[] | undefined, key: unknown): string {
  return choices?.find((c) => c.key === key)?.label ?? String(key);
}

/** `n` rounded to `places` decimals, as a decimal would be (12.345 → 12.35, not 12.34). */
function roundTo(n: number, places: number): number {
  // Shifting the decimal point in the text avoids 1.005 * 100 = 100.49999…; exponent forms (1e-7) are too small or large for that to matter.
  if (/e/i.test(String(n))) return Math.round(n * 10 ** places) / 10 ** places;
  return Number(`${Math.round(Number(`${n}e${places}`))}e-${places}`);
}

/** The value a cell gets for `value` of a column of `kind`. */
function cellValue(column: ExportColumn, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'date':
      return typeof value === 'string' ? (dateCell(value) ?? value) : value instanceof Date ? value : String(value);
    case 'number':
    case 'integer':
    case 'money': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return String(value);
      return column.kind === 'money' ? roundTo(n, moneyPlaces(column)) : n;
    }
    case 'boolean':
      return value ? '是' : '否';
    case 'choice':
      return choiceLabel(column.choices, value);
    case 'choices':
      return Array.isArray(value) ? value.map((k) => choiceLabel(column.choices, k)).join('、') : choiceLabel(column.choices, value);
    default:
      return String(value);
  }
}

/** The text the cell shows, to size its column. */
function shownText(column: ExportColumn, value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return '2025-03-05';
  if (typeof value === 'number') {
    return column.kind === 'money'
      ? value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: moneyPlaces(column) })
      : numberText(value);
  }
  return String(value);
}

function isFigure(column: ExportColumn): boolean {
  return column.total ?? (column.kind === 'number' || column.kind === 'integer' || column.kind === 'money');
}

/** Starts a list export to `options.output`; add records, then finish. */
export function createListExport(options: ListExportOptions): ListExport {
  const { columns } = options;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof options.output === 'string' ? { filename: options.output } : { stream: options.output }),
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetNameOf(options.ledgerName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
  });
  const sampleSize = options.widthSampleRows ?? 1000;
  const widest = columns.map((c) => displayWidth(c.label));
  const held: ExcelJS.CellValue[][] = [];
  const sums = columns.map(() => 0);
  let rows = 0;
  let started = false;

  const writeRow = (values: ExcelJS.CellValue[]) => {
    sheet.addRow(values).commit();
  };

  const start = () => {
    started = true;
    columns.forEach((column, i) => {
      const col = sheet.getColumn(i + 1);
      col.width = fitWidth(column.kind === 'date' ? Math.max(widest[i], 10) : widest[i]);
      if (column.kind === 'date') col.numFmt = DATE_FORMAT;
      if (column.kind === 'money') col.numFmt = column.unit === '万元' ? WAN_FORMAT : MONEY_FORMAT;
    });
    const last = Math.max(columns.length, 1);
    const title = sheet.addRow([`${options.unitName}${options.ledgerName}`]);
    title.height = 28;
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.getCell(1).numFmt = 'General';
    sheet.mergeCells(1, 1, 1, last);
    title.commit();
    const filters = options.filters?.length ? options.filters.join('；') : '全部';
    const info = sheet.addRow([`导出日期：${options.exportedOn}　筛选：${filters}`]);
    info.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    info.getCell(1).numFmt = 'General';
    sheet.mergeCells(2, 1, 2, last);
    info.commit();
    const header = sheet.addRow(columns.map((c) => c.label));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF3' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.numFmt = 'General';
    });
    header.commit();
    for (const values of held) writeRow(values);
    held.length = 0;
  };

  return {
    add(record) {
      const values = columns.map((column, i) => {
        const value = cellValue(column, record[column.key]);
        if (isFigure(column) && typeof value === 'number') sums[i] += column.kind === 'money' ? Math.round(value * 10 ** moneyPlaces(column)) : value;
        return value;
      });
      rows++;
      if (started) {
        writeRow(values);
        return;
      }
      values.forEach((value, i) => {
        widest[i] = Math.max(widest[i], displayWidth(shownText(columns[i], value)));
      });
      held.push(values);
      if (held.length >= sampleSize) start();
    },
    async finish() {
      if (!started) start();
      const firstData = HEADER_ROW + 1;
      const lastData = HEADER_ROW + rows;
      const lastLetter = sheet.getColumn(Math.max(columns.length, 1)).letter;
      sheet.autoFilter = `A${HEADER_ROW}:${lastLetter}${Math.max(lastData, HEADER_ROW)}`;
      if (options.totals && columns.some(isFigure)) {
        const labelAt = Math.max(
          0,
          columns.findIndex((c) => !isFigure(c)),
        );
        const values: ExcelJS.CellValue[] = columns.map((column, i) => {
          if (i === labelAt) return '合计';
          if (!isFigure(column)) return null;
          const sum = column.kind === 'money' ? sums[i] / 10 ** moneyPlaces(column) : Number(sums[i].toPrecision(15));
          const letter = sheet.getColumn(i + 1).letter;
          return rows ? { formula: `SUBTOTAL(109,${letter}${firstData}:${letter}${lastData})`, result: sum } : 0;
        });
        const totals = sheet.addRow(values);
        totals.eachCell((cell) => {
          cell.font = { bold: true };
          cell.border = { top: { style: 'thin' } };
        });
        totals.commit();
      }
      sheet.commit();
      await workbook.commit();
      return { rows };
    },
  };
}
