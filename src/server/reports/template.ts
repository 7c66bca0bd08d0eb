import { type CatalogueIndex, LEADERSHIP_BY_ORG_LEVEL, resolveFactKey } from '../../shared/fact-catalogue.js';
import type { TemplateDefinition, TemplateSection } from '../../shared/reports.js';
import type { OrgLevel } from '../../shared/roles.js';
import type { WorklistSummary } from '../../shared/worklists.js';

// Templates: sentence patterns with {slots}. A slot is `{factKey}` or `{factKey|format|…}`.
// Formats: exact, approx (how a number is rounded), unit:X (the measure word a count is written
// with: 登记问题{list.rectification.registered|unit:项}, so the sentence names what is counted and a
// ledger is not counted as 5 ledgers), money / more:多 / chinese (how money is written), each /
// list / suffix:X (how groups are joined; suffix:X follows the names of groups counted in the fact's
// unit, never a group with a measure word of its own: 重点研发计划项目2项、工程技术研究中心2个), nest:dimension (each group split again: 市级项目5项(工业3项、农业2项)), quote (names in quotation
// marks), listed:X (X follows the names only when they are listed, not written as their count: 林业、
// 农业等部门 but 12个部门), share:otherKey ("4户中已有2户"), ordinal-free text slots. Which keys exist is the fact
// catalogue's business (src/shared/fact-catalogue.ts). Names followed by 等, in the sentence or in
// listed:, are joined without 和 (科普统计、民营科技企业统计等工作). A section may have an opening
// sentence, written before its enumerated 一是…二是… and not counted among them. A slot's | and :
// may be typed full-width (｜unit：项 reads as |unit:项).

export interface Slot {
  raw: string;
  key: string;
  formats: Map<string, string>;
}

const SLOT = /\{([^{}]+)\}/g;
export const KNOWN_FORMATS = new Set(['exact', 'approx', 'unit', 'money', 'more', 'chinese', 'each', 'list', 'suffix', 'quote', 'share', 'nest', 'listed']);

/** The slots of a pattern, in order. */
export function parseSlots(pattern: string): Slot[] {
  return [...pattern.matchAll(SLOT)].map((m) => {
    const inside = m[1].replace(/\uff5c/g, '|').replace(/\uff1a/g, ':');
    const [key, ...formats] = inside.split('|').map((s) => s.trim());
    return {
      raw: m[0],
      key,
      formats: new Map(
        formats.map((f) => {
          const i = f.indexOf(':');
          return i < 0 ? [f, ''] : [f.slice(0, i), f.slice(i + 1)];
        }),
      ),
    };
  });
}

/**
 * Braces that do not pair up in a pattern: a `{` never closed, a `}` never opened, a `{` inside a
 * slot, an empty `{}`. Each with its position counted in characters from 1, as the editor shows it,
 * and the text around it, so the author can find it: such a pattern would print braces in the summary.
 */
export function braceProblems(pattern: string): { position: number; near: string; message: string }[] {
  const chars = [...pattern];
  const near = (from: number, to: number) => chars.slice(Math.max(0, from), Math.min(chars.length, to)).join('');
  const problems: { position: number; near: string; message: string }[] = [];
  let open = -1;
  chars.forEach((ch, i) => {
    if (ch === '{') {
      if (open >= 0) problems.push({ position: open + 1, near: near(open, i + 1), message: `第${open + 1}个字处的“{”没有配对的“}”` });
      open = i;
    } else if (ch === '}') {
      if (open < 0) problems.push({ position: i + 1, near: near(i - 9, i + 1), message: `第${i + 1}个字处的“}”没有配对的“{”` });
      else if (open === i - 1) problems.push({ position: open + 1, near: '{}', message: `第${open + 1}个字处的“{}”是空的占位` });
      open = -1;
    }
  });
  if (open >= 0) problems.push({ position: open + 1, near: near(open, open + 10), message: `第${open + 1}个字处的“{”没有配对的“}”` });
  return problems;
}

export interface SlotProblem {
  path: string;
  slot: string;
  message: string;
}

/** The message for a slot naming no fact, in the template check, the preview and a draft's warnings. */
export function unknownFactMessage(key: string): string {
  return `“${key}”不是可用的统计数据`;
}

/** Every problem of one pattern: braces that do not pair up, slots naming no fact of the catalogue, unknown formats. */
export function checkPattern(pattern: string, path: string, catalogue: CatalogueIndex): SlotProblem[] {
  const problems: SlotProblem[] = [];
  for (const brace of braceProblems(pattern)) problems.push({ path, slot: brace.near, message: brace.message });
  for (const slot of parseSlots(pattern)) {
    if (!resolveFactKey(catalogue, slot.key)) problems.push({ path, slot: slot.raw, message: unknownFactMessage(slot.key) });
    for (const [format, arg] of slot.formats) {
      if (!KNOWN_FORMATS.has(format)) problems.push({ path, slot: slot.raw, message: `未知的格式“${format}”` });
      if (format === 'share' && !resolveFactKey(catalogue, arg)) problems.push({ path, slot: slot.raw, message: unknownFactMessage(arg) });
    }
  }
  return problems;
}

/** Every pattern of a template with its path (title, opening, sections.0.opening, sections.0.sentences.1 …). */
export function templatePatterns(def: Pick<TemplateDefinition, 'title' | 'opening' | 'sections'>): { path: string; pattern: string }[] {
  return [
    { path: 'title', pattern: def.title },
    { path: 'opening', pattern: def.opening },
    ...def.sections.flatMap((s, i) => [
      ...(s.opening ? [{ path: `sections.${i}.opening`, pattern: s.opening }] : []),
      ...s.sentences.map((pattern, j) => ({ path: `sections.${i}.sentences.${j}`, pattern })),
    ]),
  ];
}

/**
 * Every slot of a template that names no fact of the catalogue (or an unknown format), and every
 * brace that does not pair up, so the editor can show them before saving (saving refuses a template with any).
 */
export function checkTemplate(def: TemplateDefinition, catalogue: CatalogueIndex): SlotProblem[] {
  return templatePatterns(def).flatMap(({ path, pattern }) => checkPattern(pattern, path, catalogue));
}

// ---------- the default template ----------

/**
 * The sections every bureau has, from the core facts only: project management (科技管理) and outreach
 * with the commissioners (科技宣传). Work lists join them by key (summary.section: 'management').
 * No place, project, film or campaign name, and nothing of one county: the leadership and the
 * region come from the organisation's level ({org.leadership}, {org.region}).
 */
export const CORE_SECTIONS: TemplateSection[] = [
  {
    key: 'management',
    heading: '狠抓落实，科技管理上水平',
    enumerate: true,
    sentences: [
      '积极组织申报科技计划项目。{period.short}，我局通过深入企业、涉农涉工部门调研，积极寻找和挖掘科技项目，组织申报{projects.appliedPrograms|suffix:项目|each}',
      '{period.short}获批立项{projects.approvedByLevel|suffix:项目|nest:field}',
      '争取项目立项资金{projects.amountApproved}',
      '重点做好{projects.followedUp}在建科技项目的跟踪与服务工作，开展跟踪服务{projects.followups}，确保了项目顺利实施',
      '开展项目{projects.milestonesByKind|list}',
      '组织{projects.accepted}科技项目通过验收',
      '积极组织有关企业和技术人员{events.peopleSent}参加了{events.sentTrainingNames}，提升了业务能力',
      '着力抓了工业、农业技术项目的培育，{period.short}，我局经常组织业务人员深入各企业、示范基地调研{projects.visits}，发现项目线索{projects.leadsFound}，筛选和培育了{projects.enteredPool}有较高技术含量的项目进入项目库',
    ],
  },
  {
    key: 'outreach',
    heading: '强化科技宣传，科技活动丰富多彩',
    enumerate: true,
    sentences: [
      '充分发挥科技特派员的作用，科技特派员是农村科技队伍的一支生产力军。我局进一步完善科技特派员管理措施，{period.short}在岗科技特派员{commissioners.active}深入{commissioners.towns}开展技术服务{commissioners.logs}，服务群众{commissioners.peopleServed}',
      '牵头组织了{outreach.departments|listed:等部门}的有关专家先后深入乡（镇）、企业、社区等地开展{outreach.type}活动共{outreach.count}。每到一地，专家们认真为群众现场解答生产生活中遇到的各种技术难题，免费发放各种科技图书、科技资料、科技小册子共计{outreach.materials}。展出科普宣传展板{outreach.boards}，咨询人员{outreach.consultations}，受到广大群众的好评',
      '举办各类培训{events.trainings}，培训{events.trainees}',
    ],
  },
];

/**
 * The core sections as a city or a province speaks: its figures are those of the whole region (its
 * own and every county's below it, rolled up), so it reports what was done across the region (全市),
 * by the bureaus below it as a whole ({subordinates}: 各县（市、区）, 各设区市), not the county's
 * visits to towns and enterprises by 我局 alone. Same keys and facts as CORE_SECTIONS.
 */
function upperCoreSections(level: Exclude<OrgLevel, 'county'>): TemplateSection[] {
  const { subordinates } = LEADERSHIP_BY_ORG_LEVEL[level];
  return [
    {
      key: 'management',
      heading: '狠抓落实，科技管理上水平',
      enumerate: true,
      sentences: [
        `积极组织申报科技计划项目。{period.short}，我局指导${subordinates}科技部门深入企业、园区调研，积极寻找和挖掘科技项目，全{org.region}共组织申报{projects.appliedPrograms|suffix:项目|each}`,
        '{period.short}全{org.region}获批立项{projects.approvedByLevel|suffix:项目|nest:field}',
        '争取项目立项资金{projects.amountApproved}',
        `督促${subordinates}做好{projects.followedUp}在建科技项目的跟踪与服务工作，开展跟踪服务{projects.followups}，确保了项目顺利实施`,
        '开展项目{projects.milestonesByKind|list}',
        '全{org.region}{projects.accepted}科技项目通过验收',
        '积极组织有关企业和技术人员{events.peopleSent}参加了{events.sentTrainingNames}，提升了业务能力',
        `着力抓了工业、农业技术项目的培育，{period.short}，全{org.region}科技部门深入企业、示范基地调研{projects.visits}，发现项目线索{projects.leadsFound}，筛选和培育了{projects.enteredPool}有较高技术含量的项目进入项目库`,
      ],
    },
    {
      key: 'outreach',
      heading: '强化科技宣传，科技活动丰富多彩',
      enumerate: true,
      sentences: [
        `充分发挥科技特派员的作用。我局指导${subordinates}进一步完善科技特派员管理措施，{period.short}全{org.region}在岗科技特派员{commissioners.active}，深入{commissioners.townCount}乡镇开展技术服务{commissioners.logs}，服务群众{commissioners.peopleServed}`,
        `全{org.region}科技部门牵头组织了{outreach.departments|listed:等部门}的有关专家先后深入${subordinates}的乡镇、企业、社区等地开展{outreach.type}活动共{outreach.count}。免费发放各种科技图书、科技资料、科技小册子共计{outreach.materials}。展出科普宣传展板{outreach.boards}，咨询人员{outreach.consultations}，受到广大群众的好评`,
        '全{org.region}举办各类培训{events.trainings}，培训{events.trainees}',
      ],
    },
  ];
}

/** The core sections as an organisation of this level speaks (a county: CORE_SECTIONS). */
export function coreSections(level: OrgLevel = 'county'): TemplateSection[] {
  return level === 'county' ? CORE_SECTIONS : upperCoreSections(level);
}

/** The event type whose lead events are the outreach.* figures unless a template names another. */
export const DEFAULT_OUTREACH_TYPE = '送科技下乡';

const MAX_SECTIONS = 20;
const MAX_SENTENCES = 30;

export const DEFAULT_TEMPLATE_NAME = '工作总结(默认)';

export const DEFAULT_OPENING =
  '{period.label}，在{org.leadership}的正确领导和上级科技部门的关心指导下，我局不断创新工作思路，强化工作措施，以科技服务为抓手，以项目建设为重心，积极做好{org.region}中心工作，狠抓各项工作落实。现将{period.label}的工作情况汇报如下：';

/** The opening of a city or a province: it leads the region's science and technology system (全市科技系统) and serves the region's work as a whole. */
export const UPPER_OPENING =
  '{period.label}，在{org.leadership}的正确领导和上级科技部门的关心指导下，我局团结带领全{org.region}科技系统，不断创新工作思路，强化工作措施，以科技服务为抓手，以项目建设为重心，积极服务全{org.region}中心工作，狠抓各项工作落实。现将{period.label}的工作情况汇报如下：';

/** What the default template reads of a work list. */
export interface TemplateList {
  key: string;
  name: string;
  topic: string | null;
  sortOrder: number;
  archived: boolean;
  summary: WorklistSummary | null;
}

/**
 * The default template of a bureau: the core sections as its level speaks (a city's and a
 * province's report the region's figures, see upperCoreSections), then each work list's summary sentences,
 * grouped by section in list order (a list naming a core section joins it; lists sharing a heading
 * form one section, keyed by the first list's key). A section's opening sentence is the first
 * opening its lists give (summary.opening). A list with no summary gets one generic sentence from
 * its in-period figures, under its topic or name; a list whose summary has neither sentences nor an
 * opening is left out. The plan section reads the first list marked as the plan (summary.plan).
 * Archived lists are left out.
 */
export function buildDefaultTemplate(lists: TemplateList[], level: OrgLevel = 'county'): TemplateDefinition {
  const sections: TemplateSection[] = coreSections(level).map((s) => ({ ...s, sentences: [...s.sentences] }));
  const active = [...lists].filter((l) => !l.archived).sort((a, b) => a.sortOrder - b.sortOrder);
  const byHeading = new Map<string, TemplateSection>();
  let plan: TemplateDefinition['plan'] = null;
  for (const list of active) {
    const base = `list.${list.key}`;
    if (list.summary?.plan) {
      plan ??= { listKey: list.key, ...list.summary.plan };
      continue;
    }
    const sentences = list.summary ? list.summary.sentences : [`${list.name}期内办理{${base}.handled}`, `其中已完成{${base}.done}`];
    const opening = list.summary?.opening ?? null;
    if (!sentences.length && !opening) continue;
    const target = list.summary?.section ?? list.topic ?? list.name;
    const existing = sections.find((s) => s.key === target) ?? byHeading.get(target);
    if (existing) {
      existing.sentences.push(...sentences);
      if (opening && !existing.opening) existing.opening = opening;
      continue;
    }
    if (sections.length < MAX_SECTIONS) {
      const key = sections.some((s) => s.key === list.key) ? `list_${sections.length}` : list.key;
      const section: TemplateSection = { key, heading: target, enumerate: !!list.summary, sentences: [...sentences], ...(opening ? { opening } : {}) };
      byHeading.set(target, section);
      sections.push(section);
    }
  }
  // Within the limits a template may hold (a bureau with very many lists edits its own); a section
  // needs one sentence, so a list that gave only an opening makes it the section's sentence.
  for (const s of sections) {
    if (!s.sentences.length && s.opening) {
      s.sentences = [s.opening];
      delete s.opening;
    }
    s.sentences = s.sentences.slice(0, MAX_SENTENCES);
  }
  return {
    name: DEFAULT_TEMPLATE_NAME,
    title: '{org.name}{period.label}工作总结',
    opening: level === 'county' ? DEFAULT_OPENING : UPPER_OPENING,
    outreachType: DEFAULT_OUTREACH_TYPE,
    sections,
    plan,
    auto: true,
  };
}
