import { EVENT_FIGURE, EVENT_FIGURES, eventFigureFactKey } from './events.js';
import { NO_LEVEL_LABEL, PROJECT_LEVEL_GROUP_LABELS, SECTOR_LABELS } from './projects.js';
import type { FieldType } from './worklists.js';

/**
 * The fact catalogue: every figure, list of names or text a summary template may name in a {slot},
 * declared once and read by the server (drafting, the template check), and by the web template
 * editor. Pure: no I/O.
 *
 * ## Keys
 * - A key is `<ledger>.<fact>`; work-list facts are `list.<listKey>.<fact>`, where listKey is the
 *   list's stable key (renaming a list, a field or a figure changes labels, never keys).
 * - A groups fact K also answers member slots `{K.<member>}` (the value of one group, by its key or
 *   its name): `{list.village_activities.figure.by_kind.科技培训}`.
 *
 * ## Period rules
 * - A key without a suffix states what happened in the period (from its first to its last day,
 *   both included): registered, approved, held, logged, closed in the period.
 * - A key ending in `AtEnd` states the state on the period's last day (items on a list then,
 *   projects under way then); a template that should say nothing of a quiet period uses only the
 *   unsuffixed keys.
 *
 * ## Units
 * One unit per figure, written after the number: people counted are 人 everywhere (experts,
 * commissioners, people sent), person-times 人次 (trainees, consultations, people served), things
 * done 次, projects and list items 项, money in 元 or 万元. A slot may write another measure word
 * with `|unit:X`. The events' figures take theirs from their declaration (EVENT_FIGURE_DEFS).
 */

export const FACT_LEDGERS = ['org', 'period', 'projects', 'events', 'outreach', 'commissioners', 'lists'] as const;
export type FactLedger = (typeof FACT_LEDGERS)[number];
export const FACT_LEDGER_LABELS: Record<FactLedger, string> = {
  org: '单位',
  period: '期间',
  projects: '科技项目',
  events: '科技活动',
  outreach: '送科技下乡',
  commissioners: '科技特派员',
  lists: '工作台账',
};

export type FactKind = 'number' | 'groups' | 'names' | 'text';
/** How a number is written by default: counts exactly, quantities rounded, money in 元, amounts in 万元. */
export type NumberStyle = 'count' | 'quantity' | 'money' | 'wan';

export interface FactDef {
  key: string;
  ledger: FactLedger;
  label: string;
  kind: FactKind;
  /** The unit after a number or a group's number (项, 人, 万元); null for names and text. */
  unit: string | null;
  style: NumberStyle | null;
  /** The records a figure counts (for tracing); null for text. */
  recordType: string | null;
  /** The dimensions the figure is also split by, as facts of their own (level, field, program …). */
  dimensions: string[];
  /** True when the fact states the state on the period's last day rather than what happened in it. */
  atEnd: boolean;
  description: string;
  /** names: the unit of a list written as its count when it is long (个部门 → 12个部门). */
  countUnit?: string;
  /** groups: the members a slot may name (`{K.member}`); absent when they depend on the data. */
  members?: string[];
}

// ---------- values, as the ledgers' fact sources give them ----------

/** One group of a groups fact; `sub` splits it again by another dimension (for |nest:field). */
export interface FactGroup {
  key: string;
  name: string;
  value: number;
  ids: number[];
  /** The measure word of this group (研发中心 → 个); the fact's unit otherwise. */
  measure?: string;
  sub?: Record<string, FactGroup[]>;
}

/** A fact's value for one period. Labels, units and styles come from the catalogue, not from here. */
export type FactValue =
  | { kind: 'number'; value: number; ids: number[] }
  | { kind: 'groups'; groups: FactGroup[] }
  | { kind: 'names'; names: string[]; ids: number[] }
  | { kind: 'text'; text: string };

// ---------- the core facts (one array per ledger) ----------

type Def = Omit<FactDef, 'ledger' | 'dimensions' | 'atEnd' | 'description' | 'style' | 'recordType' | 'unit'> &
  Partial<Pick<FactDef, 'dimensions' | 'atEnd' | 'description' | 'style' | 'recordType' | 'unit'>>;

function defs(ledger: FactLedger, list: Def[]): FactDef[] {
  return list.map((d) => ({
    dimensions: [],
    atEnd: false,
    description: '',
    unit: null,
    recordType: null,
    style: d.kind === 'number' ? 'count' : null,
    ...d,
    ledger,
  }));
}

const ORG_FACTS: FactDef[] = defs('org', [
  { key: 'org.name', label: '单位名称', kind: 'text', description: '本单位的全称' },
  { key: 'org.leadership', label: '党委政府', kind: 'text', description: '按单位层级:县委、县政府 / 市委、市政府 / 省委、省政府' },
  { key: 'org.region', label: '本级', kind: 'text', description: '按单位层级:县 / 市 / 省(“积极做好县中心工作”)' },
]);

const PERIOD_FACTS: FactDef[] = defs('period', [
  { key: 'period.label', label: '期间', kind: 'text', description: '如2024年上半年、2024年第二季度、2024年1月1日至3月15日' },
  { key: 'period.short', label: '期间简称', kind: 'text', description: '上半年、今年以来、本季度' },
]);

/**
 * The splits of the project counts (ledger-facts): `projects.<count>By<Level|Field|Program>` for what
 * happened in the period, `projects.ongoingBy…AtEnd` for what was under way on the last day. Each group
 * holds its projects split again by the other two dimensions (`sub`), for `|nest:field`; programme
 * groups carry their dictionary item's measure word.
 */
const PROJECT_SPLITS: { count: string; key: (by: string) => string; label: string; atEnd: boolean }[] = [
  { count: 'applied', key: (by) => `projects.appliedBy${by}`, label: '申报项目', atEnd: false },
  { count: 'approved', key: (by) => `projects.approvedBy${by}`, label: '立项项目', atEnd: false },
  { count: 'ongoingAtEnd', key: (by) => `projects.ongoingBy${by}AtEnd`, label: '在建项目', atEnd: true },
  { count: 'accepted', key: (by) => `projects.acceptedBy${by}`, label: '验收项目', atEnd: false },
  { count: 'rejected', key: (by) => `projects.rejectedBy${by}`, label: '未获批项目', atEnd: false },
];
const PROJECT_SPLIT_DIMENSIONS = [
  {
    by: 'Level',
    dimension: 'level',
    label: '按级别',
    members: [...Object.values(PROJECT_LEVEL_GROUP_LABELS), NO_LEVEL_LABEL],
    order: '国家级→部级→省级→市级→县级,未定级别在后',
  },
  { by: 'Field', dimension: 'field', label: '按领域', members: Object.values(SECTOR_LABELS), order: '工业→农业→社会发展' },
  { by: 'Program', dimension: 'program', label: '按计划类别', members: undefined, order: '按“计划类别”字典的顺序,未填计划类别在后;计划类别可带量词(个、家)' },
] as const;
/** The key of a split of a project count: projectSplitKey('approved', 'level') → projects.approvedByLevel. */
export function projectSplitKey(count: string, dimension: 'level' | 'field' | 'program'): string {
  const split = PROJECT_SPLITS.find((s) => s.count === count);
  const by = PROJECT_SPLIT_DIMENSIONS.find((d) => d.dimension === dimension);
  if (!split || !by) throw new Error(`没有这种项目分组:${count}/${dimension}`);
  return split.key(by.by);
}
const PROJECT_SPLIT_DEFS: Def[] = PROJECT_SPLITS.flatMap((split) =>
  PROJECT_SPLIT_DIMENSIONS.map((d): Def => ({
    key: split.key(d.by),
    label: `${split.label}${d.label}`,
    kind: 'groups',
    unit: '项',
    style: 'count',
    recordType: 'project',
    atEnd: split.atEnd,
    dimensions: PROJECT_SPLIT_DIMENSIONS.map((o) => o.dimension).filter((o) => o !== d.dimension),
    ...(d.members ? { members: [...d.members] } : {}),
    description: `${split.atEnd ? '期末处于立项或实施阶段的项目' : `期内${split.label.replace('项目', '')}的项目`},${d.label}分组(${d.order});每组可再按其余两项嵌套(|nest:field)`,
  })),
);

const PROJECT_FACTS: FactDef[] = defs('projects', [
  {
    key: 'projects.applied',
    label: '申报项目',
    kind: 'number',
    unit: '项',
    recordType: 'project',
    dimensions: ['level', 'field', 'program'],
    description: '期内申报的项目',
  },
  { key: 'projects.appliedPrograms', label: '按计划类别申报', kind: 'groups', unit: '项', recordType: 'project', description: '期内申报的项目,按计划类别' },
  { key: 'projects.appliedLevels', label: '按级别申报', kind: 'groups', unit: '项', recordType: 'project', description: '期内申报的项目,按级别' },
  {
    key: 'projects.approved',
    label: '立项项目',
    kind: 'number',
    unit: '项',
    recordType: 'project',
    dimensions: ['level', 'field', 'program'],
    description: '期内立项的项目',
  },
  {
    key: 'projects.rejected',
    label: '未获批项目',
    kind: 'number',
    unit: '项',
    recordType: 'project',
    dimensions: ['level', 'field', 'program'],
    description: '期内未获批的项目',
  },
  {
    key: 'projects.ongoingAtEnd',
    label: '在建项目',
    kind: 'number',
    unit: '项',
    recordType: 'project',
    atEnd: true,
    dimensions: ['level', 'field', 'program'],
    description: '期末处于立项或实施阶段的项目',
  },
  {
    key: 'projects.accepted',
    label: '验收项目',
    kind: 'number',
    unit: '项',
    recordType: 'project',
    dimensions: ['level', 'field', 'program'],
    description: '期内通过验收的项目',
  },
  {
    key: 'projects.amountApproved',
    label: '立项资金',
    kind: 'number',
    unit: '万元',
    style: 'wan',
    recordType: 'project',
    description: '期内立项项目的立项资金',
  },
  {
    key: 'projects.amountReceived',
    label: '到位资金',
    kind: 'number',
    unit: '万元',
    style: 'wan',
    recordType: 'project',
    description: '期内立项项目的到位资金',
  },
  { key: 'projects.visits', label: '调研', kind: 'number', unit: '次', recordType: 'visit', description: '期内的调研走访' },
  { key: 'projects.enterprisesVisited', label: '调研企业', kind: 'number', unit: '家', recordType: 'enterprise', description: '期内调研走访过的企业(不重复)' },
  { key: 'projects.leadsFound', label: '项目线索', kind: 'number', unit: '个', recordType: 'project', description: '期内发现的项目线索' },
  { key: 'projects.enteredPool', label: '入库项目', kind: 'number', unit: '个', recordType: 'project', description: '期内进入项目库的项目' },
  { key: 'projects.followups', label: '跟踪服务', kind: 'number', unit: '次', recordType: 'followup', description: '期内的跟踪服务' },
  { key: 'projects.followedUp', label: '跟踪项目', kind: 'number', unit: '个', recordType: 'project', description: '期内得到跟踪服务的项目' },
  ...PROJECT_SPLIT_DEFS,
  {
    key: 'projects.amountApprovedByLevel',
    label: '立项资金按级别',
    kind: 'groups',
    unit: '万元',
    style: 'wan',
    recordType: 'project',
    members: [...Object.values(PROJECT_LEVEL_GROUP_LABELS), NO_LEVEL_LABEL],
    description: '期内立项项目的立项资金,按项目级别分组(国家级→县级)',
  },
  {
    key: 'projects.amountReceivedByLevel',
    label: '到位资金按级别',
    kind: 'groups',
    unit: '万元',
    style: 'wan',
    recordType: 'project',
    members: [...Object.values(PROJECT_LEVEL_GROUP_LABELS), NO_LEVEL_LABEL],
    description: '期内立项项目的到位资金,按项目级别分组',
  },
  {
    key: 'projects.milestones',
    label: '项目节点',
    kind: 'number',
    unit: '次',
    recordType: 'milestone',
    dimensions: ['kind'],
    description: '期内的项目节点(中期检查、验收检查、绩效评价等)',
  },
  {
    key: 'projects.milestonesByKind',
    label: '项目节点按类型',
    kind: 'groups',
    unit: '次',
    style: 'count',
    recordType: 'milestone',
    description: '期内的项目节点,按“项目节点”字典的类型与顺序分组(中期检查3次)',
  },
]);

/** The sums of the event figures a ledger states, read from their declaration (shared/events.ts). */
function eventFigureFacts(ledger: 'events' | 'outreach'): Def[] {
  return EVENT_FIGURES.flatMap((figure): Def[] => {
    const d = EVENT_FIGURE[figure];
    const key = eventFigureFactKey(d, ledger);
    const description = d.facts?.[ledger];
    if (key === null || description === undefined) return [];
    return [{ key, label: d.label, kind: 'number', unit: d.unit, style: d.style, recordType: 'event', description }];
  });
}

const EVENT_FACTS: FactDef[] = defs('events', [
  { key: 'events.count', label: '活动', kind: 'number', unit: '次', recordType: 'event', description: '期内开始的各类活动' },
  { key: 'events.sentTrainings', label: '组织参加培训', kind: 'number', unit: '次', recordType: 'event', description: '期内本局组织人员参加的培训' },
  { key: 'events.peopleSent', label: '组织参加人数', kind: 'number', unit: '人', recordType: 'event', description: '期内本局组织参加培训的人数' },
  { key: 'events.sentTrainingNames', label: '组织参加的培训', kind: 'names', recordType: 'event', description: '期内本局组织人员参加的培训的名称' },
  { key: 'events.trainings', label: '培训', kind: 'number', unit: '次', recordType: 'event', description: '期内开始、填有培训人次的活动(本局举办或参与)' },
  ...eventFigureFacts('events'),
]);

const OUTREACH_FACTS: FactDef[] = defs('outreach', [
  { key: 'outreach.type', label: '下乡活动类型', kind: 'text', description: '模板指定的活动类型(默认“送科技下乡”)' },
  { key: 'outreach.count', label: '下乡活动', kind: 'number', unit: '次', recordType: 'event', description: '期内本局牵头的该类型活动' },
  ...eventFigureFacts('outreach'),
  {
    key: 'outreach.departmentCount',
    label: '参与部门数',
    kind: 'number',
    unit: '个',
    recordType: 'event',
    description: '期内下乡活动的参与部门数(“{outreach.departmentCount}部门” → 7个部门)',
  },
  {
    key: 'outreach.townCount',
    label: '到达乡镇数',
    kind: 'number',
    unit: '个',
    recordType: 'event',
    description: '期内下乡活动到达的乡镇数(“{outreach.townCount}乡镇” → 10个乡镇)',
  },
  { key: 'outreach.departments', label: '参与部门', kind: 'names', recordType: 'event', countUnit: '个部门', description: '期内下乡活动的参与部门(简称)' },
  { key: 'outreach.towns', label: '到达乡镇', kind: 'names', recordType: 'event', countUnit: '个乡镇', description: '期内下乡活动到达的乡镇' },
]);

const COMMISSIONER_FACTS: FactDef[] = defs('commissioners', [
  {
    key: 'commissioners.active',
    label: '在岗科技特派员',
    kind: 'number',
    unit: '人',
    recordType: 'commissioner',
    description: '任期与期间相交且未退出的特派员',
  },
  { key: 'commissioners.logged', label: '开展服务的特派员', kind: 'number', unit: '人', recordType: 'commissioner', description: '期内有服务记录的特派员' },
  { key: 'commissioners.logs', label: '服务', kind: 'number', unit: '次', recordType: 'service_log', description: '期内的服务记录' },
  {
    key: 'commissioners.peopleServed',
    label: '服务群众',
    kind: 'number',
    unit: '人次',
    style: 'quantity',
    recordType: 'service_log',
    description: '期内服务记录的服务人次',
  },
  {
    key: 'commissioners.newTechniques',
    label: '引进新品种新技术',
    kind: 'number',
    unit: '项',
    recordType: 'service_log',
    description: '期内记有新品种新技术的服务',
  },
  { key: 'commissioners.supports', label: '支持特派员', kind: 'number', unit: '次', recordType: 'commissioner_support', description: '期内对特派员的支持' },
  {
    key: 'commissioners.supportAmount',
    label: '补助资金',
    kind: 'number',
    unit: '元',
    style: 'money',
    recordType: 'commissioner_support',
    description: '期内对特派员的补助资金',
  },
  { key: 'commissioners.townCount', label: '服务乡镇数', kind: 'number', unit: '个', recordType: 'service_log', description: '期内服务到达的乡镇数' },
  {
    key: 'commissioners.towns',
    label: '服务乡镇',
    kind: 'names',
    recordType: 'service_log',
    countUnit: '个乡镇',
    description: '期内服务到达的乡镇,服务多的在前',
  },
]);

/** The facts every bureau has, whatever work lists it keeps. */
export const CORE_FACTS: FactDef[] = [...ORG_FACTS, ...PERIOD_FACTS, ...PROJECT_FACTS, ...EVENT_FACTS, ...OUTREACH_FACTS, ...COMMISSIONER_FACTS];

// ---------- work-list facts, derived from a list's definition ----------

/** What worklistFactDefs reads of a list: its stable key, its name (for labels) and its definition. */
export interface CatalogueList {
  key: string;
  name: string;
  fields: { key: string; label: string; type: FieldType; unit: string | null; options: string[]; hidden: boolean }[];
  statuses: { key: string; label: string; done: boolean }[];
  figures: { key: string; label: string; kind: 'count' | 'countByStatus' | 'countByChoice' | 'sum'; fieldKey: string | null; fieldKeys: string[] }[];
}

/** Field types whose values a summary names (town and village, household, enterprise …). */
export const NAMED_FIELD_TYPES: ReadonlySet<FieldType> = new Set(['text', 'household', 'place', 'enterprise', 'person', 'item']);

/** The unit of a sum over fields: 元 for money, else the first field's unit. */
export function sumUnit(fields: { type: FieldType; unit: string | null }[]): string | null {
  const first = fields[0];
  if (!first) return null;
  return first.type === 'money' ? '元' : first.unit;
}

/**
 * The facts of one work list. Rules (see worklists/facts.ts for how each is counted):
 * registered / progressed / handled (either) / done (= closed, reached a done status) in the period;
 * itemsAtEnd, doneAtEnd, openAtEnd, overdueAtEnd and status.<statusKey>AtEnd on the last day;
 * doneNames, handledNames; each figure and field over the items handled in the period, and with
 * AtEnd over the items on the list on the last day.
 */
export function worklistFactDefs(list: CatalogueList): FactDef[] {
  const base = `list.${list.key}`;
  const out: FactDef[] = [];
  const add = (d: Omit<FactDef, 'ledger' | 'dimensions' | 'recordType'> & { recordType?: string | null }) =>
    out.push({ ledger: 'lists', dimensions: [], recordType: 'worklist_item', ...d });
  const items = (fact: string, label: string, description: string, atEnd = false) =>
    add({ key: `${base}.${fact}`, label: `${list.name}:${label}`, kind: 'number', unit: '项', style: 'count', atEnd, description });

  items('registered', '期内登记', '登记日期在期内的条目');
  items('progressed', '期内有进展', '期内记有进展(含状态变化)的条目');
  items('handled', '期内办理', '期内登记或有进展的条目');
  items('done', '期内完成', '期内达到完成(销号)状态、期末仍为完成的条目');
  items('closed', '期内销号', '同“期内完成”');
  items('itemsAtEnd', '期末条目', '期末已登记的全部条目', true);
  items('doneAtEnd', '期末已完成', '期末处于完成状态的条目', true);
  items('openAtEnd', '期末未完成', '期末未完成的条目', true);
  items('overdueAtEnd', '期末逾期', '期末已过期限且未完成的条目', true);
  for (const s of list.statuses) items(`status.${s.key}AtEnd`, `期末${s.label}`, `期末处于“${s.label}”状态的条目`, true);
  add({
    key: `${base}.doneNames`,
    label: `${list.name}:期内完成事项`,
    kind: 'names',
    unit: null,
    style: null,
    atEnd: false,
    description: '期内完成的条目的标题',
  });
  add({
    key: `${base}.handledNames`,
    label: `${list.name}:期内办理事项`,
    kind: 'names',
    unit: null,
    style: null,
    atEnd: false,
    description: '期内办理的条目的标题',
  });

  const fieldsOf = (keys: string[]) => keys.map((k) => list.fields.find((f) => f.key === k)).filter((f) => f !== undefined);
  for (const atEnd of [false, true]) {
    const suffix = atEnd ? 'AtEnd' : '';
    const over = atEnd ? '期末全部条目' : '期内办理的条目';
    for (const figure of list.figures) {
      const key = `${base}.figure.${figure.key}${suffix}`;
      const label = `${list.name}:${figure.label}${atEnd ? '(期末)' : ''}`;
      if (figure.kind === 'count') {
        add({ key, label, kind: 'number', unit: '项', style: 'count', atEnd, description: `统计项,${over}` });
      } else if (figure.kind === 'sum') {
        const summed = fieldsOf(figure.fieldKeys);
        const money = summed[0]?.type === 'money';
        add({
          key,
          label,
          kind: 'number',
          unit: sumUnit(summed),
          style: money ? 'money' : 'quantity',
          atEnd,
          description: `${summed.map((f) => f.label).join('、')}合计,${over}`,
        });
      } else {
        const members =
          figure.kind === 'countByStatus' ? list.statuses.map((s) => s.label) : (list.fields.find((f) => f.key === figure.fieldKey)?.options ?? []);
        add({
          key,
          label,
          kind: 'groups',
          unit: '项',
          style: 'count',
          atEnd,
          members,
          description: `统计项,按${figure.kind === 'countByStatus' ? '状态' : '选项'}分组,${over}`,
        });
      }
    }
    for (const field of list.fields) {
      if (field.hidden) continue;
      const key = `${base}.field.${field.key}${suffix}`;
      const label = `${list.name}:${field.label}${atEnd ? '(期末)' : ''}`;
      if (field.type === 'number' || field.type === 'money') {
        const money = field.type === 'money';
        add({
          key,
          label,
          kind: 'number',
          unit: money ? '元' : field.unit,
          style: money ? 'money' : 'quantity',
          atEnd,
          description: `${field.label}合计,${over}`,
        });
      } else if (field.type === 'choice') {
        add({ key, label, kind: 'groups', unit: '项', style: 'count', atEnd, members: field.options, description: `按${field.label}分组计数,${over}` });
      } else if (NAMED_FIELD_TYPES.has(field.type)) {
        add({ key, label, kind: 'names', unit: null, style: null, atEnd, description: `${field.label}(不重复,按登记先后),${over}` });
      }
    }
  }
  return out;
}

/** Every fact a template may name in a bureau with these work lists. */
export function factCatalogue(lists: CatalogueList[]): FactDef[] {
  return [...CORE_FACTS, ...lists.flatMap(worklistFactDefs)];
}

export type CatalogueIndex = Map<string, FactDef>;

export function indexCatalogue(catalogue: FactDef[]): CatalogueIndex {
  return new Map(catalogue.map((d) => [d.key, d]));
}

/**
 * The catalogue entry a slot key names: the fact itself, or for `K.member` the member of the groups
 * fact K (a number fact of one group). Null when the key names nothing.
 */
export function resolveFactKey(index: CatalogueIndex, key: string): { def: FactDef; member: string | null } | null {
  const def = index.get(key);
  if (def) return { def, member: null };
  // The member may itself hold dots (an option such as 1.5亩以上), so try every split from the left.
  for (let i = key.indexOf('.'); i > 0; i = key.indexOf('.', i + 1)) {
    const group = index.get(key.slice(0, i));
    if (group?.kind !== 'groups') continue;
    const member = key.slice(i + 1);
    if (!member || (group.members && !group.members.includes(member))) continue;
    return { def: group, member };
  }
  return null;
}

/**
 * The leadership an organisation's summary thanks, by its level (在县委、县政府的正确领导下), the
 * region it speaks for (县 / 市 / 省), and how it names the places below it as a whole: a city's
 * counties are 各县（市、区）, a province's cities 各设区市, a county's towns 各乡（镇）.
 */
export const LEADERSHIP_BY_ORG_LEVEL: Record<'county' | 'city' | 'province', { leadership: string; region: string; subordinates: string }> = {
  county: { leadership: '县委、县政府', region: '县', subordinates: '各乡（镇）' },
  city: { leadership: '市委、市政府', region: '市', subordinates: '各县（市、区）' },
  province: { leadership: '省委、省政府', region: '省', subordinates: '各设区市' },
};

/**
 * The main figures of a summary, one column each in the table of a city's (or a province's)
 * subordinate organisations (GET /api/reports/rollup, the draft's appendix, the home page): each is a
 * number fact of the catalogue, counted by the same fact sources as the summary; the label is the
 * column's (shorter or plainer than the fact's where the table needs it), the unit the fact's.
 */
export const ROLLUP_COLUMNS: { key: string; label: string }[] = [
  { key: 'projects.applied', label: '申报项目' },
  { key: 'projects.approved', label: '立项项目' },
  { key: 'projects.amountApproved', label: '立项资金' },
  { key: 'projects.followups', label: '跟踪服务' },
  { key: 'projects.accepted', label: '验收项目' },
  { key: 'events.count', label: '科技活动' },
  { key: 'events.trainees', label: '培训人次' },
  { key: 'commissioners.active', label: '在岗特派员' },
  { key: 'commissioners.logs', label: '服务日志' },
  { key: 'commissioners.peopleServed', label: '服务群众' },
];
