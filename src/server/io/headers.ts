import type { ColumnSpec } from './columns.js';

/**
 * Matching a sheet's headers to a ledger's columns.
 *
 * Two headers mean the same column when their normalised forms are equal. Normalising (worked
 * examples in headers.test.ts):
 * 1. NFKC: full-width letters, digits and punctuation become half-width (（万元） → (万元), Ａ → A,
 *    the ideographic space → space);
 * 2. letters to lower case;
 * 3. bracketed parts removed, with their brackets — (), [], 【】, 〔〕, <> — since they hold units
 *    and hints: 项目经费(万元) → 项目经费, 联系电话（手机） → 联系电话;
 * 4. a unit after a slash removed: 经费/万元 → 经费;
 * 5. spaces, line breaks, the required-marks * ※ ★ and punctuation (:,.、;·-_ quotes …) removed:
 *    “项目 名称” → 项目名称, *项目名称 → 项目名称, 项目经费·省级 → 项目经费省级.
 * A header is mapped automatically only on an exact match of that form with a column's label, one
 * of its synonyms, or its key; anything looser is offered as a suggestion for the person to confirm.
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^()]*\)|\[[^\]]*]|【[^】]*】|〔[^〕]*〕|<[^>]*>/g, '')
    .replace(/\/[^/]*$/, (tail) => (parseUnit(tail.slice(1)) ? '' : tail))
    .replace(/[\s*※★☆:;,.、。·•・\-_—–'"“”‘’`~!?#№/\\|()[\]【】〔〕<>《》{}]/g, '');
}

/** A unit as a header or a cell writes it: a power-of-ten scale and a measure word. */
export interface Unit {
  /** 0 for 元 or 人, 4 for 万元 or 万人次, 8 for 亿元. */
  scale: number;
  /** '元', '人', '人次', '%' …; '' for a bare 万 or 亿. */
  measure: string;
}

const SCALES: Record<string, number> = { 千: 3, 万: 4, 十万: 5, 百万: 6, 千万: 7, 亿: 8 };

/** Measure words a bureau's sheets use; longest first so 人次 is not read as 人 + 次. */
const MEASURE_WORDS = [
  '平方米',
  '公里',
  '公顷',
  '公斤',
  '千克',
  '小时',
  '人次',
  '户次',
  '场次',
  '批次',
  '元',
  '人',
  '个',
  '项',
  '份',
  '块',
  '次',
  '户',
  '家',
  '场',
  '期',
  '名',
  '篇',
  '件',
  '套',
  '台',
  '亩',
  '天',
  '册',
  '本',
  '张',
  '株',
  '头',
  '只',
  '吨',
  '斤',
  '米',
  '所',
  '座',
  '处',
  '条',
  '辆',
  '部',
  '种',
  '批',
  '班',
  '村',
  '镇',
  '年',
  '%',
];

const SCALE_WORDS = Object.entries(SCALES).sort((a, b) => b[0].length - a[0].length);
const unitCache = new Map<string, Unit | null>();

/** '万元' → { scale: 4, measure: '元' }; '人次' → { 0, '人次' }; '万' → { 4, '' }; anything else → null. */
export function parseUnit(text: string): Unit | null {
  let unit = unitCache.get(text);
  if (unit === undefined) {
    unit = readUnit(text);
    if (unitCache.size < 1000) unitCache.set(text, unit);
  }
  return unit;
}

function readUnit(text: string): Unit | null {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (!t) return null;
  for (const [word, scale] of SCALE_WORDS) {
    if (t.startsWith(word)) {
      const rest = t.slice(word.length);
      if (rest === '') return { scale, measure: '' };
      if (MEASURE_WORDS.includes(rest) && rest !== '%') return { scale, measure: rest };
    }
  }
  return MEASURE_WORDS.includes(t) ? { scale: 0, measure: t } : null;
}

/**
 * The unit a header states: 项目经费（万元） → 万元, 人数(人) → 人, 经费/万元 → 万元, 金额（单位：元）
 * → 元; null when it states none.
 */
export function headerUnit(label: string): Unit | null {
  const text = label.normalize('NFKC');
  for (const match of text.matchAll(/\(([^()]*)\)|\[([^\]]*)]|【([^】]*)】/g)) {
    const inner = (match[1] ?? match[2] ?? match[3] ?? '').replace(/^单位\s*:\s*/, '');
    const unit = parseUnit(inner);
    if (unit) return unit;
  }
  const slash = /\/([^/]+)$/.exec(text);
  return slash ? parseUnit(slash[1]) : null;
}

/** One labelled, visible column of the sheet. */
export interface SheetHeader {
  /** 1 = column A. */
  column: number;
  /** Column letters as Excel shows them: A, B, … AA. */
  letter: string;
  /** The header as written; two header rows are joined with · (项目经费(万元)·省级). */
  label: string;
}

export interface HeaderMapping {
  /** Column key → sheet column number, for every column that has a header. */
  byKey: Record<string, number>;
  /** Sheet headers no column took, for the person to map or leave out. */
  unmapped: SheetHeader[];
  /** Required columns that no header maps to. */
  missingRequired: ColumnSpec[];
  /** Loose matches to confirm: the header contains a column's name or the other way round. */
  suggestions: { column: number; key: string }[];
}

/**
 * Maps `headers` to `columns`. `manual` (sheet column → column key, or null to leave a header out)
 * is what the person chose in the mapping step and overrides the automatic match; a key chosen
 * manually is not also matched automatically elsewhere.
 */
export function mapHeaders(headers: SheetHeader[], columns: ColumnSpec[], manual: Record<number, string | null> = {}): HeaderMapping {
  const names = new Map<string, string>();
  for (const spec of columns) {
    for (const name of [spec.label, ...(spec.synonyms ?? []), spec.key]) {
      const n = normaliseLabel(name);
      if (n && !names.has(n)) names.set(n, spec.key);
    }
  }
  const known = new Set(columns.map((c) => c.key));
  const byKey: Record<string, number> = {};
  const decided = new Set<number>();
  for (const [column, key] of Object.entries(manual)) {
    decided.add(Number(column));
    if (key && known.has(key)) byKey[key] = Number(column);
  }
  const unmapped: SheetHeader[] = [];
  for (const header of headers) {
    if (decided.has(header.column)) continue;
    const key = names.get(normaliseLabel(header.label));
    if (key && byKey[key] === undefined) byKey[key] = header.column;
    else unmapped.push(header);
  }
  const suggestions: { column: number; key: string }[] = [];
  for (const header of unmapped) {
    const n = normaliseLabel(header.label);
    if (n.length < 2) continue;
    const loose = columns.filter(
      (spec) =>
        byKey[spec.key] === undefined &&
        [spec.label, ...(spec.synonyms ?? [])].some((name) => {
          const m = normaliseLabel(name);
          return m.length >= 2 && (n.includes(m) || m.includes(n));
        }),
    );
    for (const spec of loose) suggestions.push({ column: header.column, key: spec.key });
  }
  const missingRequired = columns.filter((spec) => spec.required && byKey[spec.key] === undefined);
  return { byKey, unmapped, missingRequired, suggestions };
}
