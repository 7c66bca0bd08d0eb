import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { stripUnsafeText } from '../../shared/common.js';
import type { Appendix, DraftDoc } from '../../shared/reports.js';
import { toChinesePunctuation } from '../../shared/typography.js';

// The work summary as Word (.docx) in the national layout for official documents, GB/T 9704-2012:
// A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt);
// body 仿宋_GB2312 三号 (16 pt), 22 lines of 28 characters; first-level headings "一、" in 黑体,
// second-level "（一）" in 楷体_GB2312; page numbers "— 1 —" in 宋体 四号 (14 pt), odd pages right,
// even pages left, one character in from the edge. Fonts are only named: the machine that opens the
// file supplies them (Word and WPS pick Chinese text's font from `eastAsia`), and the font table
// (FONT_TABLE) says which face to take where one is missing. Text is marked Chinese (zh-CN, with the
// eastAsia hint) so that quotes and punctuation take the Chinese face and width. Every text written
// (title, opening, headings, paragraphs, plan items, the signing organisation) is set in Chinese
// typography (shared/typography.ts), as the Markdown and text exports are, since people edit a
// version's text by hand and may type half-width , ; : ( ) into it.
// Page breaks: the title and the headings never end a page, and the signature and date never stand
// on a page of their own (see `renderDocx`).
// A draft with an appendix (a city's table of its counties) follows §7.3.3 and §8: under the body,
// one blank line, then 附件：<title> two characters in (a longer title wraps under its own first
// character), then the signature; the appendix starts a new section on A4 landscape, 附件 in 黑体 三号 on the first
// line at the left, its title centred on the third line as the document's title is set, then the
// table (see `appendixBlocks`).

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
/**
 * A run's fonts. The eastAsia hint makes Word and WPS set the characters Unicode shares between
 * Latin and Chinese text (“”‘’—…·) in the Chinese face, full width, as Chinese punctuation.
 */
const font = (eastAsia: string, latin = LATIN) => ({ ascii: latin, hAnsi: latin, eastAsia, hint: 'eastAsia' });
/** The text's language: Chinese (PRC) for Chinese characters, so the spelling, quotes and line breaking follow it. */
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;
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
const normalRun = { font: FONTS.body, size: SIZE.body, language: LANGUAGE } as const;
const bodyRun: RunOptions = { font: FONTS.body, size: SIZE.body, characterSpacing: CHAR_TRACKING, language: LANGUAGE };
const heading1Run: RunOptions = { font: FONTS.heading1, size: SIZE.body, characterSpacing: CHAR_TRACKING, language: LANGUAGE };
const heading2Run: RunOptions = { font: FONTS.heading2, size: SIZE.body, characterSpacing: CHAR_TRACKING, language: LANGUAGE };
// The title keeps its natural spacing, and does not snap to a character grid should someone switch
// one on in Word (snapped, each 22 pt character would take two 16 pt cells).
const titleRun: RunOptions = { font: FONTS.title, size: SIZE.title, snapToGrid: false, language: LANGUAGE };

/**
 * The font table (word/fontTable.xml): each face the file names, with GB2312's character set (86)
 * and an alternative name, so that a PC without the _GB2312 fonts (Windows ships 仿宋, 楷体, 黑体 and
 * 宋体, not 仿宋_GB2312 or 方正小标宋简体) takes the right face instead of a Western one. The
 * signatures (`sig`) are the Unicode ranges and code pages of the faces, as Word writes them
 * (csb0 00040000: code page 936, simplified Chinese).
 */
const FONT_TABLE = [
  {
    name: '方正小标宋简体',
    altName: '宋体',
    charset: '86',
    family: 'modern',
    pitch: 'fixed',
    sig: ['00000001', '080E0000', '00000010', '00000000', '00040000', '00000000'],
  },
  {
    name: '仿宋_GB2312',
    altName: '仿宋',
    charset: '86',
    family: 'modern',
    pitch: 'fixed',
    sig: ['00000001', '080E0000', '00000010', '00000000', '00040000', '00000000'],
  },
  {
    name: '楷体_GB2312',
    altName: '楷体',
    charset: '86',
    family: 'modern',
    pitch: 'fixed',
    sig: ['00000001', '080E0000', '00000010', '00000000', '00040000', '00000000'],
  },
  {
    name: '黑体',
    altName: 'SimHei',
    panose1: '02010609060101010101',
    charset: '86',
    family: 'modern',
    pitch: 'fixed',
    sig: ['800002BF', '38CF7CFA', '00000016', '00000000', '00040001', '00000000'],
  },
  {
    name: '宋体',
    altName: 'SimSun',
    panose1: '02010600030101010101',
    charset: '86',
    family: 'auto',
    pitch: 'variable',
    sig: ['00000003', '288F0000', '00000016', '00000000', '00040001', '00000000'],
  },
  {
    name: LATIN,
    panose1: '02020603050405020304',
    charset: '00',
    family: 'roman',
    pitch: 'variable',
    sig: ['E0002EFF', 'C000785B', '00000009', '00000000', '000001FF', '00000000'],
  },
] as const;

/** word/fontTable.xml from FONT_TABLE (the docx package writes a font table only for fonts it embeds). */
function fontTableXml(): string {
  const fonts = FONT_TABLE.map((f) => {
    const [usb0, usb1, usb2, usb3, csb0, csb1] = f.sig;
    return (
      `<w:font w:name="${f.name}">` +
      ('altName' in f ? `<w:altName w:val="${f.altName}"/>` : '') +
      ('panose1' in f ? `<w:panose1 w:val="${f.panose1}"/>` : '') +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
      `<w:sig w:usb0="${usb0}" w:usb1="${usb1}" w:usb2="${usb2}" w:usb3="${usb3}" w:csb0="${csb0}" w:csb1="${csb1}"/>` +
      `</w:font>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fonts.join('')}</w:fonts>`
  );
}

/** How a paragraph breaks across pages: kept with the next one, kept whole, widow and orphan control. */
interface Keep {
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
}

/** A body-text paragraph: justified, first line indented two characters, fixed line pitch; no widow control unless asked. */
const bodyParagraph = (children: TextRun[], keep: Keep = { widowControl: false }): Paragraph =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR }, spacing: lineSpacing, ...keep, children });

const blankLine = (keep: Keep = {}): Paragraph => new Paragraph({ spacing: lineSpacing, ...keep, children: [new TextRun({ ...bodyRun, text: '' })] });

/** A second-level heading opens the paragraph: （一） (full-width, as GB/T 9704 has it) or (一), Chinese numerals. */
const HEADING2 = /^[(\uff08][一二三四五六七八九十百]+[)\uff09]/;

/** A first-level ordinal opening a line: 一、 */
const LEVEL1_ORDINAL = /^([一二三四五六七八九十百]+)、/;

/**
 * A plan item under the plan heading ("六、下半年工作计划") is the second level of the document:
 * "一、扎实开展….…" is written "（一）扎实开展….…", and so set in 楷体 up to its first 。 (drafts
 * made before the draft numbered them so, and items typed by hand, alike).
 */
const planItemLine = (line: string): string => line.replace(LEVEL1_ORDINAL, '\uff08$1\uff09');

/**
 * The runs of a body paragraph. One that opens with a second-level heading "（一）…" has that
 * heading, up to and including the first 。 (the whole paragraph when there is none), in 楷体;
 * everything else is 仿宋.
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
 * dropped, or Word would refuse the whole file; punctuation that meets Chinese text is written full-width.
 */
const linesOf = (text: string): string[] =>
  stripUnsafeText(text)
    .split(/\r?\n/)
    .map((line) => toChinesePunctuation(line.trim()))
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
  const org = toChinesePunctuation(stripUnsafeText(orgName ?? '').trim());
  const day = date?.trim() ? officialDate(date) : '';
  if (!org && !day) return [];
  // Each line is kept with the next: the blank line, the organisation and the date move as one.
  const right = (text: string, chars: number, keepNext: boolean): Paragraph =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(chars * CHAR) },
      spacing: lineSpacing,
      keepNext,
      keepLines: true,
      children: [new TextRun({ ...bodyRun, text })],
    });
  if (!org || !day) return [blankLine({ keepNext: true }), right(org || day, 2, false)];
  const orgWidth = widthInChars(org);
  const dayWidth = widthInChars(day);
  const dayRight = Math.max(2, orgWidth - dayWidth);
  const orgRight = dayRight + dayWidth + 2 - orgWidth;
  return [blankLine({ keepNext: true }), right(org, orgRight, true), right(day, dayRight, false)];
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

// ---------- the appendix (附件) ----------

/** Table text: 仿宋 五号 (10.5 pt), eleven columns across 156 mm. */
const TABLE_SIZE = 21;
const TABLE_CHAR = TABLE_SIZE * 10; // one 五号 character, in twips (210)
/** Exact lines of 15 pt in the table's cells; 57 twips (1 mm) of cell margin left and right. */
const TABLE_LINE = 300;
const CELL_MARGIN = 57;
const tableRun = (bold: boolean): RunOptions => ({ font: FONTS.body, size: TABLE_SIZE, language: LANGUAGE, ...(bold ? { bold: true } : {}) });
/** The header row in 五号 as the cells, bold; its unit on a line of its own. */
const HEADER_SIZE = TABLE_SIZE;
const HEADER_CHAR = HEADER_SIZE * 10;
const headerRun = (): RunOptions => ({ ...tableRun(true), size: HEADER_SIZE });

/** 附件说明 under the body: 附件：<title>, two characters in, a wrapped line under the title's first character (3 characters: 附件：). */
function appendixNote(title: string, keep: Keep): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { left: 5 * CHAR, hanging: 3 * CHAR },
    spacing: lineSpacing,
    ...keep,
    children: [new TextRun({ ...bodyRun, text: `附件：${title}` })],
  });
}

/**
 * The appendix on a page of its own: 附件 (黑体 三号, top left), a blank line, the title centred (as
 * the document's title), a blank line, and the table. The first column (单位) is as wide as its
 * longest name needs (at least four characters, at most 30% of the line), the figure columns share
 * the rest; the header row is bold, centred, and repeats on every page; names sit left, figures
 * right; no row splits across pages.
 */
function appendixBlocks(appendix: Appendix, textWidth: number): (Paragraph | Table)[] {
  const clean = (text: string) => toChinesePunctuation(stripUnsafeText(text).replace(/\s+/g, ' ').trim());
  const title = clean(appendix.title);
  const columns = appendix.columns.map(clean);
  const rows = appendix.rows.map((r) => columns.map((_, i) => clean(r[i] ?? '')));
  const figures = Math.max(1, columns.length - 1);
  const longest = Math.max(4, ...rows.map((r) => widthInChars(r[0] ?? '')), widthInChars(columns[0] ?? ''));
  // Each figure column holds at least a unit such as （万元）.
  const minOther = 4 * HEADER_CHAR + 2 * CELL_MARGIN;
  const first = Math.max(
    4 * TABLE_CHAR,
    Math.min(Math.round(textWidth * 0.3), textWidth - minOther * figures, Math.ceil(longest) * TABLE_CHAR + 2 * CELL_MARGIN),
  );
  const other = Math.floor((textWidth - first) / figures);
  const widths = columns.map((_, i) => (i === 0 ? textWidth - other * figures : other));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
          spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: header ? headerRuns(text) : [new TextRun({ ...tableRun(false), text })],
        }),
      ],
    });
  // A header's unit keeps to a line of its own (立项资金 / （万元）), never broken inside its brackets.
  const headerRuns = (text: string) => {
    const at = text.indexOf('（');
    if (at <= 0) return [new TextRun({ ...headerRun(), text })];
    return [new TextRun({ ...headerRun(), text: text.slice(0, at) }), new TextRun({ ...headerRun(), text: text.slice(at), break: 1 })];
  };
  const table = new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
  return [
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: lineSpacing,
      keepNext: true,
      children: [new TextRun({ ...heading1Run, characterSpacing: undefined, text: '附件' })],
    }),
    blankLine({ keepNext: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: lineSpacing,
      keepNext: true,
      keepLines: true,
      children: [new TextRun({ ...titleRun, text: title })],
    }),
    blankLine({ keepNext: true }),
    table,
  ];
}

export interface RenderDocxOptions {
  /** The signing organisation, e.g. 上犹县科技局; also the file's author (docProps). */
  orgName?: string;
  /** The date under it (成文日期): 2014年7月5日, or YYYY-MM-DD which is written that way. */
  date?: string;
}

/** The key of the draft's plan section (下半年工作计划), whose items are the second level. */
const PLAN_SECTION = 'plan';

/** Lines a body paragraph takes, about: its width in characters, two of indent, 28 a line. */
const linesTaken = (text: string): number => Math.ceil((2 + widthInChars(text)) / CHARS_PER_LINE);

/** A last paragraph of at most this many lines goes over to the signature's page whole (in Word). */
const KEEP_WHOLE_LINES = 4;

/**
 * The work summary as a .docx. Page breaks as a writer would have them: every title line and the
 * blank line under it are kept with the next (the title never ends a page); headings are kept whole
 * and with the next; the signature's lines are kept together, and the last body paragraph is kept
 * with them, so text goes over with the signature and date: they never stand on a page of their
 * own. In Word and WPS a last paragraph of up to four lines goes over whole, a longer one is split
 * under widow control (two lines go over). LibreOffice moves a kept paragraph whole, with the
 * heading kept with it (measured: a 9-line last paragraph under its heading leaves page 1 with 11
 * lines): so only the last paragraph is kept, never a chain of them. Other body paragraphs have
 * widow control off, as Chinese Word's Normal style has, so that a full page holds its 22 lines.
 */
export async function renderDocx(doc: DraftDoc, options: RenderDocxOptions = {}): Promise<Buffer> {
  const titleLines = linesOf(doc.title);
  const signed = signature(options.orgName, options.date);
  const appendix = doc.appendix?.columns.length ? doc.appendix : null;
  const appendixTitle = appendix ? toChinesePunctuation(stripUnsafeText(appendix.title).replace(/\s+/g, ' ').trim()) : '';

  const body: { text: string; heading: boolean }[] = [];
  for (const line of linesOf(doc.opening.text)) body.push({ text: line, heading: false });
  for (const section of doc.sections) {
    const heading = toChinesePunctuation(stripUnsafeText(section.heading).trim());
    if (heading) body.push({ text: heading, heading: true });
    for (const paragraph of section.paragraphs) {
      for (const line of linesOf(paragraph.text)) body.push({ text: section.key === PLAN_SECTION ? planItemLine(line) : line, heading: false });
    }
  }

  // The paragraph that goes over with the signature (and the 附件说明 above it), when there is one.
  const keptWithSignature = signed.length ? body.length - 1 : -1;
  // 附件说明: one blank line under the body, then 附件：<title>, kept with the signature under it.
  const note = appendix
    ? [blankLine({ keepNext: signed.length > 0 }), appendixNote(appendixTitle, signed.length ? { keepNext: true, keepLines: true } : {})]
    : [];

  const children: (Paragraph | Table)[] = [
    // Title: centred, its own paragraph per line given (a long title wraps on its own), a blank line after.
    ...titleLines.map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: lineSpacing,
          keepNext: true,
          keepLines: true,
          children: [new TextRun({ ...titleRun, text: line })],
        }),
    ),
    blankLine({ keepNext: true }),
    ...body.map(({ text, heading }, i) => {
      if (!heading) {
        if (i !== keptWithSignature) return bodyParagraph(bodyRuns(text));
        return bodyParagraph(
          bodyRuns(text),
          linesTaken(text) <= KEEP_WHOLE_LINES ? { keepNext: true, keepLines: true } : { keepNext: true, widowControl: true },
        );
      }
      const run = HEADING2.test(text) ? heading2Run : heading1Run;
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 2 * CHAR },
        spacing: lineSpacing,
        keepNext: true,
        keepLines: true,
        children: [new TextRun({ ...run, text })],
      });
    }),
    ...note,
    ...signed,
  ];

  const author = stripUnsafeText(options.orgName ?? '').trim() || '科管';
  const document = new Document({
    title: titleLines.join(''),
    creator: author,
    lastModifiedBy: author,
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
      // The appendix is a section of its own, on A4 turned sideways (a table of ten figures does not fit
      // the upright text width): it starts a new page, numbered on from the body.
      ...(appendix
        ? [
            {
              properties: {
                page: {
                  // The docx package turns the page itself: the size is given upright.
                  size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
                  margin: { ...MARGIN, header: mm(15), footer: mm(25.5), gutter: 0 },
                },
                grid: { linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
              },
              footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
              children: appendixBlocks(appendix, PAGE.height - MARGIN.left - MARGIN.right),
            },
          ]
        : []),
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
