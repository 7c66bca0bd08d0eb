import { type CatalogueIndex, type FactDef, type FactGroup, type FactValue, resolveFactKey } from '../../shared/fact-catalogue.js';
import { joinNames, ordinal, phraseMoney, phraseNames, type PhraseOptions, phraseQuantity, phraseShare, phraseWan } from '../../shared/phrasing.js';
import type { DraftDoc, FigureRef, Paragraph, TemplateDefinition } from '../../shared/reports.js';
import { toChinesePunctuation, toChinesePunctuationMapped } from '../../shared/typography.js';
import type { FactValues } from './fact-source.js';
import type { PeriodInfo } from './period.js';
import { placeFigures } from './sentences.js';
import { type Slot, type SlotProblem, parseSlots, unknownFactMessage } from './template.js';

// The pure step: facts + template → the draft's sections and paragraphs. A sentence is kept only
// when every figure it states is above zero (sections with nothing to report drop out); each
// figure keeps the fact it came from and the ids of the records it counted. Units, number styles
// and record types come from the fact catalogue. A slot naming no fact of the catalogue leaves its
// sentence out and says so in the draft's warnings. Every sentence, heading and plan item is set in
// Chinese typography (shared/typography.ts): the template's words and the record texts inserted
// into them alike, so half-width , ; : ( ) typed anywhere reach the draft full-width.

export interface PlanItem {
  id: number;
  title: string;
  content: string;
}

/** What the renderer reads: the period's facts, the catalogue they are declared in, and the same facts a year earlier. */
export interface DraftFacts {
  facts: FactValues;
  catalogue: CatalogueIndex;
  previous: FactValues | null;
}

interface Rendered {
  text: string;
  figure: FigureRef | null;
}

/** A slot's fact resolved: a fact of the catalogue, or one group of a groups fact (`{K.member}`). */
type Resolved = { def: FactDef; value: FactValue | undefined; member: null } | { def: FactDef; value: FactValue | undefined; member: string };

function exactOf(value: number, unit: string): string {
  return `${Number.isInteger(value) ? value : Number(value.toFixed(4))}${unit}`;
}

function findGroup(value: FactValue | undefined, member: string): FactGroup | undefined {
  return value?.kind === 'groups' ? value.groups.find((g) => g.key === member || g.name === member) : undefined;
}

/** A number a slot names (a number fact, or one group of a groups fact) with the unit it is counted in. */
function numberOf(r: Resolved, values: FactValues | null): { value: number; ids: number[]; unit: string } | null {
  const value = values?.get(r.def.key);
  if (r.member !== null) {
    const g = findGroup(value, r.member);
    return { value: g?.value ?? 0, ids: g?.ids ?? [], unit: g?.measure ?? r.def.unit ?? '' };
  }
  return value?.kind === 'number' ? { value: value.value, ids: value.ids, unit: r.def.unit ?? '' } : null;
}

function totalOf(r: Resolved, values: FactValues | null): number | null {
  const n = numberOf(r, values);
  if (n) return n.value;
  const value = values?.get(r.def.key);
  if (value?.kind === 'groups') return value.groups.reduce((s, g) => s + g.value, 0);
  if (value?.kind === 'names') return value.names.length;
  return null;
}

function resolve(key: string, input: DraftFacts): Resolved | null {
  const found = resolveFactKey(input.catalogue, key);
  if (!found) return null;
  return { def: found.def, value: input.facts.get(found.def.key), member: found.member } as Resolved;
}

/** Writes a number by the fact's style and the slot's formats. */
function phraseNumber(value: number, unit: string, style: FactDef['style'], formats: Map<string, string>): string {
  const options: PhraseOptions = {
    mode: formats.has('exact') ? 'exact' : 'approx',
    more: formats.get('more') === '多' ? '多' : '余',
    chinese: formats.has('chinese'),
  };
  if (style === 'wan') return phraseWan(value, options);
  if (style === 'money') return phraseMoney(value, options);
  if (style === 'quantity' || formats.has('approx')) return phraseQuantity(value, unit, options);
  return exactOf(value, unit);
}

/** Where a slot stands in its sentence: `etc` = 等 follows it (A、B、C等工作), so its names take no 和. */
export interface SlotContext {
  etc?: boolean;
}

/**
 * Renders one slot: null when its fact says nothing (zero, empty), 'unknown' when the slot names no
 * fact of the catalogue. Its text is set in Chinese typography.
 */
export function renderSlot(slot: Slot, input: DraftFacts, nextId: () => string, context: SlotContext = {}): Rendered | null | 'unknown' {
  const rendered = renderSlotText(slot, input, nextId, context);
  if (!rendered || rendered === 'unknown') return rendered;
  const text = toChinesePunctuation(rendered.text);
  const figure = rendered.figure && { ...rendered.figure, text, exactText: toChinesePunctuation(rendered.figure.exactText) };
  return { text, figure };
}

function renderSlotText(slot: Slot, input: DraftFacts, nextId: () => string, context: SlotContext): Rendered | null | 'unknown' {
  const r = resolve(slot.key, input);
  if (!r) return 'unknown';
  const { def } = r;
  const f = slot.formats;
  const figure = (text: string, value: number, exactText: string, ids: number[], unit: string): FigureRef => {
    const before = input.previous ? totalOf(r, input.previous) : null;
    return {
      id: nextId(),
      factKey: slot.key,
      text,
      exactText,
      value,
      recordType: def.recordType ?? '',
      ids,
      previous: before !== null && before > 0 ? { value: before, text: exactOf(before, unit) } : null,
    };
  };

  if (def.kind === 'text') {
    return r.value?.kind === 'text' && r.value.text ? { text: r.value.text, figure: null } : null;
  }

  const n = numberOf(r, input.facts);
  if (def.kind === 'number' || r.member !== null) {
    if (!n) return null;
    const unit = f.get('unit') || n.unit;
    if (f.has('share')) {
      const other = resolve(f.get('share')!, input);
      const part = other ? numberOf(other, input.facts) : null;
      if (n.value <= 0 || !part) return null;
      const text = phraseShare(n.value, part.value, unit);
      return { text, figure: figure(text, part.value, `${n.value}${unit}中${part.value}${unit}`, n.ids, unit) };
    }
    if (n.value <= 0) return null;
    const text = phraseNumber(n.value, unit, def.style, f);
    return { text, figure: figure(text, n.value, exactOf(n.value, def.style === 'wan' ? '万元' : def.style === 'money' ? '元' : unit), n.ids, unit) };
  }

  if (def.kind === 'groups') {
    if (r.value?.kind !== 'groups') return null;
    const groups = r.value.groups.filter((g) => g.value > 0);
    if (!groups.length) return null;
    const unitFormat = f.get('unit');
    const unitOf = (g: FactGroup) => unitFormat || g.measure || def.unit || '';
    const amount = (g: FactGroup) => (def.style === 'wan' || def.style === 'money' ? phraseNumber(g.value, unitOf(g), def.style, f) : `${g.value}${unitOf(g)}`);
    const exactAmount = (g: FactGroup) => exactOf(g.value, def.style === 'wan' ? '万元' : def.style === 'money' ? '元' : unitOf(g));
    // The suffix names what the fact's unit counts (重点研发计划项目2项); a group that carries a measure
    // word of its own names what it counts itself and takes none (工程技术研究中心2个, not …中心项目2个).
    const suffixOf = (g: FactGroup) => (!g.measure || g.measure === def.unit ? (f.get('suffix') ?? '') : '');
    // A quoted name keeps its suffix outside the quotes: “科技富民强县”项目.
    const names = groups.map((g) => (f.has('quote') ? `\u201c${g.name}\u201d${suffixOf(g)}` : `${g.name}${suffixOf(g)}`));
    const nestBy = f.get('nest');
    let text: string;
    if (nestBy) {
      text = groups
        .map((g, i) => {
          const sub = (g.sub?.[nestBy] ?? []).filter((s) => s.value > 0);
          return `${names[i]}${amount(g)}${sub.length ? `（${sub.map((s) => `${s.name}${amount(s)}`).join('、')}）` : ''}`;
        })
        .join('，');
    } else if (f.has('each') && groups.every((g) => g.value === groups[0].value && unitOf(g) === unitOf(groups[0]))) {
      text = `${joinNames(names)}${groups.length > 1 ? '各' : ''}${amount(groups[0])}`;
    } else if (f.has('each') || f.has('list')) {
      text = groups.map((g, i) => `${names[i]}${amount(g)}`).join('、');
    } else {
      text = joinNames(names, { etc: context.etc });
    }
    const total = groups.reduce((s, g) => s + g.value, 0);
    return {
      text,
      figure: figure(text, total, groups.map((g, i) => `${names[i]}${exactAmount(g)}`).join('、'), [...new Set(groups.flatMap((g) => g.ids))], def.unit ?? ''),
    };
  }

  if (r.value?.kind !== 'names' || !r.value.names.length) return null;
  // A list written out may be followed by words (林业、农业等部门) that its count does without (12个部门);
  // a list followed by 等, here or in the sentence, takes no 和.
  const listedWords = f.get('listed') ?? '';
  const join = { quote: f.has('quote'), etc: context.etc || listedWords.startsWith('等') };
  const listed = phraseNames(r.value.names, join);
  const phrased = phraseNames(r.value.names, { ...join, countUnit: def.countUnit });
  const text = phrased === listed ? `${listed}${listedWords}` : phrased;
  return { text, figure: figure(text, r.value.names.length, r.value.names.join('、'), r.value.ids, '') };
}

export interface RenderedPattern {
  /** The sentence, or null when it is left out (a figure says nothing, or a slot names no fact). */
  text: string | null;
  figures: FigureRef[];
  /** The slots that named no fact. */
  unknown: Slot[];
}

/**
 * Fills a pattern; its text is null when a figure in it says nothing, so the sentence is left out.
 * The sentence is set in Chinese typography as a whole (the template's words in the context of the
 * figures and names around them), and each figure's text is its part of the result.
 */
export function renderPattern(pattern: string, input: DraftFacts, nextId: () => string): RenderedPattern {
  let raw = '';
  let silent = false;
  let from = 0;
  const spans: { figure: FigureRef; start: number; end: number }[] = [];
  const unknown: Slot[] = [];
  for (const slot of parseSlots(pattern)) {
    const at = pattern.indexOf(slot.raw, from);
    raw += pattern.slice(from, at);
    from = at + slot.raw.length;
    const rendered = renderSlot(slot, input, nextId, { etc: pattern.startsWith('等', from) });
    if (rendered === 'unknown') unknown.push(slot);
    if (!rendered || rendered === 'unknown') {
      silent = true;
      continue;
    }
    const start = raw.length;
    raw += rendered.text;
    if (rendered.figure) spans.push({ figure: rendered.figure, start, end: raw.length });
  }
  if (silent) return { text: null, figures: [], unknown };
  raw += pattern.slice(from);
  const { text, map } = toChinesePunctuationMapped(raw);
  const figures = spans.map(({ figure, start, end }) => ({ ...figure, text: text.slice(map[start], map[end]), start: map[start] }));
  return { text, figures, unknown };
}

/** Marks a sentence may end with; anything else gets 。. */
const SENTENCE_END = /[。;!?:；！？：]$/;
/** Marks an enumerated item's own end is replaced by (its ; or 。 comes from the enumeration). */
const ITEM_END = /[。;；，]$/;

function endSentence(text: string): string {
  return SENTENCE_END.test(text) ? text : `${text}。`;
}

/** The whole draft. `plan` holds the plan list's items for the next period (empty leaves the plan out). */
export function buildDraft(template: TemplateDefinition, input: DraftFacts, period: PeriodInfo, plan: PlanItem[]): DraftDoc {
  let counter = 0;
  const nextId = () => `f${++counter}`;
  const warnings: SlotProblem[] = [];
  const render = (pattern: string, path: string, facts: DraftFacts) => {
    const out = renderPattern(pattern, facts, nextId);
    for (const slot of out.unknown) warnings.push({ path, slot: slot.raw, message: `${unknownFactMessage(slot.key)}，这句没有写入` });
    return out;
  };

  const title = render(template.title, 'title', { ...input, previous: null }).text ?? `${period.label}工作总结`;
  const opening = render(template.opening, 'opening', input);

  const sections: DraftDoc['sections'] = [];
  template.sections.forEach((section, i) => {
    const kept = section.sentences
      .map((s, j) => render(s, `sections.${i}.sentences.${j}`, input))
      .filter((s): s is RenderedPattern & { text: string } => s.text !== null);
    // The opening sentence leads the section, outside the enumeration; it is left out like any
    // sentence whose figure says nothing, and alone it carries a section only when it states a figure.
    const opening = section.opening ? render(section.opening, `sections.${i}.opening`, input) : null;
    const lead = opening?.text ? { text: opening.text, figures: opening.figures } : null;
    if (!kept.length && !lead?.figures.length) return;
    let text: string;
    if (section.enumerate && kept.length > 1) {
      text = kept.map((s, k) => `${ordinal(k + 1)}是${s.text.replace(ITEM_END, '')}${k === kept.length - 1 ? '。' : '；'}`).join('');
    } else {
      text = kept.map((s) => endSentence(s.text)).join('');
    }
    if (lead) text = endSentence(lead.text) + text;
    const paragraph: Paragraph = { key: `${section.key}.1`, text, figures: placeFigures(text, lead ? [lead, ...kept] : kept) };
    sections.push({ key: section.key, heading: `${ordinal(sections.length + 1)}、${toChinesePunctuation(section.heading)}`, paragraphs: [paragraph] });
  });
  if (template.plan && period.next && plan.length) {
    sections.push({
      key: 'plan',
      heading: toChinesePunctuation(`${ordinal(sections.length + 1)}、${period.next.heading}`),
      paragraphs: plan.map((item, i) => ({
        key: `plan.${item.id}`,
        text: toChinesePunctuation(`${ordinal(i + 1)}、${item.title.replace(/[。.]$/, '')}。${item.content}`),
        figures: [],
      })),
    });
  }
  return { title, opening: { key: 'opening', text: opening.text ?? '', figures: opening.figures }, sections, warnings };
}
