/**
 * The raw cell values every reader (xlsx, csv) produces, and the few ways of looking at one that
 * both the layout rules and the value parsers share.
 */

/** A formula whose cached result is an error (#N/A, #DIV/0! …). */
export interface CellError {
  error: string;
}

/**
 * One cell as read: text is trimmed and never empty (a blank cell is null); a date-formatted cell
 * is a Date at UTC midnight of its day (plus the time of day, if any); a percent-formatted number
 * is the text Excel shows ('12.5%'), so that the parser sees what the person saw.
 */
export type RawCell = string | number | boolean | Date | CellError | null;

/** One row as read, before any layout rule: `cells[0]` is column A. */
export interface RawRow {
  /** The row number the person sees in Excel (or the record number in a CSV), from 1. */
  number: number;
  cells: RawCell[];
}

export function isBlank(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function isCellError(cell: RawCell | undefined): cell is CellError {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/**
 * A number as Excel shows it in a General cell: at most 15 significant digits, so binary noise
 * (0.1 + 0.2 = 0.30000000000000004) never reaches a message or a text field.
 */
export function numberText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

/** 'YYYY-MM-DD' of a Date read from a sheet (sheets carry no zone: the UTC day is the cell's day). */
export function isoDay(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The cell as one line of text, the way a header or a 合计 label is compared. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return isoDay(cell);
  return cell.error;
}

/** Column number (1 = A) to its letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
