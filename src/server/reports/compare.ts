import type { DraftDoc, FigureRef, Paragraph, TextPart, VersionCompare } from '../../shared/reports.js';

// Comparing two versions of a summary (the pure step behind GET …/versions/compare): the title, the
// opening and each section's heading and paragraphs are paired by their keys, in the newer version's
// order with what only the older one has after; each paragraph says whether it was added, removed,
// changed or is the same, with both texts, the parts of the text that differ, and the figures
// whose text changed.
//
// Text is compared a sentence at a time, as people edit it: the sentences two texts share (the
// longest common run of them) are the same; between two shared sentences, what was taken out and
// what was put in are narrowed to the characters that differ (their common beginning and end count
// as the same). So "我局高度重视。开展活动5次。" → "我局始终高度重视。开展活动5次。" marks only 始终.

/** Sentences with their closing mark (。;!? and the full-width forms), the last one possibly open. */
export function splitSentences(text: string): string[] {
  return text.match(/[^。;!?；！？\n]*(?:[。;!?；！？]+[”’」』)）]*|\n|$)/g)?.filter((s) => s.length > 0) ?? [];
}

/** Indices of the longest common subsequence of two lists (pairs [i, j] in order). */
function commonRun(a: string[], b: string[]): [number, number][] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** What two texts share at both ends, and what differs between. */
function middle(a: string, b: string): { prefix: string; a: string; b: string; suffix: string } {
  const x = [...a];
  const y = [...b];
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  return {
    prefix: x.slice(0, start).join(''),
    a: x.slice(start, x.length - end).join(''),
    b: y.slice(start, y.length - end).join(''),
    suffix: x.slice(x.length - end).join(''),
  };
}

/**
 * The parts of two texts: 'same' in both, 'removed' only in `a`, 'added' only in `b`. The older
 * text reads as the 'same' and 'removed' parts in order, the newer as the 'same' and 'added' parts.
 */
export function diffText(a: string, b: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (kind: TextPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  const changed = (removed: string, added: string) => {
    const m = middle(removed, added);
    push('same', m.prefix);
    push('removed', m.a);
    push('added', m.b);
    push('same', m.suffix);
  };
  const x = splitSentences(a);
  const y = splitSentences(b);
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonRun(x, y), [x.length, y.length] as [number, number]]) {
    changed(x.slice(i, pi).join(''), y.slice(j, pj).join(''));
    if (pi < x.length) push('same', x[pi]);
    i = pi + 1;
    j = pj + 1;
  }
  return parts;
}

/** Figures of two versions of a paragraph whose text differs, paired by fact (in order, for a fact stated twice). */
function changedFigures(a: FigureRef[], b: FigureRef[]): { factKey: string; a: string | null; b: string | null }[] {
  const byFact = (figures: FigureRef[]) => {
    const map = new Map<string, string[]>();
    for (const f of figures) map.set(f.factKey, [...(map.get(f.factKey) ?? []), f.text]);
    return map;
  };
  const left = byFact(a);
  const right = byFact(b);
  const out: { factKey: string; a: string | null; b: string | null }[] = [];
  for (const key of new Set([...right.keys(), ...left.keys()])) {
    const l = left.get(key) ?? [];
    const r = right.get(key) ?? [];
    for (let k = 0; k < Math.max(l.length, r.length); k++) {
      if (l[k] !== r[k]) out.push({ factKey: key, a: l[k] ?? null, b: r[k] ?? null });
    }
  }
  return out;
}

type ParagraphCompare = VersionCompare['opening'];

function compareParagraph(key: string, a: Paragraph | undefined, b: Paragraph | undefined): ParagraphCompare {
  const textA = a?.text ?? null;
  const textB = b?.text ?? null;
  const figures = changedFigures(a?.figures ?? [], b?.figures ?? []);
  const status = !a ? 'added' : !b ? 'removed' : textA !== textB || figures.length ? 'changed' : 'same';
  return { key, status, a: textA, b: textB, parts: status === 'changed' ? diffText(textA!, textB!) : null, figures };
}

/** Pairs `b`'s items with `a`'s by key, in `b`'s order; `a`'s others follow. */
function pairByKey<T extends { key: string }>(a: T[], b: T[]): [string, T | undefined, T | undefined][] {
  const left = new Map(a.map((x) => [x.key, x]));
  const right = new Set(b.map((x) => x.key));
  return [
    ...b.map((x): [string, T | undefined, T | undefined] => [x.key, left.get(x.key), x]),
    ...a.filter((x) => !right.has(x.key)).map((x): [string, T | undefined, T | undefined] => [x.key, x, undefined]),
  ];
}

/** Compares two documents: `a` the older (or the one to compare from), `b` the newer. */
export function compareDocs(a: DraftDoc, b: DraftDoc): Omit<VersionCompare, 'a' | 'b'> {
  const opening = compareParagraph(a.opening.key || 'opening', a.opening, b.opening);
  const sections = pairByKey(a.sections, b.sections).map(([key, sa, sb]) => {
    const paragraphs = pairByKey(sa?.paragraphs ?? [], sb?.paragraphs ?? []).map(([pk, pa, pb]) => compareParagraph(pk, pa, pb));
    const heading = { a: sa?.heading ?? null, b: sb?.heading ?? null };
    const status: ParagraphCompare['status'] = !sa
      ? 'added'
      : !sb
        ? 'removed'
        : heading.a !== heading.b || paragraphs.some((p) => p.status !== 'same')
          ? 'changed'
          : 'same';
    return { key, status, heading, paragraphs };
  });
  const all = [opening, ...sections.flatMap((s) => s.paragraphs)];
  const title = { a: a.title, b: b.title, changed: a.title !== b.title };
  const changed = {
    title: title.changed,
    headings: sections.filter((s) => s.heading.a !== null && s.heading.b !== null && s.heading.a !== s.heading.b).length,
    paragraphs: all.filter((p) => p.status !== 'same').length,
    figures: all.reduce((n, p) => n + p.figures.length, 0),
  };
  return {
    same: !title.changed && changed.headings === 0 && changed.paragraphs === 0 && sections.every((s) => s.status === 'same'),
    changed,
    title,
    opening,
    sections,
  };
}
