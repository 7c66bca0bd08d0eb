import { type CatalogueIndex, CORE_FACTS, indexCatalogue, resolveFactKey } from '../../../../shared/fact-catalogue.js';
import { locateFigure } from '../../../../shared/figure-position.js';
import type { DraftDoc, FigureRef, Paragraph } from '../../../../shared/reports.js';

// Pure helpers over the draft document: where each figure sits in its paragraph's text, edits
// that keep the figures still written in the text, and the exact/rounded switch of one figure;
// the words for a figure's fact (from the fact catalogue), for where a draft warning points in the
// template, and for what a redraft found changed.

export type Segment = { kind: 'text'; text: string } | { kind: 'figure'; text: string; figure: FigureRef };

/**
 * The paragraph's text cut into plain runs and figures: each figure sits at its `start` when the
 * text still holds its text there, otherwise at its text's first occurrence after the previous
 * figure that is not inside another number (7人 is never found inside 17人); a figure no longer
 * found is left unmarked.
 */
export function segmentParagraph(p: Paragraph): Segment[] {
  const out: Segment[] = [];
  let cursor = 0;
  for (const figure of p.figures) {
    const at = locateFigure(p.text, figure, cursor);
    if (at < 0) continue;
    if (at > cursor) out.push({ kind: 'text', text: p.text.slice(cursor, at) });
    out.push({ kind: 'figure', text: figure.text, figure });
    cursor = at + figure.text.length;
  }
  if (cursor < p.text.length) out.push({ kind: 'text', text: p.text.slice(cursor) });
  return out;
}

/** Where a figure's text sits in the paragraph (as segmentParagraph places it), or null. */
function figurePosition(p: Paragraph, figureId: string): { at: number; length: number } | null {
  let cursor = 0;
  for (const figure of p.figures) {
    const at = locateFigure(p.text, figure, cursor);
    if (at < 0) continue;
    if (figure.id === figureId) return { at, length: figure.text.length };
    cursor = at + figure.text.length;
  }
  return null;
}

/** Each figure's `start` set to where it now sits in the paragraph's text (unset when not found). */
function placed(text: string, figures: FigureRef[]): FigureRef[] {
  let cursor = 0;
  return figures.map((f) => {
    const at = locateFigure(text, f, cursor);
    const { start: _start, ...rest } = f;
    if (at < 0) return rest;
    cursor = at + f.text.length;
    return { ...rest, start: at };
  });
}

/** The paragraph with its text replaced: figures whose text still occurs in it (not inside another number) are kept at where they now sit, the others dropped. */
export function editParagraphText(p: Paragraph, text: string): Paragraph {
  return {
    ...p,
    text,
    figures: placed(
      text,
      p.figures.filter((f) => locateFigure(text, { text: f.text }) >= 0),
    ),
  };
}

/** The figures an edit to `text` would drop (their text no longer occurs, or only inside another number). */
export function droppedFigures(p: Paragraph, text: string): FigureRef[] {
  return p.figures.filter((f) => locateFigure(text, { text: f.text }) < 0);
}

/** Rewrites one figure in place (1.5万余份 → 15230份 and back); the paragraph is unchanged when the figure is not found. */
export function replaceFigureText(p: Paragraph, figureId: string, text: string): Paragraph {
  const pos = figurePosition(p, figureId);
  if (!pos || !text) return p;
  const shift = text.length - pos.length;
  return {
    ...p,
    text: p.text.slice(0, pos.at) + text + p.text.slice(pos.at + pos.length),
    figures: p.figures.map((f) => {
      if (f.id === figureId) return { ...f, text, start: pos.at };
      return f.start !== undefined && f.start > pos.at ? { ...f, start: f.start + shift } : f;
    }),
  };
}

export interface Located {
  /** The section's key, or 'opening'. */
  sectionKey: string;
  heading: string;
  paragraph: Paragraph;
}

/** Every paragraph of the document, the opening first. */
export function allParagraphs(doc: DraftDoc): Located[] {
  return [
    { sectionKey: 'opening', heading: '开头', paragraph: doc.opening },
    ...doc.sections.flatMap((s) => s.paragraphs.map((paragraph) => ({ sectionKey: s.key, heading: s.heading, paragraph }))),
  ];
}

/** The document with one paragraph (by key) replaced through `fn`. */
export function mapParagraph(doc: DraftDoc, key: string, fn: (p: Paragraph) => Paragraph): DraftDoc {
  if (doc.opening.key === key) return { ...doc, opening: fn(doc.opening) };
  return {
    ...doc,
    sections: doc.sections.map((s) =>
      s.paragraphs.some((p) => p.key === key) ? { ...s, paragraphs: s.paragraphs.map((p) => (p.key === key ? fn(p) : p)) } : s,
    ),
  };
}

export function mapHeading(doc: DraftDoc, sectionKey: string, heading: string): DraftDoc {
  return { ...doc, sections: doc.sections.map((s) => (s.key === sectionKey ? { ...s, heading } : s)) };
}

/** A figure's rounded form is known by its fact and exact text (the same fact may have another value after a redraft). */
export const roundedKey = (f: Pick<FigureRef, 'factKey' | 'exactText'>) => `${f.factKey}|${f.exactText}`;

/** The rounded texts of the figures of `docs` that are not written exactly, to switch back to. */
export function collectRounded(into: Map<string, string>, ...docs: (DraftDoc | undefined)[]): Map<string, string> {
  for (const doc of docs) {
    if (!doc) continue;
    for (const { paragraph } of allParagraphs(doc)) {
      for (const f of paragraph.figures) if (f.text !== f.exactText && !into.has(roundedKey(f))) into.set(roundedKey(f), f.text);
    }
  }
  return into;
}

const RECORD_TYPE_LABELS: Record<string, string> = {
  project: '科技项目',
  event: '活动',
  visit: '调研记录',
  enterprise: '企业与基地',
  followup: '跟踪服务',
  commissioner: '科技特派员',
  service_log: '特派员服务日志',
  commissioner_support: '特派员支持',
  milestone: '项目节点',
  worklist_item: '台账条目',
};

export const recordTypeLabel = (t: string) => RECORD_TYPE_LABELS[t] ?? t;

const CORE_INDEX: CatalogueIndex = indexCatalogue(CORE_FACTS);

/**
 * A fact key in words, from the fact catalogue: outreach.materials → 发放资料;
 * list.<key>.done → 台账名:期内完成 (with the bureau's catalogue); a member of a groups fact →
 * 立项项目按级别(市级). A key the catalogue does not hold is shown as it is.
 */
export function factLabel(key: string, catalogue: CatalogueIndex = CORE_INDEX): string {
  const found = resolveFactKey(catalogue, key) ?? resolveFactKey(CORE_INDEX, key);
  if (!found) return key;
  return found.member === null ? found.def.label : `${found.def.label}(${found.member})`;
}

/** Where in the template a draft warning points, in words: 标题, 开头段, 第2段第3句. */
export function templatePlace(path: string): string {
  if (path === 'title') return '标题';
  if (path === 'opening') return '开头段';
  const sentence = /^sections\.(\d+)\.sentences\.(\d+)$/.exec(path);
  if (sentence) return `第${Number(sentence[1]) + 1}段第${Number(sentence[2]) + 1}句`;
  const section = /^sections\.(\d+)/.exec(path);
  if (section) return `第${Number(section[1]) + 1}段`;
  if (path.startsWith('plan')) return '工作计划段';
  return path;
}

/** What a redraft says changed, in words: template, data, both or neither (台账数据和模板都没有变化). */
export function redraftSummary(r: { template: 'report' | 'current'; templateChanged: boolean; dataChanged: boolean }): string {
  if (!r.templateChanged && !r.dataChanged) return '台账数据和模板都没有变化';
  const template = !r.templateChanged
    ? '模板没有变化'
    : r.template === 'current'
      ? '模板在起草后有修改,已按模板的当前版本重写'
      : '模板在起草后有修改,本次仍按起草时的模板(要采用修改后的模板,请重新起草并选择“模板的当前版本”)';
  return `${template};${r.dataChanged ? '台账数据有变化' : '台账数据没有变化'}`;
}
