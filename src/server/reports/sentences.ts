import { ordinal } from '../../shared/phrasing.js';
import { locateFigure } from '../../shared/figure-position.js';
import type { FigureRef, Paragraph } from '../../shared/reports.js';

// A paragraph's sentences as the draft writes them — plain sentences ending 。(or ；！？) and
// enumerated items 一是…；二是…；…。 — each with the figures it states, and the redraft's merge
// sentence by sentence: a sentence as drafted is updated, a sentence a person edited is kept.

export interface Sentence {
  /** Its place in the paragraph (0-based). */
  index: number;
  /** Offset of its first character in the paragraph's text. */
  at: number;
  text: string;
  /** Its figures, each `start` relative to the sentence. */
  figures: FigureRef[];
}

const ENDS = new Set(['。', '；', '！', '？', ';']);
const OPEN = new Set(['“', '（', '(', '《', '「', '‘']);
const CLOSE = new Set(['”', '）', ')', '》', '」', '’']);
const ORDINAL = /^[一二三四五六七八九十]+是/;

/** The sentences' texts: cut after each 。；！？ outside quotes and brackets; a trailing run without one is a sentence too. */
export function splitText(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ENDS.has(c)) {
      // Closing marks right after the end belong to the sentence (……。”).
      let end = i + 1;
      while (end < text.length && CLOSE.has(text[end])) end++;
      out.push({ at: from, text: text.slice(from, end) });
      from = end;
      i = end - 1;
    }
  }
  if (from < text.length && text.slice(from).trim()) out.push({ at: from, text: text.slice(from) });
  return out;
}

/** The paragraph's sentences, each figure placed in the sentence holding it (by its position, see locateFigure). */
export function splitParagraph(p: Pick<Paragraph, 'text' | 'figures'>): Sentence[] {
  const sentences: Sentence[] = splitText(p.text).map((s, index) => ({ index, at: s.at, text: s.text, figures: [] }));
  let cursor = 0;
  for (const figure of p.figures) {
    const at = locateFigure(p.text, figure, cursor);
    if (at < 0) continue;
    cursor = at + figure.text.length;
    const s = sentences.findLast((x) => x.at <= at);
    if (!s || at + figure.text.length > s.at + s.text.length) continue;
    s.figures.push({ ...figure, start: at - s.at });
  }
  return sentences;
}

/** The paragraph the sentences make, each figure's start set in it. */
export function joinSentences(key: string, sentences: Pick<Sentence, 'text' | 'figures'>[]): Paragraph {
  let text = '';
  const figures: FigureRef[] = [];
  for (const s of sentences) {
    for (const f of s.figures) figures.push({ ...f, start: text.length + (f.start ?? 0) });
    text += s.text;
  }
  return { key, text, figures };
}

/**
 * Sets each figure's `start` in the paragraph a draft wrote from its sentences: each sentence
 * (without its end mark, which the enumeration may have replaced) is found in order in `text`, and
 * its figures' offsets (relative to the sentence) moved by where it sits.
 */
export function placeFigures(text: string, parts: { text: string; figures: FigureRef[] }[]): FigureRef[] {
  let cursor = 0;
  return parts.flatMap((part) => {
    const body = part.text.replace(/[。;；，!?！？:：]$/, '');
    const at = text.indexOf(body, cursor);
    if (at < 0) return part.figures.map(({ start: _s, ...f }) => f);
    cursor = at + body.length;
    return part.figures.map((f) => (f.start === undefined ? f : { ...f, start: at + f.start }));
  });
}

/** A sentence without its ordinal (一是) and end mark: what stays when the enumeration is renumbered. */
function body(text: string): string {
  return text.replace(ORDINAL, '').replace(/[。；;！？]+$/, '');
}

const signature = (s: Sentence) => [...new Set(s.figures.map((f) => f.factKey))].sort().join('|');

export interface MergedParagraph {
  paragraph: Paragraph;
  /** Sentences kept as the person wrote them, with the fresh draft's text at their place. */
  kept: { index: number; text: string; draft: string | null; factKeys: string[] }[];
}

/**
 * Merges a paragraph a person may have edited (`current`) with a fresh draft of it, sentence by
 * sentence against what was drafted before (`baseline`): a sentence still as drafted takes the
 * fresh draft's sentence, a sentence the person edited is kept. When the three have as many
 * sentences the sentences are paired by place; otherwise by the facts their figures state (a
 * sentence the data dropped or added, one a person added or deleted). Null when they cannot be
 * paired: the caller keeps the whole paragraph.
 */
export function mergeParagraph(current: Paragraph, baseline: Paragraph, fresh: Paragraph): MergedParagraph | null {
  const cur = splitParagraph(current);
  const base = splitParagraph(baseline);
  const now = splitParagraph(fresh);
  if (cur.length === base.length && base.length === now.length) {
    const kept: MergedParagraph['kept'] = [];
    const out = cur.map((s, i) => {
      if (s.text === base[i].text) return now[i];
      kept.push({ index: i, text: s.text, draft: now[i].text, factKeys: s.figures.map((f) => f.factKey) });
      return s;
    });
    return { paragraph: joinSentences(fresh.key, out), kept };
  }
  return mergeByFacts(cur, base, now, fresh.key);
}

/** Pairs sentences of `a` with those of `b`: by their facts when they state figures, otherwise by their words. Null when ambiguous. */
function pair(a: Sentence[], b: Sentence[]): Map<number, number> | null {
  const map = new Map<number, number>();
  const used = new Set<number>();
  for (const s of a) {
    const sig = signature(s);
    const matches = b.filter((t) => !used.has(t.index) && (sig ? signature(t) === sig : !signature(t) && body(t.text) === body(s.text)));
    if (sig && (matches.length > 1 || a.filter((x) => signature(x) === sig).length > 1)) return null;
    if (matches.length) {
      map.set(s.index, matches[0].index);
      used.add(matches[0].index);
    }
  }
  return map;
}

function mergeByFacts(cur: Sentence[], base: Sentence[], now: Sentence[], key: string): MergedParagraph | null {
  const baseToNow = pair(base, now);
  if (!baseToNow) return null;
  const nowFromBase = new Set(baseToNow.values());
  // Each sentence of the current text: still as drafted (→ the fresh sentence of its baseline one,
  // or nothing when the data dropped it), or edited (kept; its fresh counterpart by its facts).
  type Slot = { sentence: Sentence; kept: boolean; nowIndex: number | null };
  const slots: Slot[] = [];
  const usedBase = new Set<number>();
  for (const s of cur) {
    const b = base.find((x) => !usedBase.has(x.index) && x.text === s.text);
    if (b) {
      usedBase.add(b.index);
      const n = baseToNow.get(b.index);
      if (n !== undefined) slots.push({ sentence: now[n], kept: false, nowIndex: n });
      continue;
    }
    const sig = signature(s);
    if (!sig) {
      slots.push({ sentence: s, kept: true, nowIndex: null });
      continue;
    }
    const counterpart = now.filter((x) => signature(x) === sig);
    if (counterpart.length !== 1) return null;
    slots.push({ sentence: s, kept: true, nowIndex: counterpart[0].index });
  }
  const order = slots.map((s) => s.nowIndex).filter((n): n is number => n !== null);
  if (order.some((n, i) => i > 0 && n <= order[i - 1])) return null;
  // Sentences the data added (no baseline sentence gives them) go in at their place in the fresh draft.
  const added = now.filter((x) => !nowFromBase.has(x.index) && !slots.some((s) => s.nowIndex === x.index));
  const out: Slot[] = [];
  let next = 0;
  for (const slot of slots) {
    if (slot.nowIndex !== null)
      while (next < added.length && added[next].index < slot.nowIndex) out.push({ sentence: added[next++], kept: false, nowIndex: null });
    out.push(slot);
  }
  while (next < added.length) out.push({ sentence: added[next++], kept: false, nowIndex: null });
  const texts = renumber(out.map((s) => s.sentence.text));
  const kept: MergedParagraph['kept'] = [];
  const sentences = out.map((slot, i) => {
    const text = texts[i];
    if (slot.kept)
      kept.push({ index: i, text, draft: slot.nowIndex === null ? null : now[slot.nowIndex].text, factKeys: slot.sentence.figures.map((f) => f.factKey) });
    const shift = text.length - slot.sentence.text.length;
    // Renumbering changes only the ordinal at the start: figures after it move by the difference.
    return { text, figures: slot.sentence.figures.map((f) => ({ ...f, start: (f.start ?? 0) + shift })) };
  });
  return { paragraph: joinSentences(key, sentences), kept };
}

/** An enumeration renumbered after a sentence was dropped or added: 一是…；二是…；…。 in order. */
function renumber(texts: string[]): string[] {
  const items = texts.map((t, i) => (ORDINAL.test(t) ? i : -1)).filter((i) => i >= 0);
  if (items.length < 2) return texts;
  const out = [...texts];
  items.forEach((i, k) => {
    let t = out[i].replace(ORDINAL, `${ordinal(k + 1)}是`);
    if (/[。；;]$/.test(t)) t = t.slice(0, -1) + (k === items.length - 1 ? '。' : '；');
    out[i] = t;
  });
  return out;
}
