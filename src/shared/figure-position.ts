// Where a figure sits in its paragraph's text. A figure carries its offset (`start`) from the
// draft; after edits the offset may be stale, and then the figure's text is looked for, but only
// where it does not sit inside another number: 7人 is not found inside 17人, nor 3个 inside 13个.

/** Characters a number is written with (Arabic, full-width, Chinese numerals, the decimal point). */
const NUMERAL = /[0-9０-９.．〇零一二三四五六七八九十百千万亿两]/;

function startsNumber(s: string): boolean {
  return s.length > 0 && NUMERAL.test(s[0]);
}

function endsNumber(s: string): boolean {
  return s.length > 0 && NUMERAL.test(s[s.length - 1]);
}

/** True when `figure` written at `at` in `text` is a whole number, not part of a longer one. */
export function atBoundary(text: string, figure: string, at: number): boolean {
  if (startsNumber(figure) && at > 0 && NUMERAL.test(text[at - 1])) return false;
  const end = at + figure.length;
  if (endsNumber(figure) && end < text.length && NUMERAL.test(text[end])) return false;
  return true;
}

/**
 * The offset of a figure's text in `text`, from `from` on: its own `start` when the text still
 * holds it there, otherwise the first occurrence at a boundary (not inside another number); -1 when
 * it is not there.
 */
export function locateFigure(text: string, figure: { text: string; start?: number }, from = 0): number {
  if (!figure.text) return -1;
  if (figure.start !== undefined && figure.start >= from && text.startsWith(figure.text, figure.start)) return figure.start;
  for (let at = text.indexOf(figure.text, from); at >= 0; at = text.indexOf(figure.text, at + 1)) {
    if (atBoundary(text, figure.text, at)) return at;
  }
  return -1;
}
