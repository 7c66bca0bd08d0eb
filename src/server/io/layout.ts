import { type RawCell, type RawRow, cellText, columnLetter, isBlank } from './cells.js';
import type { ColumnSpec } from './columns.js';
import { type SheetHeader, mapHeaders } from './headers.js';
import type { SkipReason } from './messages.js';

/**
 * Where the table is in a sheet as government offices lay it out, and which rows are not records.
 *
 *   1  崇义县科技局2025年上半年科技项目台账            ← title (one cell, merged across)
 *   2  填报单位：崇义县科技局        填报日期：2025年7月1日 ← info line
 *   3                                                  ← blank
 *   4  序号 | 项目名称 | 项目经费(万元) |      | 备注     ← header, 项目经费 merged over C:D
 *   5       |          | 省级           | 县级 |          ← second header row
 *   6  1    | 茶叶深加工 | 10            | 5    |
 *  …
 *  20  合计 |          | 10            | 5    |          ← total
 *  21  填表人：张三    审核人：李四                        ← footer
 *
 * Rules:
 * 1. Header row: among the first rows, one with at least two non-blank visible cells, all of them
 *    text that is neither a number, a date nor an info line (单位：…, 日期：…, 填表人：…). With the
 *    ledger's columns known, the candidate whose headers match the most columns wins (the earliest
 *    on a tie); without, or when none matches, the first candidate with three or more cells (so
 *    附件1 | 标题 above the table is not taken for it), else the first candidate. A single cell is
 *    a candidate only when it names one of the ledger's columns (a one-column table).
 * 2. Second header row: the row right below, when all its non-blank cells are such text and at least
 *    one stands under a blank header cell to the right of a filled one — the trace of a header
 *    merged across columns (the streaming reader does not see merges, only that the value sits in
 *    the merge's first cell). Its labels join the label above: 项目经费(万元)·省级; a header cell
 *    merged down over both rows (序号) keeps its own label. Three header rows are not recognised.
 * 3. Rows above the header are titles, info lines or blank; all are reported as skipped.
 * 4. Below the header a row is skipped when it is blank (in the visible columns), a total (合计,
 *    小计, 总计, 共计, also 本页合计 …, alone or before a colon, bracket or digit, in one of its
 *    first two cells: 合计算法研究 is a record), a footer (all its cells info
 *    lines: 填表人：, 注：…), or a repeat of the header (sheets printed over several pages repeat it:
 *    most of its cells, the first among them, equal to the header cells above them).
 * 5. Hidden columns are left out of the headers and of every row; they are reported with their
 *    header so the person knows what was not read.
 */
export interface SheetLayout {
  /** First and last header row. */
  headerRows: { from: number; to: number };
  /** Labelled, visible columns, left to right. */
  headers: SheetHeader[];
  /** Hidden columns that have a header (in either header row). */
  hiddenHeaders: SheetHeader[];
  /** Text of the title and info rows above the header, one line per row. */
  titleLines: string[];
  /** Header texts per column (both header rows, as written), to spot a repeated header. */
  headerTexts: Map<number, Set<string>>;
  hiddenColumns: Set<number>;
}

/** Rows that were not read as records, as ranges of consecutive rows with one reason. */
export interface SkippedRows {
  from: number;
  to: number;
  reason: SkipReason;
}

/** How many rows from the top may come before the header. */
export const HEADER_SEARCH_ROWS = 30;

const INFO_LINE =
  /^((填报|制表|编制|报送|统计|填表|申报|导出|打印|金额|计量|数据|报表)?(单位|日期|时间|时期|截止日期|截至日期|期间)|(填报|填表|制表|审核|审批|经办|统计|联系|负责)人|(单位|统计)?负责人|联系电话|电话|分管领导|主要领导|注|备注|说明|附注)\d*:/;
const TOTAL_LINE = /^(总|本页|本月|本年|本期|本季|全县|全市|全镇|全乡|各项)?(合计|小计|总计|共计|总合计)($|[:([【\d])/;
const NUMERIC_TEXT = /^[-+]?[\d,]+(\.\d+)?%?$/;
const DATE_TEXT = /^\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?$/;

function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function isInfoText(text: string): boolean {
  return INFO_LINE.test(compact(text));
}

/** A cell that can be a header: text that does not read as a number, a date or an info line. */
function isLabelCell(cell: RawCell): boolean {
  if (typeof cell !== 'string') return false;
  const t = compact(cell);
  return t !== '' && !NUMERIC_TEXT.test(t) && !DATE_TEXT.test(t) && !INFO_LINE.test(t);
}

function visibleFilled(row: RawRow, hidden: Set<number>): { column: number; cell: RawCell }[] {
  const out: { column: number; cell: RawCell }[] = [];
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i];
    if (!isBlank(cell) && !hidden.has(i + 1)) out.push({ column: i + 1, cell });
  }
  return out;
}

function isHeaderCandidate(row: RawRow, hidden: Set<number>): boolean {
  const filled = visibleFilled(row, hidden);
  return filled.length >= 2 && filled.every((f) => isLabelCell(f.cell));
}

/** Header text as one line: line breaks inside a header cell are how long names wrap. */
function labelText(cell: RawCell | undefined): string {
  return cellText(cell)
    .replace(/\s*[\r\n]+\s*/g, '')
    .trim();
}

function isSubHeader(header: RawRow, next: RawRow | undefined, hidden: Set<number>): boolean {
  if (!next || next.number !== header.number + 1) return false;
  const filled = visibleFilled(next, hidden);
  if (filled.length === 0 || !filled.every((f) => isLabelCell(f.cell))) return false;
  return filled.some(({ column }) => isBlank(header.cells[column - 1]) && header.cells.slice(0, column - 1).some((c) => !isBlank(c)));
}

/** Labels of every column (hidden ones too) of a one- or two-row header. */
function composeLabels(top: RawRow, sub: RawRow | undefined): Map<number, string> {
  const labels = new Map<number, string>();
  const width = Math.max(top.cells.length, sub?.cells.length ?? 0);
  for (let c = 1; c <= width; c++) {
    const above = labelText(top.cells[c - 1]);
    const below = sub ? labelText(sub.cells[c - 1]) : '';
    if (above && below) labels.set(c, `${above}·${below}`);
    else if (above) labels.set(c, above);
    else if (below && sub) {
      // Walk left through the merge: blank above, labelled below, up to the cell holding the value.
      let p = c - 1;
      while (p >= 1 && !labelText(top.cells[p - 1]) && labelText(sub.cells[p - 1])) p--;
      const owner = p >= 1 ? labelText(top.cells[p - 1]) : '';
      labels.set(c, owner && labelText(sub.cells[p - 1]) ? `${owner}·${below}` : below);
    }
  }
  return labels;
}

function headersOf(labels: Map<number, string>, hidden: Set<number>): { headers: SheetHeader[]; hiddenHeaders: SheetHeader[] } {
  const headers: SheetHeader[] = [];
  const hiddenHeaders: SheetHeader[] = [];
  for (const [column, label] of [...labels].sort((a, b) => a[0] - b[0])) {
    const header = { column, letter: columnLetter(column), label };
    (hidden.has(column) ? hiddenHeaders : headers).push(header);
  }
  return { headers, hiddenHeaders };
}

/** Adds `row` to `skipped`, joining it to the last range when it follows on with the same reason. */
export function addSkipped(skipped: SkippedRows[], from: number, to: number, reason: SkipReason): void {
  const last = skipped[skipped.length - 1];
  if (last && last.reason === reason && last.to + 1 === from) last.to = to;
  else skipped.push({ from, to, reason });
}

/**
 * Finds the header among `rows` (the first rows of the sheet, in order) per rules 1–3, or null
 * when none of them is one. `skipped` receives the rows above the header.
 */
export function findLayout(rows: RawRow[], options: { hiddenColumns?: Set<number>; columns?: ColumnSpec[] }, skipped: SkippedRows[]): SheetLayout | null {
  const hidden = options.hiddenColumns ?? new Set<number>();
  const columns = options.columns ?? [];
  // A one-column table's header is one cell, like a title: it counts only when it names a column.
  const namesAColumn = (row: RawRow) => {
    const filled = visibleFilled(row, hidden);
    return (
      filled.length === 1 &&
      isLabelCell(filled[0].cell) &&
      columns.length > 0 &&
      Object.keys(mapHeaders(headersOf(composeLabels(row, undefined), hidden).headers, columns).byKey).length === 1
    );
  };
  const candidates = rows.map((row, i) => ({ row, i })).filter(({ row }) => isHeaderCandidate(row, hidden) || namesAColumn(row));
  if (candidates.length === 0) return null;
  // A two-cell row above a wider one is more often 附件1 | title than a two-column table.
  let chosen = candidates.find(({ row }) => visibleFilled(row, hidden).length >= 3) ?? candidates[0];
  if (columns.length) {
    let best = 0;
    for (const candidate of candidates) {
      const sub = isSubHeader(candidate.row, rows[candidate.i + 1], hidden) ? rows[candidate.i + 1] : undefined;
      const { headers } = headersOf(composeLabels(candidate.row, sub), hidden);
      const plain = headersOf(composeLabels(candidate.row, undefined), hidden).headers;
      const score = Math.max(Object.keys(mapHeaders(headers, columns).byKey).length, Object.keys(mapHeaders(plain, columns).byKey).length);
      if (score > best) {
        best = score;
        chosen = candidate;
      }
    }
  }
  const top = chosen.row;
  const sub = isSubHeader(top, rows[chosen.i + 1], hidden) ? rows[chosen.i + 1] : undefined;

  const titleLines: string[] = [];
  let expected = 1;
  for (const row of rows.slice(0, chosen.i)) {
    if (row.number > expected) addSkipped(skipped, expected, row.number - 1, 'blank');
    expected = row.number + 1;
    const filled = visibleFilled(row, hidden);
    if (filled.length === 0) {
      addSkipped(skipped, row.number, row.number, 'blank');
      continue;
    }
    const texts = filled.map((f) => cellText(f.cell));
    titleLines.push(texts.join('  '));
    addSkipped(skipped, row.number, row.number, texts.some(isInfoText) ? 'info' : 'title');
  }
  if (top.number > expected) addSkipped(skipped, expected, top.number - 1, 'blank');

  const headerTexts = new Map<number, Set<string>>();
  for (const row of sub ? [top, sub] : [top]) {
    row.cells.forEach((cell, i) => {
      const t = cellText(cell);
      if (!t) return;
      const set = headerTexts.get(i + 1) ?? new Set<string>();
      set.add(t);
      headerTexts.set(i + 1, set);
    });
  }
  return {
    headerRows: { from: top.number, to: sub ? sub.number : top.number },
    ...headersOf(composeLabels(top, sub), hidden),
    titleLines,
    headerTexts,
    hiddenColumns: hidden,
  };
}

/** Why a row below the header is not a record (rule 4), or null when it is one. */
export function classifyRow(row: RawRow, layout: SheetLayout): SkipReason | null {
  // Runs on every row of the sheet: the cheap tests (a 计, a colon) come before normalising.
  const filled = visibleFilled(row, layout.hiddenColumns);
  if (filled.length === 0) return 'blank';
  const isTotal = (cell: RawCell) => typeof cell === 'string' && cell.includes('计') && TOTAL_LINE.test(compact(cell));
  if (isTotal(filled[0].cell) || (filled.length > 1 && isTotal(filled[1].cell))) return 'total';
  if (filled.every((f) => typeof f.cell === 'string' && /[:：]/.test(f.cell) && isInfoText(f.cell))) return 'footer';
  if (filled.length >= 2 && typeof filled[0].cell === 'string' && layout.headerTexts.get(filled[0].column)?.has(filled[0].cell)) {
    const same = filled.filter((f) => typeof f.cell === 'string' && layout.headerTexts.get(f.column)?.has(f.cell));
    if (same.length >= Math.max(2, Math.ceil(filled.length * 0.8))) return 'repeatedHeader';
  }
  return null;
}
