import type { DraftDoc, FigureRef, Paragraph } from '../../../../shared/reports.js';

// Pure helpers over the draft document: where each figure sits in its paragraph's text, edits
// that keep the figures still written in the text, and the exact/rounded switch of one figure.

export type Segment = { kind: 'text'; text: string } | { kind: 'figure'; text: string; figure: FigureRef };

/**
 * The paragraph's text cut into plain runs and figures: each figure is its text's first occurrence
 * after the previous figure; a figure no longer found there is left unmarked.
 */
export function segmentParagraph(p: Paragraph): Segment[] {
  const out: Segment[] = [];
  let cursor = 0;
  for (const figure of p.figures) {
    if (!figure.text) continue;
    const at = p.text.indexOf(figure.text, cursor);
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
    if (!figure.text) continue;
    const at = p.text.indexOf(figure.text, cursor);
    if (at < 0) continue;
    if (figure.id === figureId) return { at, length: figure.text.length };
    cursor = at + figure.text.length;
  }
  return null;
}

/** The paragraph with its text replaced: figures whose text still occurs in it are kept, the others dropped. */
export function editParagraphText(p: Paragraph, text: string): Paragraph {
  return { ...p, text, figures: p.figures.filter((f) => f.text.length > 0 && text.includes(f.text)) };
}

/** The figures an edit to `text` would drop (their text no longer occurs). */
export function droppedFigures(p: Paragraph, text: string): FigureRef[] {
  return p.figures.filter((f) => !f.text || !text.includes(f.text));
}

/** Rewrites one figure in place (1.5万余份 → 15230份 and back); the paragraph is unchanged when the figure is not found. */
export function replaceFigureText(p: Paragraph, figureId: string, text: string): Paragraph {
  const pos = figurePosition(p, figureId);
  if (!pos || !text) return p;
  return {
    ...p,
    text: p.text.slice(0, pos.at) + text + p.text.slice(pos.at + pos.length),
    figures: p.figures.map((f) => (f.id === figureId ? { ...f, text } : f)),
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

export function findParagraph(doc: DraftDoc, key: string): Paragraph | undefined {
  return allParagraphs(doc).find((l) => l.paragraph.key === key)?.paragraph;
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

/** What two texts share at both ends, and what differs between: to highlight a change. */
export function diffMiddle(a: string, b: string): { prefix: string; a: string; b: string; suffix: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { prefix: a.slice(0, start), a: a.slice(start, a.length - end), b: b.slice(start, b.length - end), suffix: a.slice(a.length - end) };
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
  worklist_item: '台账条目',
};

export const recordTypeLabel = (t: string) => RECORD_TYPE_LABELS[t] ?? t;

const FACT_LABELS: Record<string, string> = {
  'org.name': '单位名称',
  'period.label': '期间(2014年上半年)',
  'period.short': '期间简称(上半年)',
  'projects.applied': '申报项目数',
  'projects.appliedPrograms': '按计划类别的申报项目',
  'projects.appliedLevels': '按级别的申报项目',
  'projects.approved': '立项项目数',
  'projects.rejected': '未获批项目数',
  'projects.ongoing': '在建项目数',
  'projects.accepted': '验收项目数',
  'projects.amountApproved': '立项资金',
  'projects.amountReceived': '到位资金',
  'projects.visits': '调研次数',
  'projects.enterprisesVisited': '调研企业数',
  'projects.leadsFound': '发现项目线索数',
  'projects.enteredPool': '入库项目数',
  'projects.followups': '跟踪服务次数',
  'projects.followedUp': '跟踪服务的项目数',
  'events.count': '活动次数',
  'events.sentTrainings': '组织参加的培训次数',
  'events.peopleSent': '组织参加培训的人数',
  'events.sentTrainingNames': '组织参加的培训',
  'outreach.count': '下乡活动次数',
  'outreach.materials': '发放资料份数',
  'outreach.books': '发放图书份数',
  'outreach.leaflets': '发放传单份数',
  'outreach.boards': '展板块数',
  'outreach.consultations': '咨询人次',
  'outreach.attendees': '参加人数',
  'outreach.experts': '专家人数',
  'outreach.departments': '参与部门',
  'outreach.towns': '到达乡镇',
  'commissioners.active': '在岗科技特派员',
  'commissioners.logged': '开展服务的特派员',
  'commissioners.logs': '特派员服务次数',
  'commissioners.peopleServed': '服务群众人次',
  'commissioners.newTechniques': '引进新品种新技术',
  'commissioners.supports': '支持特派员次数',
  'commissioners.supportAmount': '特派员补助资金',
  'commissioners.towns': '特派员服务乡镇',
};

const LIST_FACT_LABELS: Record<string, string> = {
  itemsAtEnd: '期末条目数',
  registeredInPeriod: '期内登记数',
  doneAtEnd: '期末已完成数',
  closedInPeriod: '期内销号数',
  overdueAtEnd: '期末逾期数',
  doneNames: '已完成事项',
};

/** A fact key in words: outreach.materials → 发放资料份数; list.整改台账.doneAtEnd → 整改台账 · 期末已完成数. */
export function factLabel(key: string): string {
  if (FACT_LABELS[key]) return FACT_LABELS[key];
  const list = /^list\.([^.]+)\.(.+)$/.exec(key);
  if (list) {
    const [, name, rest] = list;
    if (LIST_FACT_LABELS[rest]) return `${name} · ${LIST_FACT_LABELS[rest]}`;
    if (rest.startsWith('status.')) return `${name} · 状态为${rest.slice(7)}`;
    if (rest.startsWith('figure.')) return `${name} · 统计项 ${rest.slice(7)}`;
    return `${name} · ${rest}`;
  }
  return key;
}
