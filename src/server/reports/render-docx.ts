import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import { stripUnsafeText } from '../../shared/common.js';
import type { DraftDoc } from '../../shared/reports.js';

// The work summary as Word (.docx) in the national layout for official documents, GB/T 9704-2012:
// A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt);
// body 仿宋_GB2312 三号 (16 pt), 22 lines of 28 characters; first-level headings "一、" in 黑体,
// second-level "(一)" in 楷体_GB2312; page numbers "— 1 —" in 宋体 四号 (14 pt), odd pages right,
// even pages left, one character in from the edge. Fonts are only named: the machine that opens the
// file supplies them (Word and WPS pick Chinese text's font from `eastAsia`).

/** 1 mm in twips (1/20 pt): 1440 / 25.4. */
const TWIPS_PER_MM = 56.6929;
export const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);

export const PAGE = { width: 11906, height: 16838 } as const; // A4
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const; // 2098, 1984, 1587, 1474

const BODY_PT = 16; // 三号
const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;

/**
 * Fixed line pitch for 22 lines a page: the text area is 16838 − 2098 − 1984 = 12756 twips high;
 * 12756 / 22 = 579.8, and 22 × 580 = 12760 would not fit, so 579 (22 × 579 = 12738). Every
 * paragraph (and the Normal style) has exact 579 spacing. The section carries no grid type: Word
 * gives exact spacing precedence over a line grid anyway, while LibreOffice under a line grid gives
 * the 22 pt title two rows.
 */
export const LINE_PITCH = Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / LINES_PER_PAGE);

const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845 twips = 156 mm

/**
 * 28 characters a line. The text area is 8845 twips wide and 28 characters of 16 pt are 8960, so
 * each character's pitch is narrowed a little. Word's own way is the character grid
 * (`w:docGrid w:type="linesAndChars" w:charSpace`), but LibreOffice gives every character wider
 * than a grid cell two cells (16 pt glyphs in 15.79 pt cells): the text spreads to about 14 characters
 * a line. So the narrowing is run character spacing (`w:spacing`, whole twips), which Word, WPS and
 * LibreOffice all honour: 28 × (320 + s) ≤ 8845 → s ≤ −4.1 → −5, a 315-twip pitch (28 × 315 =
 * 8820 fits, 29 would not; justification spreads the 25 twips left).
 */
export const CHAR_TRACKING = Math.floor(TEXT_WIDTH / CHARS_PER_LINE - BODY_PT * 20);

/**
 * The grid's `w:charSpace` for 28 characters a line, kept in the section for Word's page setup (it
 * takes effect only if someone switches on 行和字符网格, and then still gives 28 a line):
 * (pitch − Normal font size) in points × 4096, rounded down so that 28 pitches fit:
 * pitch ≤ 8845 / 28 / 20 = 15.7946 pt → (15.7946 − 16) × 4096 = −841.1 → −842.
 */
export const CHAR_SPACE = Math.floor((TEXT_WIDTH / CHARS_PER_LINE / 20 - BODY_PT) * 4096);

const SIZE = { title: 44, body: 32, pageNumber: 28 } as const; // half-points: 二号, 三号, 四号
const CHAR = BODY_PT * 20; // one body character, in twips (320)
const PAGE_NUMBER_CHAR = 14 * 20; // one 四号 character (280)

const LATIN = 'Times New Roman';
const font = (eastAsia: string, latin = LATIN) => ({ ascii: latin, hAnsi: latin, eastAsia });
export const FONTS = {
  title: font('方正小标宋简体'),
  body: font('仿宋_GB2312'),
  heading1: font('黑体'),
  heading2: font('楷体_GB2312'),
  pageNumber: font('宋体', '宋体'),
} as const;

/** Fixed line spacing on the 579-twip pitch, no space before or after. */
const lineSpacing = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

type RunOptions = Omit<IRunOptions, 'children'>;
const normalRun = { font: FONTS.body, size: SIZE.body } as const;
const bodyRun: RunOptions = { font: FONTS.body, size: SIZE.body, characterSpacing: CHAR_TRACKING };
const heading1Run: RunOptions = { font: FONTS.heading1, size: SIZE.body, characterSpacing: CHAR_TRACKING };
const heading2Run: RunOptions = { font: FONTS.heading2, size: SIZE.body, characterSpacing: CHAR_TRACKING };
// The title keeps its natural spacing, and does not snap to a character grid should someone switch
// one on in Word (snapped, each 22 pt character would take two 16 pt cells).
const titleRun: RunOptions = { font: FONTS.title, size: SIZE.title, snapToGrid: false };

/** A body-text paragraph: justified, first line indented two characters, fixed line pitch. */
const bodyParagraph = (children: TextRun[]): Paragraph =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, spacing: lineSpacing, children });

const blankLine = (): Paragraph => new Paragraph({ spacing: lineSpacing, children: [new TextRun({ ...bodyRun, text: '' })] });

/** A second-level heading opens the paragraph: (一) or (一), Chinese numerals. */
const HEADING2 = /^[((][一二三四五六七八九十百]+[))]/;

/**
 * The runs of a body paragraph. One that opens with a second-level heading "(一)…" has that
 * heading, up to and including the first 。 (the whole paragraph when there is none), in 楷体;
 * everything else — plan items "一、…。…" included — is 仿宋.
 */
function bodyRuns(text: string): TextRun[] {
  if (HEADING2.test(text)) {
    const end = text.indexOf('。');
    const head = end < 0 ? text : text.slice(0, end + 1);
    const rest = end < 0 ? '' : text.slice(end + 1);
    return rest ? [new TextRun({ ...heading2Run, text: head }), new TextRun({ ...bodyRun, text: rest })] : [new TextRun({ ...heading2Run, text: head })];
  }
  return [new TextRun({ ...bodyRun, text })];
}

/**
 * Lines of a text people edited: a line break inside a paragraph starts a new paragraph. Characters
 * XML cannot hold (control characters, U+FFFE; refused since, but older records may have them) are
 * dropped, or Word would refuse the whole file.
 */
const linesOf = (text: string): string[] =>
  stripUnsafeText(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** Width of a line in body characters: half-width (ASCII) characters count half. */
const widthInChars = (text: string): number => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/** 2014-07-05 → 2014年7月5日 (GB/T 9704: the date in Arabic numerals, year in full, no leading zeros). */
export function officialDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date.trim();
}

/**
 * The signature (署名) and date (成文日期) under the text, GB/T 9704 §7.3.5.2 (no seal): one blank
 * line, then the organisation right-aligned two characters in from the edge, the date on the next
 * line starting two characters right of the organisation's first character; when the date is the
 * longer, the date keeps two characters from the edge and the organisation moves left instead.
 */
function signature(orgName: string | undefined, date: string | undefined): Paragraph[] {
  const org = stripUnsafeText(orgName ?? '').trim();
  const day = date?.trim() ? officialDate(date) : '';
  if (!org && !day) return [];
  const right = (text: string, chars: number): Paragraph =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(chars * CHAR) },
      spacing: lineSpacing,
      children: [new TextRun({ ...bodyRun, text })],
    });
  if (!org || !day) return [blankLine(), right(org || day, 2)];
  const orgWidth = widthInChars(org);
  const dayWidth = widthInChars(day);
  const dayRight = Math.max(2, orgWidth - dayWidth);
  const orgRight = dayRight + dayWidth + 2 - orgWidth;
  return [blankLine(), right(org, orgRight), right(day, dayRight)];
}

/** The page number "— 1 —": odd pages right with one character's indent, even pages left. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_CHAR } : { left: PAGE_NUMBER_CHAR },
        // One exact 14 pt line (not Normal's 579) 25.5 mm from the page edge puts the dashes 7 mm
        // below the text area, as GB/T 9704 §7.5 has it (measured in LibreOffice's PDF: 7.0 mm).
        spacing: { line: PAGE_NUMBER_CHAR, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [new TextRun({ font: FONTS.pageNumber, size: SIZE.pageNumber, children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'] })],
      }),
    ],
  });
}

export interface RenderDocxOptions {
  /** The signing organisation, e.g. 上犹县科技局. */
  orgName?: string;
  /** The date under it: 2014年7月5日, or YYYY-MM-DD which is written that way. */
  date?: string;
}

export async function renderDocx(doc: DraftDoc, options: RenderDocxOptions = {}): Promise<Buffer> {
  const children: Paragraph[] = [];

  // Title: centred, its own paragraph per line given (a long title wraps on its own), a blank line after.
  for (const line of linesOf(doc.title)) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: lineSpacing, children: [new TextRun({ ...titleRun, text: line })] }));
  }
  children.push(blankLine());

  for (const line of linesOf(doc.opening.text)) children.push(bodyParagraph(bodyRuns(line)));

  for (const section of doc.sections) {
    const heading = stripUnsafeText(section.heading).trim();
    if (heading) {
      const run = HEADING2.test(heading) ? heading2Run : heading1Run;
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 2 * CHAR },
          spacing: lineSpacing,
          keepNext: true,
          children: [new TextRun({ ...run, text: heading })],
        }),
      );
    }
    for (const paragraph of section.paragraphs) {
      for (const line of linesOf(paragraph.text)) children.push(bodyParagraph(bodyRuns(line)));
    }
  }

  children.push(...signature(options.orgName, options.date));

  const document = new Document({
    title: stripUnsafeText(doc.title),
    evenAndOddHeaderAndFooters: true,
    styles: {
      // Normal is 仿宋 三号 on the 579 line pitch, so that a paragraph added in Word looks like the
      // rest (Word carries the runs' character spacing on as people type); the grid's charSpace is
      // counted from its size. Character spacing stays on the runs: the title and the page numbers
      // keep their natural spacing.
      default: { document: { run: normalRun, paragraph: { spacing: lineSpacing } } },
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: normalRun, paragraph: { spacing: lineSpacing } }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: mm(15), footer: mm(25.5), gutter: 0 },
          },
          // No grid type (Word's 无网格): see LINE_PITCH and CHAR_TRACKING.
          grid: { linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
