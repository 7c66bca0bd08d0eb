import { joinNames, ordinal, phraseMoney, phraseQuantity, phraseShare, phraseWan } from '../../shared/phrasing.js';
import type { DraftDoc, FigureRef, Paragraph, TemplateDefinition } from '../../shared/reports.js';
import type { FactSet } from './facts.js';
import type { PeriodInfo } from './period.js';
import { type Slot, parseSlots } from './template.js';

// The pure step: facts + template → the draft's sections and paragraphs. A sentence is kept only
// when every figure it states is above zero (sections with nothing to report drop out); each
// figure keeps the fact it came from and the ids of the records it counted.

export interface PlanItem {
  id: number;
  title: string;
  content: string;
}

interface Rendered {
  text: string;
  figure: FigureRef | null;
}

function exactOf(value: number, unit: string): string {
  return `${Number.isInteger(value) ? value : Number(value.toFixed(4))}${unit}`;
}

/** Renders one slot, or null when its fact is missing or says nothing (zero, empty). */
export function renderSlot(slot: Slot, facts: FactSet, previous: FactSet | null, nextId: () => string): Rendered | null {
  const fact = facts.get(slot.key);
  if (!fact) return null;
  if (fact.kind === 'text') return { text: fact.text, figure: null };
  const f = slot.formats;
  const options = { mode: f.has('exact') ? ('exact' as const) : ('approx' as const), more: f.get('more') === '多' ? ('多' as const) : ('余' as const), chinese: f.has('chinese') };
  const figure = (text: string, value: number, exactText: string, ids: number[], recordType: string): FigureRef => {
    const before = previous?.get(slot.key);
    const prevValue = before?.kind === 'number' ? before.value : before?.kind === 'groups' ? before.groups.reduce((s, g) => s + g.value, 0) : null;
    return {
      id: nextId(), factKey: slot.key, text, exactText, value, recordType, ids,
      previous: prevValue !== null && prevValue > 0 && before?.kind === 'number' ? { value: prevValue, text: exactOf(prevValue, before.unit) } : prevValue ? { value: prevValue, text: String(prevValue) } : null,
    };
  };

  if (fact.kind === 'number') {
    const unit = f.get('unit') || fact.unit;
    if (f.has('share')) {
      const part = facts.get(f.get('share')!);
      if (fact.value <= 0 || part?.kind !== 'number') return null;
      const text = phraseShare(fact.value, part.value, unit);
      return { text, figure: figure(text, part.value, `${fact.value}${unit}中${part.value}${unit}`, fact.ids, fact.recordType) };
    }
    if (fact.value <= 0) return null;
    let text: string;
    if (fact.style === 'wan') text = phraseWan(fact.value);
    else if (fact.style === 'money') text = phraseMoney(fact.value, options);
    else if (fact.style === 'quantity' || f.has('approx')) text = phraseQuantity(fact.value, unit, options);
    else text = exactOf(fact.value, unit);
    return { text, figure: figure(text, fact.value, exactOf(fact.value, unit), fact.ids, fact.recordType) };
  }

  if (fact.kind === 'groups') {
    const groups = fact.groups.filter((g) => g.value > 0);
    if (!groups.length) return null;
    const unit = f.get('unit') || fact.unit;
    const suffix = f.get('suffix') ?? '';
    const names = groups.map((g) => `${g.name}${suffix}`);
    let text: string;
    if (f.has('each') && groups.every((g) => g.value === groups[0].value)) {
      text = `${joinNames(names, f.has('quote'))}${groups.length > 1 ? '各' : ''}${groups[0].value}${unit}`;
    } else if (f.has('each') || f.has('list')) {
      text = groups.map((g, i) => `${names[i]}${g.value}${unit}`).join('、');
    } else {
      text = joinNames(names, f.has('quote'));
    }
    const total = groups.reduce((s, g) => s + g.value, 0);
    return { text, figure: figure(text, total, groups.map((g, i) => `${names[i]}${g.value}${unit}`).join('、'), groups.flatMap((g) => g.ids), fact.recordType) };
  }

  if (!fact.names.length) return null;
  const text = joinNames(fact.names, f.has('quote'));
  return { text, figure: figure(text, fact.names.length, fact.names.join('、'), fact.ids, fact.recordType) };
}

/** Fills a pattern; null when a figure in it says nothing, so the sentence is left out. */
export function renderPattern(pattern: string, facts: FactSet, previous: FactSet | null, nextId: () => string): { text: string; figures: FigureRef[] } | null {
  let text = pattern;
  const figures: FigureRef[] = [];
  for (const slot of parseSlots(pattern)) {
    const rendered = renderSlot(slot, facts, previous, nextId);
    if (!rendered) return null;
    text = text.replace(slot.raw, rendered.text);
    if (rendered.figure) figures.push(rendered.figure);
  }
  return { text, figures };
}

function endSentence(text: string): string {
  return /[。;;!?:]$/.test(text) ? text : `${text}。`;
}

/** The whole draft. `plan` holds the plan list's items for the next period (empty leaves the plan out). */
export function buildDraft(
  template: TemplateDefinition,
  facts: FactSet,
  previous: FactSet | null,
  period: PeriodInfo,
  plan: PlanItem[],
): DraftDoc {
  let counter = 0;
  const nextId = () => `f${++counter}`;
  const title = renderPattern(template.title, facts, null, nextId)?.text ?? `${period.label}工作总结`;
  const opening = renderPattern(template.opening, facts, previous, nextId) ?? { text: '', figures: [] };

  const sections: DraftDoc['sections'] = [];
  for (const section of template.sections) {
    const kept = section.sentences.map((s) => renderPattern(s, facts, previous, nextId)).filter((s) => s !== null);
    if (!kept.length) continue;
    let text: string;
    if (section.enumerate && kept.length > 1) {
      text = kept.map((s, i) => `${ordinal(i + 1)}是${s.text.replace(/[。;;]$/, '')}${i === kept.length - 1 ? '。' : ';'}`).join('');
    } else {
      text = kept.map((s) => endSentence(s.text)).join('');
    }
    const paragraph: Paragraph = { key: `${section.key}.1`, text, figures: kept.flatMap((s) => s.figures) };
    sections.push({ key: section.key, heading: `${ordinal(sections.length + 1)}、${section.heading}`, paragraphs: [paragraph] });
  }
  if (template.plan && period.next && plan.length) {
    sections.push({
      key: 'plan',
      heading: `${ordinal(sections.length + 1)}、${period.next.heading}`,
      paragraphs: plan.map((item, i) => ({
        key: `plan.${item.id}`,
        text: `${ordinal(i + 1)}、${item.title.replace(/[。.]$/, '')}。${item.content}`,
        figures: [],
      })),
    });
  }
  return { title, opening: { key: 'opening', text: opening.text, figures: opening.figures }, sections };
}

