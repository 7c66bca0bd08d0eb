/**
 * Phrasing figures the way a county bureau writes them in a work summary (工作总结).
 *
 * Pure functions, no dependencies. Every figure the summary prints goes through here, so the
 * draft reads like the seed: "共5次", "1.5万余份", "80余块", "近1.2万人次", "三万多元", "各1项",
 * "4户中已有2户". The writer can switch any one figure to its exact value (mode: 'exact').
 *
 * ## Rounding rules (mode 'approx', the default)
 *
 * 1. Small and round figures are exact. Below 50 the number is written as it is: 7人, 5次, 46人, 49.
 *    A round figure, i.e. a multiple of ten with at most two significant digits, is written as it
 *    is too, with no 余 or 近: 50, 80, 110, 200人, 450人次, 800份, 1900, 8500元, 1.5万份 (15,000),
 *    1.2万 (12,000), 3万元 (30,000). (83 has two significant digits but is no multiple of ten: rule 3.)
 * 2. 近 (nearly). A figure just below a round value is written 近 that value: let the step be 10 for
 *    83 or 196 (two significant digits when the leading digit is 1, otherwise one: 100 for 812,
 *    1,000 for 11,860, 10,000 for 31,500) and c the figure rounded up to the step. When c − n ≤ 3% of
 *    c, write 近c: 196 → 近200 (4 ≤ 6); 194 → 近200 (6 ≤ 6); 97 → 近100 (3 ≤ 3); 11,860 → 近1.2万
 *    (140 ≤ 360); 9,999 → 近1万; 1,860 → 近1900; 486 → 近500 (14 ≤ 15). 近 is never put before a
 *    finer value than that step: 458 is not 近460 (rule 3 makes it 450余).
 * 3. 余 (more than). Otherwise the figure is rounded down to one significant digit, f, and written
 *    f余, unless that loses more than a tenth of the figure (n − f > n/10): then it keeps two
 *    significant digits. 83 → 80余 (3 ≤ 8.3); 812 → 800余; 31,500 → 3万余 (1,500 ≤ 3,150); 101 →
 *    100余; 9,500 → 9000余 (500 ≤ 950); but 458 → 450余 (400 would lose 58 > 45.8); 15,230 →
 *    1.5万余 (10,000 would lose a third); 193 → 190余; 123 → 120余; 255 → 250余; 1,234 → 1200余.
 *    A figure that is its own two-significant-digit value is written as it is: 56 (50 would lose
 *    6 > 5.6), 67. So a figure is never written more than about a tenth below its value, and 近
 *    never more than 3% above.
 * 4. Units of 万 and 亿. A written value (f, c, or the round figure itself) of 1万 (10,000) or more
 *    is written in 万, of 1亿 (100,000,000) or more in 亿, with the decimal that the precision
 *    gives (at most one): 1.5万, 1.2万, 3万, 12万 (120,000), 150万, 1000万, 1.5亿, 近1亿 (99,000,000).
 *    The unit follows the written value, not the raw figure: 9,999 → 近1万. Below 1万 the value is
 *    plain digits without separators: 9000余, 1000, 近1900. (No unit above 亿: figures of 1万亿 and
 *    more are far beyond a county's scale and read e.g. 15000亿.)
 * 5. Wording switches. options.more = '多' writes 多 instead of 余 (3万多元, 80多块); 近 stays 近.
 *    余/多 goes where Chinese puts it, for every figure (counts, 元 and 万元 alike): after a number
 *    ending in a place, before 万/亿 (30余万, 240余万 for 2,480,000, 150余万元, 三十多万元, 30余亿);
 *    after 万/亿 when the number ends in a unit digit or a decimal (3万余, 12万余, 1.5万余, 1.5亿余;
 *    never 5余万 or 240万余). Below 1万 it simply follows the number: 80余, 9000余.
 *    options.chinese writes the number part in Chinese numerals (house style for money): 三万多元,
 *    一点五万余份 (a decimal is read digit by digit after 点), 近一点二万, 八十余, 十二万.
 *    The digit 2 reads 两 in the 千 place, and as a whole count in front of 万/亿 or a measure word
 *    (两千二百, 两万多元, 两亿, 两户); elsewhere 二 (二十, 二百, 十二万, 二点五元, a bare 二).
 * 6. Exact mode (the per-figure switch) writes the figure as it is: integers in plain digits with no
 *    separators and never in 万 (15230份, 150000000), non-integers with trailing zeros trimmed
 *    (12.5, at most 4 decimals; money at most 2, i.e. to the 分). With options.chinese the full
 *    figure is spelled out (一万五千二百三十). Non-integers below 50 in approx mode print the same way.
 * 7. Invalid input. A negative or non-finite figure (NaN, ±Infinity) throws a RangeError with a
 *    Chinese message ("数值须为非负的有限数…"); so do the other misuses noted per function.
 *
 * ## Other phrasing
 *
 * - chineseNumeral: 0 → 零, 10 → 十, 15 → 十五, 105 → 一百零五, 110 → 一百一十, 1,005 → 一千零五,
 *   2,014 → 两千零一十四, 10,500 → 一万零五百, 100,000 → 十万, 100,000,005 → 一亿零五;
 *   one 零 for any run of zeros, 一十 shortened to 十 only at the very start. 两 as in rule 5.
 *   Integer part up to Number.MAX_SAFE_INTEGER (sections 万, 亿, 万亿).
 * - ordinal: 一, 二, … 十, 十一, 二十 — for 一是、二是 and 一、二、; always 二, never 两; from 1.
 * - joinNames: 'A', 'A和B', 'A、B和C'; quote wraps each name in “” and keeps the 顿号, as the seed
 *   writes “科技三下乡”、“科技活动周”. A list followed by 等 (etc: true) takes no 和, since 等 closes
 *   it: 'A、B、C' + 等工作 = 科普统计、民营科技企业统计、科技人员入园入企工作情况统计等工作 (never
 *   'A、B和C等'); 林业、农业等部门.
 * - phraseEach: 各 + the quantity: 各1项 (same rules as phraseQuantity).
 * - phraseShare (part of a whole, counts written exactly, the caller appends the predicate):
 *   4户中已有2户(落实到位); all → 4户全部(落实到位); none → 4户均未(落实到位).
 *   Non-integer counts, part > whole, or whole = 0 throw a RangeError.
 * - phraseMoney: the rules above with the unit 元: 3万余元, 三万多元, 8000元 (below 1万 in 元, never
 *   0.8万元), 8000余元 for 8,350, 370余万元 for 3,730,000; exact → 31500元.
 * - phraseWan: amounts kept in 万元 (project funds), counted in 元 and written as phraseMoney writes
 *   that many 元, so an amount reads the same whichever unit it was kept in (phraseWan(373) =
 *   phraseMoney(3,730,000) = 370余万元; phraseWan(38) = phraseMoney(380,000) = 38万元): 70 → 70万元,
 *   39 → 39万元, 39.2 → 近40万元, 31.5 → 30余万元, 38.6 → 38万余元, 12.5 → 12万余元, 1.55 →
 *   1.5万余元, 150.2 → 150余万元, 12345 → 1.2亿余元; below 1万元 in 元 (0.8 → 8000元); 余/多 placed
 *   by rule 5 (30余万元, 三十多万元, 5万余元, never 5余万元). Exact → the amount in 万元 as it is, at
 *   most 4 decimals: 38.6万元, 12.5万元, 0万元.
 * - phraseNames: names joined like joinNames; a list longer than NAMES_AS_COUNT_OVER (8) is written
 *   as its count with the given unit: 12 departments → 12个部门.
 */

export type Rounding = 'approx' | 'exact';

export interface PhraseOptions {
  /** Default 'approx'; 'exact' = the per-figure switch to the exact value. */
  mode?: Rounding;
  /** The word for "more than": default '余' (1.5万余份); '多' gives 三万多元. */
  more?: '余' | '多';
  /** Chinese numerals for the number part (house style for money: 三万多元). */
  chinese?: boolean;
}

/** How an approximated figure is written: exactly, 近value, or value余/多. */
export interface Approximation {
  kind: 'exact' | 'near' | 'more';
  /** The value written: the figure itself, c for 'near', f for 'more'. */
  value: number;
}

const WAN = 10_000;
const YI = 100_000_000;
const SMALL = 50;
const NEAR_PERCENT = 3;

function assertFigure(n: number): void {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new RangeError(`数值须为非负的有限数，收到：${String(n)}`);
  }
}

/** Plain digits, no separators, no exponent; non-integers trimmed to at most `maxDecimals`. */
function plainDigits(n: number, maxDecimals = 4): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const fixed = n.toFixed(maxDecimals);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * Rules 1–3: which value is written and whether with 近 or 余. Pure arithmetic, no wording.
 * approximate(196) → { kind: 'near', value: 200 }; approximate(458) → { kind: 'more', value: 450 }.
 */
export function approximate(n: number): Approximation {
  assertFigure(n);
  if (n < SMALL) return { kind: 'exact', value: n };
  let p = 1; // the place of the leading digit
  while (p * 10 <= n) p *= 10;
  // Rule 1: a multiple of ten with at most two significant digits.
  if (Number.isInteger(n) && n % 10 === 0 && n % (p / 10) === 0) return { kind: 'exact', value: n };
  // Rule 2: c − n ≤ 3% of c, in integers where possible: 100·(c − n) ≤ 3·c.
  const nearStep = Math.floor(n / p) === 1 ? p / 10 : p;
  const c = (Math.floor(n / nearStep) + 1) * nearStep;
  if (100 * (c - n) <= NEAR_PERCENT * c) return { kind: 'near', value: c };
  // Rule 3: one significant digit, two where one loses more than a tenth: 10·(n − f) > n.
  const one = Math.floor(n / p) * p;
  if (10 * (n - one) <= n) return { kind: 'more', value: one };
  const two = Math.floor(n / (p / 10)) * (p / 10);
  return two === n ? { kind: 'exact', value: n } : { kind: 'more', value: two };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const PLACES = ['', '十', '百', '千'];
const SECTION_UNITS = ['', '万', '亿', '万亿'];

/** One section of up to four digits (0 < s < 10000), without its leading 零. */
function sectionNumeral(s: number, liang: boolean, sectionUnit: string): string {
  if (liang && s === 2 && sectionUnit !== '') return '两';
  let out = '';
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(s / 10 ** place) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += (liang && d === 2 && place === 3 ? '两' : DIGITS[d]) + PLACES[place];
  }
  return out;
}

function integerNumeral(n: number, liang: boolean): string {
  if (n === 0) return '零';
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / WAN)) sections.push(rest % WAN);
  let out = '';
  let zeroPending = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i];
    if (s === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (out !== '' && (zeroPending || s < 1000)) out += '零';
    zeroPending = false;
    // The 万亿 section reads 万 when the 亿 section follows with digits: 九千零七万一千九百九十二亿.
    const unit = i === 3 && sections[2] !== 0 ? '万' : SECTION_UNITS[i];
    out += sectionNumeral(s, liang, unit) + unit;
  }
  return out.startsWith('一十') ? out.slice(1) : out;
}

function numeral(n: number, liang: boolean): string {
  assertFigure(n);
  const text = plainDigits(n);
  const [intText, decText] = text.split('.');
  const int = Number(intText);
  if (int > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`数值过大，无法写成汉字：${text}`);
  }
  const head = integerNumeral(int, liang);
  if (!decText) return head;
  return `${head}点${[...decText].map((d) => DIGITS[Number(d)]).join('')}`;
}

/**
 * A number in Chinese numerals: 0 → 零, 3 → 三, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五,
 * 2014 → 两千零一十四, 20000 → 两万, 1.5 → 一点五. Quantities only; years are not phrased here.
 */
export function chineseNumeral(n: number): string {
  return numeral(n, true);
}

/** Ordinals for enumerations (一是、二是; 一、二、): 1 → 一, 2 → 二, 10 → 十, 11 → 十一, 20 → 二十. */
export function ordinal(n: number): string {
  assertFigure(n);
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`序号须为正整数，收到：${String(n)}`);
  }
  return numeral(n, false);
}

/** The written value of an approximation or a round figure (≥ 50), split per rule 4: the number and its 万/亿. */
interface Written {
  number: string;
  unit: '' | '万' | '亿';
  /** The number ends in a place (30, 150, 1000): 余/多 goes before 万/亿 (30余万), per rule 5. */
  endsInPlace: boolean;
}

function writtenValue(value: number, chinese: boolean): Written {
  let unit: Written['unit'] = '';
  let mantissa = value;
  if (value >= YI) {
    unit = '亿';
    mantissa = Math.round((value * 10) / YI) / 10;
  } else if (value >= WAN) {
    unit = '万';
    mantissa = Math.round((value * 10) / WAN) / 10;
  }
  const endsInPlace = Number.isInteger(mantissa) && mantissa % 10 === 0;
  // 两万, 两亿 (a bare 2 never gets here: values are ≥ 50).
  const number = !chinese ? plainDigits(mantissa) : mantissa === 2 ? '两' : numeral(mantissa, true);
  return { number, unit, endsInPlace };
}

/** A figure written as it is; `measure` = a measure word follows (2 → 两户, bare 2 → 二). */
function exactPart(n: number, chinese: boolean, measure: boolean, maxDecimals: number): string {
  const text = plainDigits(n, maxDecimals);
  if (!chinese) return text;
  const shown = Number(text);
  return shown === 2 && measure ? '两' : numeral(shown, true);
}

function numberPart(n: number, options: PhraseOptions, measure: boolean, maxDecimals = 4): string {
  assertFigure(n);
  const chinese = options.chinese === true;
  if (options.mode === 'exact') return exactPart(n, chinese, measure, maxDecimals);
  const { kind, value } = approximate(n);
  // Small figures as they are; round figures of 1万 and more still in 万/亿 (15000 → 1.5万).
  if (kind === 'exact' && value < WAN) return exactPart(value, chinese, measure, maxDecimals);
  const { number, unit, endsInPlace } = writtenValue(value, chinese);
  if (kind === 'exact') return number + unit;
  if (kind === 'near') return `近${number}${unit}`;
  // Rule 5: 余 follows a place (三十余万, 240余万), never a unit digit or a decimal (五万余, 1.5万余).
  const more = options.more ?? '余';
  return endsInPlace ? `${number}${more}${unit}` : `${number}${unit}${more}`;
}

/** The number part only (no unit): approxNumber(11860) → '近1.2万'. */
export function approxNumber(n: number, options: PhraseOptions = {}): string {
  return numberPart(n, options, false);
}

/** A quantity with its unit: phraseQuantity(15230, '份') → '1.5万余份'. */
export function phraseQuantity(n: number, unit: string, options: PhraseOptions = {}): string {
  return numberPart(n, options, unit !== '') + unit;
}

/** How names are joined: in quotation marks, and whether 等 follows the list. */
export interface JoinOptions {
  /** Wrap each name in “”. */
  quote?: boolean;
  /** The list is followed by 等 (A、B、C等工作): join every name with 、, no 和. */
  etc?: boolean;
}

/** Names joined as officials list them: 'A', 'A和B', 'A、B和C'; { etc: true } → 'A、B、C' (for 等). */
export function joinNames(names: string[], options: JoinOptions = {}): string {
  const items = options.quote ? names.map((name) => `\u201c${name}\u201d`) : [...names];
  if (items.length <= 1 || options.etc) return items.join('、');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

/** The same count for each of several groups: phraseEach(1, '项') → '各1项'. */
export function phraseEach(count: number, unit: string, options: PhraseOptions = {}): string {
  return `各${phraseQuantity(count, unit, options)}`;
}

/**
 * Part of a whole, counts exact; the caller appends the predicate:
 * phraseShare(4, 2, '户') → '4户中已有2户'; (4, 4) → '4户全部'; (4, 0) → '4户均未'.
 */
export function phraseShare(whole: number, part: number, unit: string): string {
  assertFigure(whole);
  assertFigure(part);
  if (!Number.isInteger(whole) || !Number.isInteger(part)) {
    throw new RangeError(`总数和部分数须为整数，收到：${whole}、${part}`);
  }
  if (whole === 0) throw new RangeError('总数为0，无法表述其中的部分');
  if (part > whole) throw new RangeError(`部分数（${part}）不能大于总数（${whole}）`);
  if (part === whole) return `${whole}${unit}全部`;
  if (part === 0) return `${whole}${unit}均未`;
  return `${whole}${unit}中已有${part}${unit}`;
}

/**
 * Money in 元: phraseMoney(31500) → '3万余元'; { more: '多', chinese: true } → '三万多元';
 * below 1万 in 元 (8000 → '8000元', never 0.8万元); exact → '31500元' (at most 2 decimals).
 */
export function phraseMoney(yuan: number, options: PhraseOptions = {}): string {
  return `${numberPart(yuan, options, true, 2)}元`;
}

/**
 * 万元 amounts as projects state them: phraseWan(31.5) → '30余万元', phraseWan(38.6) → '38万余元',
 * phraseWan(39.2) → '近40万元', phraseWan(12.5) → '12万余元'; { mode: 'exact' } → '38.6万元'. See the rules at the top of the file.
 */
export function phraseWan(wan: number, options: PhraseOptions = {}): string {
  assertFigure(wan);
  const chinese = options.chinese === true;
  if (options.mode === 'exact') return `${exactPart(wan, chinese, true, 4)}万元`;
  // Amounts carry at most 4 decimals (1 元); counted in 元, so the rules, 余's place included, are
  // those of phraseMoney: phraseWan(373) = phraseMoney(3_730_000) = 370余万元.
  return phraseMoney(Math.round(wan * WAN), options);
}

/** Lists longer than this are written as their count (12个部门) rather than name by name. */
export const NAMES_AS_COUNT_OVER = 8;

/**
 * Names as a summary lists them: joinNames for up to NAMES_AS_COUNT_OVER names, otherwise the count
 * with `countUnit` (phraseNames(twelveDepartments, { countUnit: '个部门' }) → '12个部门'). Without a
 * countUnit every name is listed.
 */
export function phraseNames(names: string[], options: JoinOptions & { countUnit?: string; over?: number } = {}): string {
  const over = options.over ?? NAMES_AS_COUNT_OVER;
  if (options.countUnit && names.length > over) return `${names.length}${options.countUnit}`;
  return joinNames(names, options);
}
