import type { Appendix, DraftDoc } from '../../../../shared/reports.js';

// The summary laid out for printing from the browser, by the rules the Word file follows
// (src/server/reports/render-docx.ts, GB/T 9704-2012): the title a line per line given, a blank line,
// then the opening and each section's heading and paragraphs, a line break in a paragraph starting a
// new one; under the plan heading, items 一、 are the second level (一); a paragraph opening with (一)
// has that heading, up to its first 。, in 楷体; the signature (署名) and the date (成文日期) under the
// text, the date two characters right of the organisation's first character. A draft with an
// appendix (a city's table of its counties) names it under the text, one line down and two
// characters in (附件：<title>), above the signature, and prints it on a sheet of its own (附件, the
// title, the table). Pure, so it is tested without a browser; print-page.tsx draws it.

export type PrintBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; /** A second-level heading opening the paragraph, set in 楷体. */ lead: string | null };

export interface PrintLayout {
  titleLines: string[];
  blocks: PrintBlock[];
  /** Lines under the text, right-aligned with `right` characters kept from the edge. */
  signature: { text: string; right: number }[];
  /** The last paragraph is short enough (at most four lines) to go over with the signature whole. */
  keepLastWhole: boolean;
  /** The line naming the appendix under the text (附件：…), and the appendix; null without one. */
  appendix: { note: string; table: Appendix } | null;
}

const HEADING2 = /^[(（][一二三四五六七八九十百]+[)）]/;
const LEVEL1_ORDINAL = /^([一二三四五六七八九十百]+)、/;
const PLAN_SECTION = 'plan';
const CHARS_PER_LINE = 28;
const KEEP_WHOLE_LINES = 4;

/** Characters XML and print cannot hold (C0 controls but tab and newline, U+FFFE/U+FFFF, lone surrogates). */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const linesOf = (text: string): string[] =>
  text
    .replace(UNPRINTABLE, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** Width of a line in body characters: half-width (ASCII) characters count half. */
export const widthInChars = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/** 2014-07-05 → 2014年7月5日 (the date in Arabic numerals, year in full, no leading zeros). */
export function officialDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date.trim();
}

/** The day (YYYY-MM-DD) an API timestamp falls on in China, as the server dates a version when exporting it. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

function paragraphBlock(text: string): PrintBlock {
  if (!HEADING2.test(text)) return { kind: 'paragraph', text, lead: null };
  const end = text.indexOf('。');
  return end < 0 ? { kind: 'paragraph', text: '', lead: text } : { kind: 'paragraph', text: text.slice(end + 1), lead: text.slice(0, end + 1) };
}

/** The signature's lines: the organisation two characters from the edge, or moved left so the date starts two characters right of it. */
function signatureLines(orgName: string, date: string): PrintLayout['signature'] {
  const org = orgName.replace(UNPRINTABLE, '').trim();
  const day = date.trim() ? officialDate(date) : '';
  if (!org && !day) return [];
  if (!org || !day) return [{ text: org || day, right: 2 }];
  const dayRight = Math.max(2, widthInChars(org) - widthInChars(day));
  const orgRight = dayRight + widthInChars(day) + 2 - widthInChars(org);
  return [
    { text: org, right: orgRight },
    { text: day, right: dayRight },
  ];
}

/** The document as the printed page shows it. */
export function printLayout(doc: DraftDoc, orgName: string, date: string): PrintLayout {
  const blocks: PrintBlock[] = linesOf(doc.opening.text).map(paragraphBlock);
  for (const section of doc.sections) {
    const heading = section.heading.replace(UNPRINTABLE, '').trim();
    if (heading) blocks.push({ kind: 'heading', text: heading, level: HEADING2.test(heading) ? 2 : 1 });
    for (const paragraph of section.paragraphs) {
      for (const line of linesOf(paragraph.text)) blocks.push(paragraphBlock(section.key === PLAN_SECTION ? line.replace(LEVEL1_ORDINAL, '（$1）') : line));
    }
  }
  const last = blocks[blocks.length - 1];
  const lastText = last ? (last.kind === 'paragraph' ? (last.lead ?? '') + last.text : last.text) : '';
  return {
    titleLines: linesOf(doc.title),
    blocks,
    signature: signatureLines(orgName, date),
    keepLastWhole: Math.ceil((2 + widthInChars(lastText)) / CHARS_PER_LINE) <= KEEP_WHOLE_LINES,
    appendix: appendixOf(doc),
  };
}

function appendixOf(doc: DraftDoc): PrintLayout['appendix'] {
  const appendix = doc.appendix;
  if (!appendix?.columns.length) return null;
  const clean = (text: string) => text.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
  const title = clean(appendix.title);
  return { note: `附件：${title}`, table: { title, columns: appendix.columns.map(clean), rows: appendix.rows.map((r) => r.map(clean)) } };
}
