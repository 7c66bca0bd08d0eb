import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError } from '../http/errors.js';
import { type RawCell, type RawRow, cellText, columnLetter, isBlank } from './cells.js';
import { type ColumnSpec, exampleText } from './columns.js';
import { decodeText, parseCsv } from './csv.js';
import { DETECT_SAMPLE_BYTES, type TextEncoding, detectUpload } from './detect.js';
import { type HeaderMapping, headerUnit } from './headers.js';
import { HEADER_SEARCH_ROWS, type SheetLayout, type SkippedRows, addSkipped, classifyRow, findLayout } from './layout.js';
import { FILE_MESSAGES, SKIP_REASONS, rowRangeText } from './messages.js';
import { type CellResult, parseCell } from './values.js';
import { type XlsxSheetInfo, readXlsxRows } from './xlsx-reader.js';

/**
 * Reading an upload, start to end: what it is (detect.ts), its rows (xlsx-reader.ts or csv.ts),
 * where its table is (layout.ts), which column is which (headers.ts) and each cell's value
 * (values.ts). Rows stream from the file: only the first rows, up to the header and one more, are
 * held at once, so a sheet of 100,000 rows reads in flat memory.
 *
 *   const sheet = await openSheet(buffer, { fileName, columns });
 *   const mapping = mapHeaders(sheet.layout.headers, columns, manual);
 *   for await (const row of readRecords(sheet, columns, mapping)) …   // row.values, row.issues
 *   sheet.skipped                                                     // complete once read
 */

/** An upload: its bytes, or the path of a file holding them. */
export type UploadInput = Uint8Array | string;

export interface Sheet {
  kind: 'xlsx' | 'csv';
  /** For CSV: the encoding it was decoded from. */
  encoding?: TextEncoding;
  /** Worksheet name (the file's base name for LibreOffice-converted CSVs; '' for CSV). */
  sheetName: string;
  layout: SheetLayout;
  /** Rows that are not records, with why; complete once `rows()` (or readRecords) has finished. */
  skipped: SkippedRows[];
  /** The records' rows, below the header, hidden columns blanked. Call once. */
  rows(): AsyncGenerator<RawRow>;
  /** Stops reading and releases the file (also done when rows() runs to its end). */
  close(): Promise<void>;
}

interface Source {
  kind: 'xlsx' | 'csv';
  encoding?: TextEncoding;
  info: XlsxSheetInfo;
  rows: AsyncGenerator<RawRow>;
}

async function sampleOf(input: UploadInput): Promise<Uint8Array> {
  if (typeof input !== 'string') return input.subarray(0, DETECT_SAMPLE_BYTES);
  const handle = await open(input, 'r');
  try {
    const buffer = Buffer.alloc(DETECT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DETECT_SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function byteStream(input: UploadInput): Readable {
  return typeof input === 'string'
    ? createReadStream(input, { highWaterMark: 256 * 1024 })
    : Readable.from([Buffer.from(input.buffer, input.byteOffset, input.byteLength)]);
}

async function* csvRows(bytes: Readable, encoding: TextEncoding): AsyncGenerator<RawRow> {
  let number = 0;
  try {
    for await (const fields of parseCsv(decodeText(bytes, encoding))) {
      number++;
      const cells: RawCell[] = fields.map((f) => {
        const t = f.trim();
        return t === '' ? null : t;
      });
      yield { number, cells };
    }
  } finally {
    bytes.destroy();
  }
}

async function openSource(input: UploadInput, fileName: string | undefined): Promise<Source> {
  const upload = detectUpload(await sampleOf(input), fileName);
  const info: XlsxSheetInfo = { name: '', hiddenColumns: new Set() };
  if (upload.kind === 'xlsx') return { kind: 'xlsx', info, rows: readXlsxRows(input, info) };
  return { kind: 'csv', encoding: upload.encoding, info, rows: csvRows(byteStream(input), upload.encoding) };
}

/**
 * Opens an upload and reads down to its header (layout.ts). `columns`, when given, help pick the
 * header row. Throws an AppError (UNSUPPORTED_MEDIA_TYPE for a file it cannot read, VALIDATION when
 * no header is found).
 */
export async function openSheet(input: UploadInput, options: { fileName?: string; columns?: ColumnSpec[] } = {}): Promise<Sheet> {
  const source = await openSource(input, options.fileName);
  const iterator = source.rows;
  const head: RawRow[] = [];
  let filled = 0;
  try {
    // Up to HEADER_SEARCH_ROWS non-blank rows, and one more for a second header row.
    while (filled <= HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      if (next.value.cells.some((c) => !isBlank(c))) filled++;
    }
  } catch (error) {
    await iterator.return(undefined);
    throw error;
  }
  const skipped: SkippedRows[] = [];
  const found = findLayout(head, { hiddenColumns: source.info.hiddenColumns, columns: options.columns }, skipped);
  if (!found) {
    await iterator.return(undefined);
    throw new AppError('VALIDATION', FILE_MESSAGES.noHeader, { reason: 'no-header' });
  }
  const layout: SheetLayout = found;
  const replay = head.filter((row) => row.number > layout.headerRows.to);
  let started = false;

  async function* rows(): AsyncGenerator<RawRow> {
    if (started) throw new Error('Sheet.rows() can be read only once');
    started = true;
    let expected = layout.headerRows.to + 1;
    // Blank rows are reported only when a row follows them: the empty tail of a sheet is no news.
    let blankFrom = 0;
    const visit = (row: RawRow): RawRow | null => {
      if (row.number > expected && blankFrom === 0) blankFrom = expected;
      expected = row.number + 1;
      const reason = classifyRow(row, layout);
      if (reason === 'blank') {
        if (blankFrom === 0) blankFrom = row.number;
        return null;
      }
      if (blankFrom) addSkipped(skipped, blankFrom, row.number - 1, 'blank');
      blankFrom = 0;
      if (reason) {
        addSkipped(skipped, row.number, row.number, reason);
        return null;
      }
      const cells = layout.hiddenColumns.size ? row.cells.map((c, i) => (layout.hiddenColumns.has(i + 1) ? null : c)) : row.cells;
      return { number: row.number, cells };
    };
    try {
      for (const row of replay) {
        const data = visit(row);
        if (data) yield data;
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const data = visit(next.value);
        if (data) yield data;
      }
    } finally {
      await iterator.return(undefined);
    }
  }

  return {
    kind: source.kind,
    encoding: source.encoding,
    sheetName: source.info.name,
    layout,
    skipped,
    rows,
    close: async () => {
      await iterator.return(undefined);
    },
  };
}

/** One problem with one cell of a row. */
export interface CellIssue {
  key: string;
  /** Column header as in the sheet, or the ledger's label when the column is not in the sheet. */
  label: string;
  /** Column letters, '' when the column is not in the sheet. */
  letter: string;
  message: string;
}

export interface ParsedRow {
  /** The row number in the sheet. */
  number: number;
  /** Column key → parsed value (null for blank); only the columns without issues are trustworthy. */
  values: Record<string, unknown>;
  issues: CellIssue[];
}

/**
 * The records of `sheet`, each cell parsed for its column (values.ts), with every problem of the
 * row. A row equal to the template's example row (every column with an example, as written there)
 * is skipped and reported. Columns the mapping leaves out read as blank.
 */
export async function* readRecords(sheet: Sheet, columns: ColumnSpec[], mapping: HeaderMapping): AsyncGenerator<ParsedRow> {
  const plan = columns.map((spec) => {
    const column = mapping.byKey[spec.key];
    const header = column === undefined ? undefined : sheet.layout.headers.find((h) => h.column === column);
    const example = exampleText(spec);
    return {
      spec,
      index: column === undefined ? -1 : column - 1,
      label: header?.label ?? spec.label,
      letter: column === undefined ? '' : columnLetter(column),
      unit: header ? headerUnit(header.label) : null,
      // As the template writes it and the reader gives it back (a date cell reads 2025-03-05).
      example: column === undefined ? undefined : example,
    };
  });
  const withExamples = plan.filter((p) => p.example !== undefined);
  for await (const row of sheet.rows()) {
    if (withExamples.length && withExamples.every((p) => cellText(row.cells[p.index]) === p.example)) {
      addSkipped(sheet.skipped, row.number, row.number, 'example');
      continue;
    }
    const values: Record<string, unknown> = {};
    const issues: CellIssue[] = [];
    for (const p of plan) {
      const result: CellResult = parseCell(p.spec, p.index < 0 ? null : row.cells[p.index], p.unit);
      if (result.ok) values[p.spec.key] = result.value;
      else {
        values[p.spec.key] = null;
        issues.push({ key: p.spec.key, label: p.label, letter: p.letter, message: result.message });
      }
    }
    yield { number: row.number, values, issues };
  }
}

/** “第12行 D列（申报日期）：…” — an issue as one line for a person. */
export function describeIssue(row: number, issue: CellIssue): string {
  const where = issue.letter ? `第${row}行 ${issue.letter}列（${issue.label}）` : `第${row}行（${issue.label}）`;
  return `${where}：${issue.message}`;
}

/**
 * What was not read, one line each, in row order: “第1行：标题”, “第5–7行：空行”, “第3行：合计行”,
 * and the hidden columns (“隐藏列 C（备用金额）：未读取”).
 */
export function describeSkipped(sheet: Pick<Sheet, 'skipped' | 'layout'>): string[] {
  const lines = [...sheet.skipped].sort((a, b) => a.from - b.from).map((s) => `${rowRangeText(s.from, s.to)}：${SKIP_REASONS[s.reason]}`);
  for (const h of sheet.layout.hiddenHeaders) lines.push(h.label ? `隐藏列 ${h.letter}（${h.label}）：未读取` : `隐藏列 ${h.letter}：未读取`);
  return lines;
}
