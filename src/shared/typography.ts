/**
 * Chinese typography for the work summary: half-width punctuation that meets Chinese text becomes
 * full-width, as the office types it (GB/T 15834). Pure, no dependencies; the draft applies it to
 * the template's words and to every record text it inserts, and every export (Markdown, text, .docx)
 * applies it again to what people typed into a saved version.
 *
 * ## What changes
 *
 * The marks , ; : ? ! ( ) and straight double quotes "…" become ， ； ： ？ ！ （ ） and “…” where they
 * meet Chinese text. "Chinese" means a Han character, or a mark of Chinese text already there
 * (full-width punctuation and forms, 、。《》, “ ” ‘ ’, … and —).
 *
 * 1. Sentence marks , ; : ? ! change when the nearest character before or after them, spaces
 *    skipped, is Chinese (counting marks already changed, so ?! after a Han character both change):
 *    我局,积极 → 我局，积极; 共计1.5万余份;展出 → 共计1.5万余份；展出; 如下: → 如下：;
 *    使用Excel,提高效率 → 使用Excel，提高效率; 真的吗?! → 真的吗？！.
 * 2. Parentheses change as a pair when what they hold has Chinese text or either side of the pair
 *    touches it: 乡(镇) → 乡（镇）; (1)加强管理 → （1）加强管理; 版本(v1.2) → 版本（v1.2）;
 *    GDP(亿元) → GDP（亿元）. A pair of which one bracket is full-width already gets the other:
 *    乡（镇) → 乡（镇）. An unpaired bracket changes by its neighbours, like rule 1.
 * 3. Straight double quotes pair up in order ("…" then "…"; a straight quote after an open “ closes
 *    it) and change to “…” when the quoted text or either side of the pair is Chinese:
 *    开展"三送"工作 → 开展“三送”工作; "科技富民强县"项目 → “科技富民强县”项目. Quotation marks
 *    are never dropped: names keep theirs (“三送”, “科技富民强县”). Single quotes (apostrophes) and
 *    a quote left without a partner stay as they are.
 * 4. Spaces (not line breaks, not the indentation of a line) next to a mark that changed are
 *    dropped, since full-width marks carry their own space: 工作 , 成效 → 工作，成效;
 *    时间: 10:30 → 时间：10:30; 版本 (v1.2) → 版本（v1.2）.
 *
 * ## What never changes
 *
 * 5. Numbers: a mark with a digit right before and right after it stays: 1,234份, 上午10:30,
 *    比例3:2, 1,234.5元 (also 1,2月, which Chinese writes 1、2月: this function does not guess).
 *    Dates (2014-06-30, 2014.6.30), decimals (3.5) and codes (credit codes 91360724MA…, 360724…)
 *    hold no mark it changes, and a mark between a code and Chinese text is Chinese punctuation:
 *    信用代码:91360724MA… → 信用代码：91360724MA….
 * 6. URLs (http://, https://, ftp://, www.), e-mail addresses and file names (a name ending in
 *    .docx, .xlsx, .pdf, .txt … whose brackets pair up within it) are kept whole:
 *    见https://kjj.example.gov.cn/a?b=1,2 stays; the mark after a URL or an address is the
 *    sentence's: 邮箱:kjj@example.cn,电话 → 邮箱：kjj@example.cn，电话; 新建文档(2).docx stays,
 *    and 附件(总结(2).docx) → 附件（总结(2).docx）.
 * 7. Latin-only text: a mark with no Chinese on either side stays: Hello, world; Windows (64-bit);
 *    f(x); C:\Users; Excel, Word和PPT (the comma sits between Latin words).
 * 8. The period . is never changed (decimals, file names, abbreviations); the draft ends its
 *    sentences with 。 itself. A second pass changes nothing.
 */

const FULL_WIDTH: Record<string, string> = { ',': '\uff0c', ';': '\uff1b', ':': '\uff1a', '?': '\uff1f', '!': '\uff01', '(': '\uff08', ')': '\uff09' };
const SENTENCE_MARKS = new Set([',', ';', ':', '?', '!']);
const OPEN_QUOTE = '\u201c';
const CLOSE_QUOTE = '\u201d';
const OPEN_PAREN = '\uff08';
const CLOSE_PAREN = '\uff09';
/** Full-width marks next to which spaces are dropped (the ones this function writes). */
const SPACE_EATERS = new Set(Object.values(FULL_WIDTH));

const HAN = /\p{Script=Han}/u;
const DIGIT = /^[0-9]$/;

/** Whether a character is Chinese text for rule 1: Han, CJK punctuation and forms, curly quotes, … and —. */
export function isChineseChar(ch: string | undefined): boolean {
  if (!ch) return false;
  if (HAN.test(ch)) return true;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation: 、。《》「」…
    (c >= 0xff00 && c <= 0xffef) || // full-width forms: ,;:()!?
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2026 ||
    c === 0x2014
  );
}

const FILE_EXTENSIONS = 'docx?|xlsx?|pptx?|pdf|txt|md|csv|wps|et|dps|ofd|jpe?g|png|gif|bmp|tiff?|zip|rar|7z';
const PROTECTED: RegExp[] = [
  // URLs; trailing sentence punctuation is trimmed below.
  /(?:(?:https?|ftp):\/\/|www\.)[^\s<>"\u201c\u201d\u2018\u2019\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/giu,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  // File names: no space or sentence mark inside, brackets only in pairs (新建文档(2).docx).
  new RegExp(
    `(?:[^\\s,;:?!"\\u201c\\u201d()\\uff08\\uff09\\uff0c\\uff1b\\uff1a\\u3001\\u3002<>|*\\\\/]|\\([^\\s()]*\\))+\\.(?:${FILE_EXTENSIONS})(?![A-Za-z0-9])`,
    'giu',
  ),
];

/** The URL match without the punctuation that ends the sentence around it (and an unpaired closing bracket). */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (/[.,;:!?'"]/.test(last)) end--;
    else if (last === ')' && (url.slice(0, end).match(/\(/g)?.length ?? 0) < (url.slice(0, end).match(/\)/g)?.length ?? 0)) end--;
    else break;
  }
  return url.slice(0, end);
}

/** The text with its punctuation normalised, and where each input position (UTF-16) went in it. */
export interface PunctuationResult {
  text: string;
  /** map[i] = the output position of the input's i-th code unit; map[input.length] = text.length. */
  map: number[];
}

/**
 * Rules 1–8 with the position map, so a caller holding spans of the input (a figure inside a
 * sentence) finds them in the output: output.slice(map[start], map[end]).
 */
export function toChinesePunctuationMapped(input: string): PunctuationResult {
  const chars = Array.from(input);
  // The code point index of each UTF-16 offset.
  const cpOfUnit: number[] = [];
  chars.forEach((ch, i) => {
    for (let k = 0; k < ch.length; k++) cpOfUnit.push(i);
  });
  cpOfUnit.push(chars.length);

  const guarded = new Array<boolean>(chars.length).fill(false);
  for (const pattern of PROTECTED) {
    for (const m of input.matchAll(pattern)) {
      const text = pattern === PROTECTED[0] ? trimUrl(m[0]) : m[0];
      for (let u = m.index; u < m.index + text.length; u++) guarded[cpOfUnit[u]] = true;
    }
  }

  const out = [...chars];
  const changed = new Array<boolean>(chars.length).fill(false);
  const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\u00a0';
  /** The nearest character in a direction, spaces skipped (line breaks are not skipped). */
  const neighbour = (i: number, dir: 1 | -1): string | undefined => {
    let j = i + dir;
    while (j >= 0 && j < out.length && (out[j] === '' || isSpace(out[j]))) j += dir;
    return j >= 0 && j < out.length ? out[j] : undefined;
  };
  const chineseAround = (i: number) => isChineseChar(neighbour(i, -1)) || isChineseChar(neighbour(i, 1));
  const chineseWithin = (from: number, to: number) => out.slice(from + 1, to).some((ch) => isChineseChar(ch));
  const change = (i: number, to: string) => {
    if (out[i] === to) return;
    out[i] = to;
    changed[i] = true;
  };

  // Rule 3: quotes, paired in order.
  let open: number | null = null;
  const quotePairs: [number, number][] = [];
  chars.forEach((ch, i) => {
    if (guarded[i]) return;
    if (ch === OPEN_QUOTE) open = i;
    else if (ch === CLOSE_QUOTE) {
      if (open !== null) quotePairs.push([open, i]);
      open = null;
    } else if (ch === '"') {
      if (open === null) open = i;
      else {
        quotePairs.push([open, i]);
        open = null;
      }
    }
  });
  for (const [o, c] of quotePairs) {
    if (chars[o] !== '"' && chars[c] !== '"') continue;
    const curlyPartner = chars[o] === OPEN_QUOTE || chars[c] === CLOSE_QUOTE;
    if (curlyPartner || chineseWithin(o, c) || isChineseChar(neighbour(o, -1)) || isChineseChar(neighbour(c, 1))) {
      change(o, OPEN_QUOTE);
      change(c, CLOSE_QUOTE);
    }
  }

  // Rule 2: brackets, paired with a stack (full-width ones take part, so a half pair follows its partner).
  const stack: number[] = [];
  const parenPairs: [number, number][] = [];
  const lone: number[] = [];
  chars.forEach((ch, i) => {
    if (guarded[i]) return;
    if (ch === '(' || ch === OPEN_PAREN) stack.push(i);
    else if (ch === ')' || ch === CLOSE_PAREN) {
      const o = stack.pop();
      if (o === undefined) lone.push(i);
      else parenPairs.push([o, i]);
    }
  });
  lone.push(...stack);
  for (const [o, c] of parenPairs) {
    if (chars[o] !== '(' && chars[c] !== ')') continue;
    const fullPartner = chars[o] === OPEN_PAREN || chars[c] === CLOSE_PAREN;
    if (fullPartner || chineseWithin(o, c) || isChineseChar(neighbour(o, -1)) || isChineseChar(neighbour(c, 1))) {
      change(o, OPEN_PAREN);
      change(c, CLOSE_PAREN);
    }
  }
  for (const i of lone) if ((chars[i] === '(' || chars[i] === ')') && chineseAround(i)) change(i, FULL_WIDTH[chars[i]]);

  // Rule 1 (and 5): sentence marks, until nothing more changes (a mark changed makes its neighbour's context Chinese).
  for (let again = true; again;) {
    again = false;
    chars.forEach((ch, i) => {
      if (guarded[i] || !SENTENCE_MARKS.has(ch) || changed[i]) return;
      if (DIGIT.test(chars[i - 1] ?? '') && DIGIT.test(chars[i + 1] ?? '')) return;
      if (chineseAround(i)) {
        change(i, FULL_WIDTH[ch]);
        again = true;
      }
    });
  }

  // Rule 4: spaces next to a changed mark, but not a line's indentation or its trailing spaces.
  const lineEdge = (j: number) => j < 0 || j >= out.length || out[j] === '\n' || out[j] === '\r';
  out.forEach((ch, i) => {
    if (!changed[i] || !SPACE_EATERS.has(ch)) return;
    for (const dir of [-1, 1] as const) {
      let j = i + dir;
      while (!lineEdge(j) && isSpace(out[j])) j += dir;
      if (j === i + dir || lineEdge(j)) continue;
      for (let k = i + dir; k !== j; k += dir) out[k] = '';
    }
  });

  const map: number[] = [];
  let at = 0;
  out.forEach((ch, i) => {
    for (let k = 0; k < chars[i].length; k++) map.push(at + Math.min(k, ch.length));
    at += ch.length;
  });
  map.push(at);
  return { text: out.join(''), map };
}

/** Half-width , ; : ? ! ( ) and "…" that meet Chinese text written full-width (the rules above). */
export function toChinesePunctuation(text: string): string {
  return toChinesePunctuationMapped(text).text;
}
