import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { AppError } from '../http/errors.js';
import { type RawCell, type RawRow, numberText } from './cells.js';
import { FILE_MESSAGES } from './messages.js';

/**
 * Rows of the first visible worksheet of an .xlsx, parsed by exceljs's streaming worksheet reader so
 * that memory stays flat whatever the row count (only the shared-string table is held, as Excel
 * does).
 *
 * The zip is opened by its central directory (unzipper, exceljs's own zip reader) instead of being
 * streamed front to back through exceljs's WorkbookReader, whose front-to-back pass goes wrong on
 * files that store a worksheet before the shared strings (LibreOffice does; so does any tool that
 * rewrites a zip): it parks the worksheet in a temp file and, at random (one run in two in this
 * folder's tests), ends the pass early, dropping every text cell and date format without an error.
 * Reading by path instead, the workbook, its relationships, the shared strings and the styles are
 * parsed first, then only the chosen worksheet is inflated and streamed: no temp files, the other
 * sheets never read. exceljs's parsers are used as they are, through the reader's internal methods
 * (exceljs is pinned, 4.4.0), with three corrections for Chinese government sheets:
 * 1. Multi-byte characters cut between two zip chunks come out as �� (exceljs issues #2063, #2084,
 *    PR #1665): it decodes each chunk on its own. Shared strings are read through setEncoding('utf8')
 *    and worksheet chunks through one streaming TextDecoder, so a character split across chunks is
 *    joined before the XML parser sees it.
 * 2. Hidden columns: the reader parses <cols> but drops the `hidden` attribute. The worksheet's
 *    chunks are scanned for <col … hidden="1"> up to <sheetData>, before the first row.
 * 3. Dates under the Chinese built-in formats (numFmtId 27–36, 50–58: yyyy"年"m"月"d"日" …) come
 *    out as plain numbers (exceljs issue #2893): exceljs knows those ids only per locale. They are
 *    registered as date formats once styles are read. A formula's cached result under a date format
 *    is turned into a Date here too (exceljs leaves it a serial).
 * Which sheet: the first in workbook.xml's order whose state is not hidden. Merged cells are not
 * reported by the streaming reader (<mergeCells> follows the rows, exceljs issue #3000): the layout
 * rules find merged headers from the cells instead.
 */
export interface XlsxSheetInfo {
  name: string;
  /** Column numbers (1 = A) hidden in the sheet. */
  hiddenColumns: Set<number>;
}

type Chunk = Buffer | string;

interface WorksheetInternals {
  name: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

interface ReaderInternals {
  model?: { sheets?: { name: string; state?: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  styles: { index?: { numFmt: (string | undefined)[] } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<{ eventType: string; value: WorksheetInternals }>;
}

/** Built-in number formats that are dates or times in the Chinese (and Japanese/Korean) locales. */
const CJK_DATE_FORMAT_IDS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

/** What a number format makes of a number: a date (exceljs's own test, utils.isDateFmt: a date
 * or time letter outside quotes and [..]), a percentage, or a plain figure. Cached per format. */
const formatKinds = new Map<string, 'date' | 'percent' | 'plain'>();

function formatKind(format: string | undefined): 'date' | 'percent' | 'plain' {
  if (!format) return 'plain';
  let kind = formatKinds.get(format);
  if (!kind) {
    const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
    kind = /[ymdhMsb]+/.test(bare) ? 'date' : bare.replace(/\\./g, '').includes('%') ? 'percent' : 'plain';
    if (formatKinds.size < 1000) formatKinds.set(format, kind);
  }
  return kind;
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** <col min max hidden> of the part of a worksheet before <sheetData>. */
function hiddenColumnsOf(head: string, into: Set<number>): void {
  for (const match of head.matchAll(/<col\b([^>]*)>/g)) {
    const attributes = match[1];
    if (!/\bhidden="(1|true)"/.test(attributes)) continue;
    const min = Number(/\bmin="(\d+)"/.exec(attributes)?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(attributes)?.[1] ?? min);
    // A hidden range to column XFD (16384) is how Excel hides "everything to the right".
    for (let c = min; c <= Math.min(max, 16384) && Number.isFinite(c); c++) into.add(c);
  }
}

/** Worksheet XML as whole characters, noting hidden columns on the way. */
async function* decodeWorksheet(chunks: AsyncIterable<Chunk>, hidden: Set<number>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let head: string | null = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (head !== null) {
      head += text;
      const end = head.indexOf('<sheetData');
      if (end >= 0 || head.length > 4_000_000) {
        hiddenColumnsOf(end >= 0 ? head.slice(0, end) : head, hidden);
        head = null;
      }
    }
    yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * The first sheet in workbook order that is not hidden and is a worksheet (not a chart sheet), with
 * its zip path: the relationship's target, relative to xl/ unless absolute.
 */
function firstVisibleSheet(reader: ReaderInternals): { name: string; path: string } | undefined {
  for (const sheet of reader.model?.sheets ?? []) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (!target || !/worksheets\//.test(target)) continue;
    return { name: sheet.name, path: target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}` };
  }
  return undefined;
}

function richTextOf(value: { richText: { text: string }[] }): string {
  return value.richText.map((run) => run.text).join('');
}

function textCell(text: string): RawCell {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function numberCell(value: number, format: string | undefined, date1904: boolean, isDate: boolean): RawCell {
  if (Number.isNaN(value)) return { error: '' };
  if (isDate) return serialToDate(value, date1904);
  if (formatKind(format) === 'percent') return `${numberText(value * 100)}%`;
  return value;
}

/** One exceljs cell as a RawCell: formulas give their cached result, rich text its plain text. */
function rawCell(cell: ExcelJS.Cell, date1904: boolean): RawCell {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return numberCell(value, cell.numFmt, date1904, false);
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value) return textCell(richTextOf(value as { richText: { text: string }[] }));
  if ('formula' in value || 'sharedFormula' in value) {
    // cell.result, not value.result: exceljs leaves a NaN result out of the value object. The
    // streaming reader parses an error result (#DIV/0!) as a number, so it arrives as NaN and its
    // code is lost: the message then says only that the formula gives an error.
    const result = cell.result as unknown;
    if (result === undefined || result === null) return null;
    if (typeof result === 'number') return numberCell(result, cell.numFmt, date1904, formatKind(cell.numFmt) === 'date');
    if (typeof result === 'string') return textCell(result);
    if (typeof result === 'boolean' || result instanceof Date) return result;
    if (typeof result === 'object' && 'error' in result) return { error: String(result.error) };
    return null;
  }
  if ('error' in value) return { error: String((value as { error: unknown }).error) };
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    if (typeof text === 'string') return textCell(text);
    if (typeof text === 'object' && text && 'richText' in text) return textCell(richTextOf(text as { richText: { text: string }[] }));
  }
  return null;
}

function toRawRow(row: ExcelJS.Row, date1904: boolean): RawRow {
  const cells: RawCell[] = [];
  row.eachCell((cell, column) => {
    const raw = rawCell(cell, date1904);
    if (raw === null) return;
    while (cells.length < column - 1) cells.push(null);
    cells[column - 1] = raw;
  });
  return { number: row.number, cells };
}

/**
 * Streams the rows of the first visible worksheet of `input` (the .xlsx bytes, or its path). `info`
 * is filled in before the first row is yielded. Throws an AppError when the file is no readable
 * workbook.
 */
export async function* readXlsxRows(input: Uint8Array | string, info: XlsxSheetInfo): AsyncGenerator<RawRow> {
  let sheet: Readable | undefined;
  try {
    const zip =
      typeof input === 'string' ? await unzipper.Open.file(input) : await unzipper.Open.buffer(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
    const entry = (path: string) => zip.files.find((f) => f.type === 'File' && f.path === path);
    // The reader is only a holder of exceljs's parsers here: the zip is read by path below.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as ReaderInternals;
    const rels = entry('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels.stream());
    const book = entry('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book.stream());
    reader.model ??= { sheets: [] };
    const strings = entry('xl/sharedStrings.xml');
    if (strings) {
      const stream = strings.stream();
      stream.setEncoding('utf8'); // correction 1
      for await (const _ of reader._parseSharedStrings(stream));
    }
    const styles = entry('xl/styles.xml');
    if (styles) {
      await reader._parseStyles(styles.stream());
      const formats = reader.styles.index?.numFmt; // correction 3
      if (formats) for (const id of CJK_DATE_FORMAT_IDS) formats[id] ??= 'yyyy-mm-dd';
    }
    // Without a readable workbook.xml: the first worksheet file by number.
    const chosen = firstVisibleSheet(reader);
    const path =
      chosen?.path ??
      zip.files
        .map((f) => f.path)
        .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0];
    const found = path ? entry(path) : undefined;
    if (!found) throw new AppError('UNSUPPORTED_MEDIA_TYPE', FILE_MESSAGES.noWorksheet, { reason: 'no-worksheet' });
    sheet = found.stream();
    const hidden = new Set<number>(); // correction 2
    const events = reader._parseWorksheet(decodeWorksheet(sheet, hidden), /(\d+)\.xml$/.exec(found.path)?.[1] ?? '1');
    const worksheet = events.next().value?.value;
    if (!worksheet) throw new AppError('UNSUPPORTED_MEDIA_TYPE', FILE_MESSAGES.noWorksheet, { reason: 'no-worksheet' });
    info.name = chosen?.name ?? worksheet.name;
    info.hiddenColumns = hidden;
    const date1904 = reader.properties?.model?.date1904 === true;
    for await (const row of { [Symbol.asyncIterator]: () => worksheet[Symbol.asyncIterator]() }) {
      yield toRawRow(row, date1904);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', FILE_MESSAGES.damaged, { reason: 'damaged', cause: String(error) });
  } finally {
    sheet?.destroy();
  }
}
