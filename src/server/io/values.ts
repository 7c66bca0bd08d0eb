import { type RawCell, cellText, isBlank, isCellError, isoDay, numberText } from './cells.js';
import type { Choice, ColumnSpec } from './columns.js';
import { type Unit, parseUnit } from './headers.js';
import { CELL_MESSAGES, VALUE_KIND_WORDS } from './messages.js';

/**
 * Reading one cell as the value a ledger stores, or a Chinese message saying why it cannot be.
 * Pure; the rules, with worked examples in values.test.ts:
 *
 * Dates → 'YYYY-MM-DD'.
 * - Written: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日 (also 5号), 20250305, 二〇二五年三月五日; a
 *   time after the day is dropped (2025-03-05 10:30). Years 1900–2099.
 * - A date cell (Excel, WPS, LibreOffice) is read as its day.
 * - A number is an Excel serial (days since 1899-12-30, the 1900 date system) only between 18264
 *   and 73050, i.e. 1950-01-01 to 2099-12-31: below that a figure such as 2025 is far likelier a
 *   year or a count than 1905-07-06, so it is refused rather than guessed. An 8-digit number
 *   19500101–20991231 reads as yyyymmdd.
 * - Refused as ambiguous: two-digit years (25-3-5), day or month first (5/3/2025: 5 March or 3 May?),
 *   a month without a day (2025年3月), and days that do not exist (2025-02-30).
 *
 * Numbers (number, integer, money). A figure is taken exactly as written, in decimal, never through
 * binary floating point until the end (1.1万 is 11000, not 11000.000000000002):
 * - thousands separators only in groups of three (1,200 and 12,000.5; 1,20 is refused: a decimal
 *   comma or a typo?);
 * - a scale word multiplies: 千 ×1,000, 万 ×10,000, 百万, 千万, 亿 ×100,000,000 (1.2万 = 12000);
 * - a measure word must be the column's own: 3人 in a 人 column is 3; 3人次 there is refused, since
 *   人次 cannot be turned into 人. A column that declares no unit takes any measure word as it is;
 * - money: 元 is the base; 5万元 = 50000 元; a bare number is in the unit the header states
 *   (项目经费（万元）: 12.5 = 125000 元), otherwise in 元; the result is in the column's unit (元, or
 *   万元 when declared) and may not be finer than the 分 (1.234元 is refused);
 * - %: only in a column whose unit is '%', where 12.5% and 12.5 both mean 12.5 (a percent-formatted
 *   cell reads as the 12.5% it shows); elsewhere refused, since 12.5% could mean 0.125 or 12.5;
 * - refused as not exact: 1.5万余, 近1.2万, 80多, 约50, 50左右 (what a summary writes, not a ledger);
 *   and ranges (3-5人).
 *
 * In figure and date columns, a lone dash or slash (-, —, /) or 无 means nothing was entered and
 * reads as blank (so a required column reports it as missing).
 *
 * Choices by label, key or synonym, ignoring case, width and spaces. Booleans: 是/否, 有/无, √/×,
 * Y/N, yes/no, TRUE/FALSE, 1/0. Text: as written (trimmed); a number of 16 or more digits is refused,
 * since Excel has already replaced its last digits with zeros (an ID or credit code typed as a number).
 */
export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

/** What sheets write for “none” in a figure or date cell: a dash, a slash, 无. Read as blank. */
const NOTHING = /^([-—–/\\]+|无)$/;
const FIGURE_OR_DATE = new Set(['number', 'integer', 'money', 'date']);

const ok = (value: unknown): CellResult => ({ ok: true, value });
const fail = (message: string): CellResult => ({ ok: false, message });

/** Parses `cell` for `spec`; `headerUnit` is the unit the sheet's header states (项目经费（万元）). */
export function parseCell(spec: ColumnSpec, cell: RawCell | undefined, headerUnit: Unit | null = null): CellResult {
  if (cell === undefined || cell === null || isBlank(cell) || (FIGURE_OR_DATE.has(spec.kind) && typeof cell === 'string' && NOTHING.test(cell))) {
    return spec.required ? fail(CELL_MESSAGES.required) : ok(null);
  }
  if (isCellError(cell)) return fail(CELL_MESSAGES.formulaError(cell.error));
  switch (spec.kind) {
    case 'text':
      return parseText(cell, spec.maxLength);
    case 'date':
      return parseDate(cell);
    case 'number':
    case 'integer':
    case 'money':
      return parseNumber(spec, cell, headerUnit);
    case 'choice':
      return parseChoice(spec.choices ?? [], cell);
    case 'choices':
      return parseChoices(spec.choices ?? [], cell);
    case 'boolean':
      return parseBoolean(cell);
  }
}

// ---------------------------------------------------------------------------------------------
// Text

function parseText(cell: Exclude<RawCell, null>, maxLength: number | undefined): CellResult {
  let text: string;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && Math.abs(cell) >= 1e15) return fail(CELL_MESSAGES.truncatedNumber(BigInt(cell).toString()));
    text = numberText(cell);
  } else if (typeof cell === 'boolean') text = cell ? '是' : '否';
  else text = cellText(cell);
  const length = [...text].length;
  if (maxLength !== undefined && length > maxLength) return fail(CELL_MESSAGES.tooLong(maxLength, length));
  return ok(text);
}

// ---------------------------------------------------------------------------------------------
// Dates

const SERIAL_MIN = 18264; // 1950-01-01
const SERIAL_MAX = 73050; // 2099-12-31
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function dayOf(year: number, month: number, day: number, text: string): CellResult {
  if (year < 1900 || year > 2099) return fail(CELL_MESSAGES.dateOutOfRange(text));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return fail(CELL_MESSAGES.dateInvalid(text));
  return ok(isoDay(date));
}

function dateFromNumber(value: number, text: string): CellResult {
  if (Number.isInteger(value) && value >= 19500101 && value <= 20991231) {
    return dayOf(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100, text);
  }
  if (value < SERIAL_MIN || value >= SERIAL_MAX + 1) return fail(CELL_MESSAGES.serialOutOfRange(text));
  return ok(isoDay(new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000)));
}

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31 (months and days). */
function smallChineseNumber(text: string): string {
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return String((m[1] ? CHINESE_DIGITS[m[1]] : 1) * 10 + (m[2] ? CHINESE_DIGITS[m[2]] : 0));
  return [...text].map((c) => CHINESE_DIGITS[c] ?? c).join('');
}

/** 二〇二五年三月五日 → 2025年3月5日; anything else unchanged. */
function arabicDate(text: string): string {
  const m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})[日号])?$/.exec(text);
  if (!m) return text;
  const year = [...m[1]].map((c) => CHINESE_DIGITS[c]).join('');
  return `${year}年${smallChineseNumber(m[2])}月${m[3] ? `${smallChineseNumber(m[3])}日` : ''}`;
}

function parseDate(cell: Exclude<RawCell, null>): CellResult {
  if (cell instanceof Date) {
    const year = cell.getUTCFullYear();
    if (year < 1900 || year > 2099) return fail(CELL_MESSAGES.dateOutOfRange(isoDay(cell)));
    return ok(isoDay(cell));
  }
  if (typeof cell === 'number') return dateFromNumber(cell, numberText(cell));
  if (typeof cell === 'boolean') return fail(CELL_MESSAGES.notADate(VALUE_KIND_WORDS.boolean));
  if (isCellError(cell)) return fail(CELL_MESSAGES.formulaError(cell.error));
  const written = cell.trim();
  const text = arabicDate(written.normalize('NFKC').replace(/\s+/g, ' '))
    .replace(/^(.+?)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '$1')
    .replace(/\s/g, '');
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (m) return dayOf(Number(m[1]), Number(m[3]), Number(m[4]), written);
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(text);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]), written);
  if (/^\d{8}$/.test(text)) return dayOf(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6)), written);
  if (/^\d+(\.\d+)?$/.test(text)) return dateFromNumber(Number(text), written);
  if (/^\d{4}([-/.年])\d{1,2}月?$/.test(text)) return fail(CELL_MESSAGES.dateNoDay(written));
  if (/^\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text)) return fail(CELL_MESSAGES.dateTwoDigitYear(written));
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(text)) return fail(CELL_MESSAGES.dateDayFirst(written));
  return fail(CELL_MESSAGES.dateUnknown(written));
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** value = ±digits × 10^exponent, kept exact. */
interface Decimal {
  negative: boolean;
  digits: string;
  exponent: number;
}

function decimalOf(sign: string, integer: string, fraction: string, exponent = 0): Decimal {
  return { negative: sign === '-', digits: (integer + fraction).replace(/^0+(?=\d)/, ''), exponent: exponent - fraction.length };
}

function toNumber(d: Decimal): number {
  return Number(`${d.negative ? '-' : ''}${d.digits}e${d.exponent}`);
}

/** Digits after the decimal point that are not zero-padding. */
function decimalPlaces(d: Decimal): number {
  if (/^0+$/.test(d.digits)) return 0;
  const trailingZeros = /0*$/.exec(d.digits)?.[0].length ?? 0;
  return Math.max(0, -(d.exponent + trailingZeros));
}

const APPROXIMATE = /余|多|近|约|左右|上下|以上|以下|将近|不到|不足|超过|逾|几/;
const RANGE = /^\d[\d.,]*(万|千|亿)?(-|~|至|到)\d/;

function decimalFromNumber(value: number): Decimal {
  if (Number.isSafeInteger(value)) return { negative: value < 0, digits: String(Math.abs(value)), exponent: 0 };
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(numberText(value));
  if (!m) return decimalOf('', '0', '');
  return decimalOf(m[1], m[2], m[3] ?? '', Number(m[4] ?? 0));
}

function parseNumber(spec: ColumnSpec, cell: Exclude<RawCell, null>, headerUnit: Unit | null): CellResult {
  if (cell instanceof Date) return fail(CELL_MESSAGES.notANumber(VALUE_KIND_WORDS.date));
  if (typeof cell === 'boolean') return fail(CELL_MESSAGES.notANumber(VALUE_KIND_WORDS.boolean));
  if (isCellError(cell)) return fail(CELL_MESSAGES.formulaError(cell.error));
  const money = spec.kind === 'money';
  const target = parseUnit(spec.unit ?? (money ? '元' : '')) ?? { scale: 0, measure: spec.unit ?? '' };
  // The unit a bare number is in: the header's, when it is of the column's kind.
  const headerIsMoney = headerUnit?.measure === '元';
  const bareScale = headerUnit && (money ? headerIsMoney : !headerIsMoney && headerUnit.measure !== '%') ? headerUnit.scale : target.scale;

  let value: Decimal;
  let scale = bareScale;
  if (typeof cell === 'number') {
    value = decimalFromNumber(cell);
  } else {
    const written = cell.trim();
    const text = written
      .normalize('NFKC')
      .replace(/(?<=\d)\s+(?=\D)|(?<=\D)\s+(?=\d)|^\s+|\s+$/g, '')
      .replace(/^[¥￥]/, '');
    if (APPROXIMATE.test(text)) return fail(CELL_MESSAGES.numberApprox(written));
    if (RANGE.test(text)) return fail(CELL_MESSAGES.numberRange(written));
    const m = /^([-+]?)(\d[\d,]*|(?=\.\d))(?:\.(\d+))?(.*)$/.exec(text);
    if (!m) return fail(CELL_MESSAGES.numberUnknown(written));
    const [, sign, integer, fraction = '', rest] = m;
    if (integer.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(integer)) return fail(CELL_MESSAGES.numberGrouping(written));
    value = decimalOf(sign, integer.replace(/,/g, '') || '0', fraction);
    if (rest !== '') {
      const unit = parseUnit(rest);
      if (!unit) return fail(CELL_MESSAGES.unitUnknown(written, rest));
      if (unit.measure === '%') {
        if (target.measure !== '%') return fail(CELL_MESSAGES.percentNotHere(written));
      } else if (unit.measure === '元') {
        if (!money) return fail(CELL_MESSAGES.moneyNotHere(written));
      } else if (unit.measure !== '') {
        const expected = money ? '元' : target.measure || (headerUnit && !headerIsMoney ? headerUnit.measure : '');
        if (expected && unit.measure !== expected) return fail(CELL_MESSAGES.unitMismatch(written, unit.measure, expected));
      }
      scale = unit.scale;
    }
  }
  const result: Decimal = { ...value, exponent: value.exponent + scale - target.scale };
  const shown = typeof cell === 'number' ? numberText(cell) : cell.trim();
  if (money && decimalPlaces(result) > 2 + target.scale) return fail(CELL_MESSAGES.moneyPrecision(shown));
  if (spec.kind === 'integer' && decimalPlaces(result) > 0) return fail(CELL_MESSAGES.notAnInteger(shown));
  const n = toNumber(result);
  return ok(Object.is(n, -0) ? 0 : n);
}

// ---------------------------------------------------------------------------------------------
// Choices and booleans

function choiceKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const choiceIndexes = new WeakMap<Choice[], Map<string, Choice>>();

function findChoice(choices: Choice[], text: string): Choice | undefined {
  let index = choiceIndexes.get(choices);
  if (!index) {
    index = new Map();
    // Labels first, then keys, then synonyms: a label wins over another choice's synonym.
    for (const pick of [(c: Choice) => [c.label], (c: Choice) => [c.key], (c: Choice) => c.synonyms ?? []]) {
      for (const choice of choices) for (const name of pick(choice)) if (!index.has(choiceKey(name))) index.set(choiceKey(name), choice);
    }
    choiceIndexes.set(choices, index);
  }
  return index.get(choiceKey(text));
}

function optionList(choices: Choice[]): string {
  const labels = choices.map((c) => c.label);
  return labels.length > 12 ? `${labels.slice(0, 12).join('、')}等${labels.length}项` : labels.join('、');
}

function parseChoice(choices: Choice[], cell: Exclude<RawCell, null>): CellResult {
  const text = cellText(cell);
  const choice = findChoice(choices, text);
  return choice ? ok(choice.key) : fail(CELL_MESSAGES.choiceUnknown(text, optionList(choices)));
}

function parseChoices(choices: Choice[], cell: Exclude<RawCell, null>): CellResult {
  const parts = cellText(cell)
    .normalize('NFKC')
    .split(/[、,;\n/]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const choice = findChoice(choices, part);
    if (!choice) unknown.push(part);
    else if (!keys.includes(choice.key)) keys.push(choice.key);
  }
  if (unknown.length) return fail(CELL_MESSAGES.choiceUnknown(unknown.join('、'), optionList(choices)));
  return ok(keys);
}

const TRUE_WORDS = new Set(['是', '有', '√', '✓', '✔', 'y', 'yes', 'true', '1', '对']);
const FALSE_WORDS = new Set(['否', '无', '×', '✗', '✘', 'x', 'n', 'no', 'false', '0', '不是', '没有']);

function parseBoolean(cell: Exclude<RawCell, null>): CellResult {
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellText(cell);
  const k = choiceKey(text);
  if (TRUE_WORDS.has(k)) return ok(true);
  if (FALSE_WORDS.has(k)) return ok(false);
  return fail(CELL_MESSAGES.booleanUnknown(text));
}
