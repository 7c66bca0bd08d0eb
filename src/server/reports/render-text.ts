import { stripUnsafeText } from '../../shared/common.js';
import type { Appendix, DraftDoc } from '../../shared/reports.js';
import { toChinesePunctuation } from '../../shared/typography.js';

// The work summary as text: Markdown (for previews and pasting into editors that read it) and plain
// text laid out as officials type it (title centred, paragraphs indented two full-width spaces).
// Every line is set in Chinese typography (shared/typography.ts), since people edit a version's
// text by hand and may type half-width , ; : ( ) into it. A draft with an appendix (a city's table of
// its counties) ends its body with the line 附件：<title> (GB/T 9704's 附件说明), then gives the
// appendix: 附件, its title, and the table (Markdown: a table with the figures right-aligned; plain
// text: a line a row, cells separated by tabs, which pastes into a spreadsheet as its columns).

/**
 * Lines of a text people edited: a line break inside a paragraph starts a new paragraph. Control
 * characters (refused since, but older records may hold them) are dropped; punctuation that meets
 * Chinese text is written full-width.
 */
const linesOf = (text: string): string[] =>
  stripUnsafeText(text)
    .split(/\r?\n/)
    .map((line) => toChinesePunctuation(line.trim()))
    .filter((line) => line.length > 0);

/** Every paragraph line of the body, in order: the opening, then each section's heading and paragraphs. */
function* blocks(doc: DraftDoc): Generator<{ kind: 'heading' | 'paragraph'; text: string }> {
  for (const text of linesOf(doc.opening.text)) yield { kind: 'paragraph', text };
  for (const section of doc.sections) {
    const heading = toChinesePunctuation(stripUnsafeText(section.heading).trim());
    if (heading) yield { kind: 'heading', text: heading };
    for (const paragraph of section.paragraphs) for (const text of linesOf(paragraph.text)) yield { kind: 'paragraph', text };
  }
}

/**
 * Record text as Markdown that reads back as the same text, never as markup: HTML (`<script>`) and
 * entities become `&lt;script&gt;`, `&amp;`; the backslash and the characters of emphasis, code,
 * links and strikethrough (* _ ` [ ] ~, the tilde common in Chinese text as in 3~5人) are
 * backslash-escaped.
 */
function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A line that Markdown would read as something else (a heading, list, rule or setext underline)
 * gets its first character escaped; Chinese ordinals such as 一、 or (一) need nothing. Quotes,
 * code fences and `*`/`_` rules are already escaped by escapeInline.
 */
function escapeLine(text: string): string {
  const inline = escapeInline(text);
  if (/^(#|[-+](\s|$)|\d+[.)](\s|$)|={3,}\s*$|-{3,}\s*$)/.test(inline)) {
    return inline.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#+=-])/, '\\$1');
  }
  return inline;
}

/** A text of the appendix on one line: its title, a header or a cell. */
const cellText = (text: string): string => toChinesePunctuation(stripUnsafeText(text).replace(/\s+/g, ' ').trim());

/** The appendix's title, header and rows as its lines give them; null when the draft has none (or an empty one). */
function appendixOf(doc: DraftDoc): Appendix | null {
  const appendix = doc.appendix;
  if (!appendix || !appendix.columns.length) return null;
  return { title: cellText(appendix.title), columns: appendix.columns.map(cellText), rows: appendix.rows.map((r) => r.map(cellText)) };
}

/** The line under the body naming the appendix (附件说明). */
export const appendixNote = (title: string): string => `附件：${title}`;

/** Title as `# `, section headings as `## `, paragraphs as plain lines; blocks separated by blank lines; the appendix as a table. */
export function renderMarkdown(doc: DraftDoc): string {
  const out: string[] = [];
  const title = linesOf(doc.title).join(' ');
  if (title) out.push(`# ${escapeInline(title)}`);
  for (const block of blocks(doc)) out.push(block.kind === 'heading' ? `## ${escapeInline(block.text)}` : escapeLine(block.text));
  const appendix = appendixOf(doc);
  if (appendix) {
    const cell = (text: string) => escapeInline(text).replace(/\|/g, '\\|');
    const row = (cells: string[]) => `| ${appendix.columns.map((_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
    out.push(escapeLine(appendixNote(appendix.title)), '---', '附件', `**${escapeInline(appendix.title)}**`);
    out.push([row(appendix.columns), `| ${appendix.columns.map((_, i) => (i === 0 ? ':---' : '---:')).join(' | ')} |`, ...appendix.rows.map(row)].join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

const LINE_CHARS = 28; // GB/T 9704: 28 characters a line
const FULL_WIDTH_SPACE = '\u3000';

/** Width in full-width characters: half-width (ASCII) characters count half. */
const widthInChars = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/**
 * Plain text: each title line centred on a 28-character line with full-width spaces, then a blank
 * line; headings on their own lines; paragraphs each on one line indented with two full-width spaces.
 */
export function renderPlainText(doc: DraftDoc): string {
  const out: string[] = [];
  const title = linesOf(doc.title);
  for (const line of title) {
    const pad = Math.max(0, Math.floor((LINE_CHARS - widthInChars(line)) / 2));
    out.push(FULL_WIDTH_SPACE.repeat(pad) + line);
  }
  if (title.length) out.push('');
  for (const block of blocks(doc)) out.push(block.kind === 'heading' ? block.text : FULL_WIDTH_SPACE.repeat(2) + block.text);
  const appendix = appendixOf(doc);
  if (appendix) {
    out.push('', FULL_WIDTH_SPACE.repeat(2) + appendixNote(appendix.title), '', '附件', '');
    out.push(FULL_WIDTH_SPACE.repeat(Math.max(0, Math.floor((LINE_CHARS - widthInChars(appendix.title)) / 2))) + appendix.title, '');
    for (const row of [appendix.columns, ...appendix.rows]) out.push(row.join('\t'));
  }
  return `${out.join('\n')}\n`;
}
