import type { Starter } from '../../shared/starters.js';
import { type Worklist, type WorklistDefinition, worklistDefinitionSchema } from '../../shared/worklists.js';
import { assertLedgerReader } from '../auth/actor.js';
import { assertAllowed, designsWorklists } from '../auth/policies.js';
import type { Ctx } from '../context.js';
import { validation } from '../http/errors.js';
import { todayInChina } from '../projects/pipeline.js';
import * as repo from './repo.js';
import { createWorklist } from './service.js';

// Ready-made work lists (常用台账) a new bureau may pick at set-up or later from 工作台账: ordinary
// lists, created through the same service as a hand-made one, which the bureau changes afterwards.
//
// Rules every starter keeps, so that it reads right for any bureau in any period:
// - No place, person, year or campaign of one county or one year in a name, option or sentence
//   (the demo's wording stays in src/server/demo/); a campaign is what the bureau writes in an item.
// - Every summary sentence names at least one in-period figure (unsuffixed facts only, never …AtEnd),
//   so a half-year with no items on a list drafts nothing from it; a sentence is kept only when all
//   its figures are above zero, so a sentence counts one thing and "done" gets a sentence of its own.
// - A count is written with the measure word of what the list holds (问题5项, 意见建议6条, 农户3户);
//   a share is taken of items handled (done items are always among them, so the part never exceeds
//   the whole); money sums are written as officials write money (三万多元).
// - Full-width Chinese punctuation in every sentence.
// - Keys are stable: templates name the facts by them (list.rectification.done). Where a demo list
//   records the same thing, the starter has its key, so the demo bureau sees it as already added.

export interface StarterList {
  key: string;
  name: string;
  description: string;
  definition: WorklistDefinition;
}

/** The section opinions and rectification share (their sentences enumerate as 一是…二是…). */
const CONDUCT = '转变工作作风，抓好问题整改';
/** The section of the village ledger and the deeds done for people. */
const PEOPLE = '深入基层，真心实意为群众办实事';

const OPINIONS: WorklistDefinition = {
  name: '意见建议',
  key: 'opinions',
  topic: '作风建设',
  sortOrder: 10,
  titleFieldKey: 'summary',
  description: '向企业、基层干部、群众和服务对象征求的意见建议，逐条梳理、分类办理并答复；需要整改的问题转入整改台账。',
  fields: [
    { key: 'summary', label: '意见摘要', type: 'text', required: true },
    { key: 'source', label: '意见来源', type: 'choice', required: true, options: ['企业', '基层干部', '群众', '人大代表', '政协委员', '服务对象'] },
    { key: 'channel', label: '征求方式', type: 'choice', options: ['座谈会', '上门走访', '征求意见函', '意见箱', '网络留言', '电话'] },
    { key: 'content', label: '意见内容', type: 'longtext' },
    { key: 'reply', label: '办理答复', type: 'longtext' },
  ],
  statuses: [
    { key: 'received', label: '待办理' },
    { key: 'handling', label: '办理中' },
    { key: 'answered', label: '已办结', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'collected', label: '意见建议', kind: 'count' },
    { key: 'by_source', label: '按来源', kind: 'countByChoice', fieldKey: 'source' },
    { key: 'by_status', label: '办理情况', kind: 'countByStatus' },
  ],
  summary: {
    section: CONDUCT,
    sentences: [
      '坚持开门听意见，向{list.opinions.figure.by_source}征求意见建议{list.opinions.registered|unit:条}',
      '对征求到的意见建议逐条梳理、分类办理，已办结{list.opinions.done|unit:条}',
    ],
  },
};

const RECTIFICATION: WorklistDefinition = {
  name: '整改台账',
  key: 'rectification',
  topic: '作风建设',
  sortOrder: 20,
  titleFieldKey: 'problem',
  description: '自身查摆、征求意见和上级督查发现的问题，逐项明确整改措施、责任人和整改时限，动态管理，整改一项销号一项。',
  fields: [
    { key: 'problem', label: '存在问题', type: 'text', required: true },
    { key: 'source', label: '问题来源', type: 'choice', options: ['自身查摆', '征求意见', '上级督查', '巡视巡察', '审计', '群众反映'] },
    { key: 'category', label: '问题类别', type: 'choice', options: ['思想作风', '工作作风', '工作纪律', '业务工作', '制度建设'] },
    { key: 'measures', label: '整改措施', type: 'longtext' },
    { key: 'result', label: '整改结果', type: 'longtext' },
  ],
  statuses: [
    { key: 'open', label: '未整改' },
    { key: 'doing', label: '整改中' },
    { key: 'done', label: '已整改', done: true },
    { key: 'standing', label: '长期坚持', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'found', label: '查摆问题', kind: 'count' },
    { key: 'by_status', label: '整改情况', kind: 'countByStatus' },
    { key: 'by_source', label: '按来源', kind: 'countByChoice', fieldKey: 'source' },
  ],
  summary: {
    section: CONDUCT,
    // A ledger holds problems: 登记问题5项 (not 整改台账5项).
    sentences: [
      '认真查摆问题，建立整改台账，登记问题{list.rectification.registered|unit:项}，逐项明确整改措施、责任人和整改时限，实行动态管理',
      '对照整改台账逐项整改、逐项销号，完成整改{list.rectification.done|unit:项}',
    ],
  },
};

const ASSIGNED_TASKS: WorklistDefinition = {
  name: '包干任务',
  key: 'assigned_tasks',
  topic: '包干工作',
  sortOrder: 30,
  titleFieldKey: 'target',
  description: '上级分派给本局包干的工作任务和对象（征地拆迁户、结对帮扶户、重点项目、企业等），记录包干干部、工作进展和落实情况。',
  fields: [
    { key: 'target', label: '包干对象', type: 'text', required: true },
    { key: 'kind', label: '任务类型', type: 'choice', options: ['征地拆迁', '结对帮扶', '招商引资', '项目服务', '信访化解', '其他'] },
    { key: 'place', label: '所在地', type: 'place' },
    { key: 'content', label: '任务内容', type: 'longtext' },
    { key: 'staff', label: '包干干部', type: 'person' },
  ],
  statuses: [
    { key: 'todo', label: '未落实' },
    { key: 'doing', label: '推进中' },
    { key: 'settled', label: '落实到位', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'tasks', label: '包干任务', kind: 'count' },
    { key: 'by_status', label: '落实情况', kind: 'countByStatus' },
    { key: 'by_kind', label: '按任务类型', kind: 'countByChoice', fieldKey: 'kind' },
  ],
  summary: {
    section: '攻坚克难，扎实完成包干任务',
    // Of the tasks handled in the period, those settled: 4项中已有2项 / 4项全部 / 4项均未.
    sentences: [
      '我局高度重视包干工作，明确责任领导和包干干部，经常深入一线，耐心细致做好工作，力所能及地帮助解决实际困难。{period.short}，我局包干的任务{list.assigned_tasks.handled|unit:项|share:list.assigned_tasks.done}落实到位',
    ],
  },
};

const VILLAGE_LEDGER: WorklistDefinition = {
  name: '民情台账',
  key: 'village_ledger',
  topic: '驻村帮扶',
  sortOrder: 40,
  titleFieldKey: 'household',
  description: '驻村和结对帮扶中走访农户建立的民情台账：家庭情况、困难和诉求、帮扶措施，解决一件销号一件。',
  fields: [
    { key: 'household', label: '农户', type: 'household', required: true },
    { key: 'village', label: '所在村', type: 'place' },
    { key: 'situation', label: '家庭情况', type: 'longtext' },
    { key: 'difficulty', label: '困难和诉求', type: 'text', required: true },
    { key: 'help', label: '帮扶措施', type: 'longtext' },
  ],
  statuses: [
    { key: 'pending', label: '待帮扶' },
    { key: 'helping', label: '帮扶中' },
    { key: 'solved', label: '已解决', done: true },
  ],
  hasResponsible: true,
  figures: [
    { key: 'households', label: '走访农户', kind: 'count' },
    { key: 'by_status', label: '解决情况', kind: 'countByStatus' },
  ],
  summary: {
    section: PEOPLE,
    // The section's opening, before the 一是… of this list and the deeds; a ledger holds households.
    opening: '深入基层走访群众，建立民情台账，登记走访农户{list.village_ledger.registered|unit:户}，切实为群众排忧解难',
    sentences: ['帮助{list.village_ledger.done|unit:户}群众解决了生产生活中的实际困难'],
  },
};

const DEEDS: WorklistDefinition = {
  name: '实事项目',
  key: 'deeds',
  topic: '为民办实事',
  sortOrder: 50,
  titleFieldKey: 'title',
  description: '为群众办的实事项目：内容、地点、完成情况，以及本单位出资、争取上级资金和其他筹资，合计为投入资金。',
  fields: [
    { key: 'title', label: '实事名称', type: 'text', required: true },
    { key: 'kind', label: '类型', type: 'choice', options: ['基础设施', '产业发展', '科技服务', '民生保障', '其他'] },
    { key: 'place', label: '实施地点', type: 'place' },
    { key: 'done_on', label: '完成日期', type: 'date' },
    { key: 'money_bureau', label: '单位出资', type: 'money' },
    { key: 'money_higher', label: '争取上级资金', type: 'money' },
    { key: 'money_other', label: '其他筹资', type: 'money' },
    { key: 'beneficiaries', label: '受益情况', type: 'text' },
  ],
  statuses: [
    { key: 'planned', label: '计划实施' },
    { key: 'doing', label: '实施中' },
    { key: 'done', label: '已完成', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'deeds', label: '实事项目', kind: 'count' },
    { key: 'money', label: '投入资金', kind: 'sum', fieldKeys: ['money_bureau', 'money_higher', 'money_other'] },
  ],
  summary: {
    section: PEOPLE,
    sentences: [
      '积极为群众办实事，办成实事{list.deeds.done|unit:件}（{list.deeds.doneNames}）',
      '多方筹措资金，共投入{list.deeds.figure.money|more:多|chinese}',
    ],
  },
};

const STATISTICS: WorklistDefinition = {
  name: '统计报送任务',
  key: 'statistics',
  topic: '科技统计',
  sortOrder: 60,
  titleFieldKey: 'task',
  description: '按期报送的统计报表和材料：报送单位、截止日期和报送情况；逾期未报送的在首页提醒。',
  fields: [
    { key: 'task', label: '任务名称', type: 'text', required: true },
    { key: 'to', label: '报送单位', type: 'text' },
    { key: 'note', label: '报送说明', type: 'longtext' },
  ],
  statuses: [
    { key: 'todo', label: '未报送' },
    { key: 'sent', label: '已报送', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'tasks', label: '统计报送任务', kind: 'count' },
    { key: 'by_status', label: '完成情况', kind: 'countByStatus' },
  ],
  // Joins 科技管理: 开展了科普统计、高新技术企业统计等工作 (names before 等 take no 和).
  summary: { section: 'management', sentences: ['认真做好科技统计工作，完成了{list.statistics.doneNames}等报送任务'] },
};

const AWARDS: WorklistDefinition = {
  name: '科技奖励申报',
  key: 'awards',
  topic: '科技奖励',
  sortOrder: 70,
  titleFieldKey: 'title',
  description: '组织推荐申报的各级科技奖励：成果名称、完成单位、奖励级别和类别、评审结果。',
  fields: [
    { key: 'title', label: '成果名称', type: 'text', required: true },
    { key: 'applicant', label: '完成单位', type: 'text', required: true },
    { key: 'level', label: '奖励级别', type: 'choice', required: true, options: ['国家级', '省级', '市级', '县级'] },
    { key: 'kind', label: '奖励类别', type: 'choice', options: ['科技进步奖', '技术发明奖', '自然科学奖', '科学技术普及奖', '科技合作奖'] },
    { key: 'grade', label: '获奖等级', type: 'choice', options: ['特等奖', '一等奖', '二等奖', '三等奖'] },
    { key: 'applied_on', label: '推荐日期', type: 'date' },
  ],
  statuses: [
    { key: 'preparing', label: '准备材料' },
    { key: 'applied', label: '已推荐申报' },
    { key: 'awarded', label: '已获奖', done: true },
    { key: 'not_awarded', label: '未获奖', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'by_level', label: '按奖励级别', kind: 'countByChoice', fieldKey: 'level' },
    { key: 'by_status', label: '评审结果', kind: 'countByStatus' },
  ],
  // Both results close an item, so "awarded" is the status group, not the list's done count.
  summary: {
    section: 'management',
    sentences: ['积极组织推荐申报科技奖励{list.awards.registered|unit:项}', '获得各级科技奖励{list.awards.figure.by_status.已获奖|unit:项}'],
  },
};

const ACHIEVEMENTS: WorklistDefinition = {
  name: '成果鉴定登记',
  key: 'achievements',
  topic: '科技成果管理',
  sortOrder: 80,
  titleFieldKey: 'title',
  description: '科技成果的登记和鉴定（评价）：成果名称、完成单位、技术领域、办理事项和结论。',
  fields: [
    { key: 'title', label: '成果名称', type: 'text', required: true },
    { key: 'owner', label: '完成单位', type: 'text', required: true },
    { key: 'kind', label: '办理事项', type: 'choice', required: true, options: ['成果登记', '成果鉴定', '成果评价'] },
    { key: 'field', label: '技术领域', type: 'choice', options: ['工业', '农业', '社会发展'] },
    { key: 'conclusion', label: '鉴定（评价）结论', type: 'text' },
  ],
  statuses: [
    { key: 'accepted', label: '已受理' },
    { key: 'submitted', label: '已上报' },
    { key: 'finished', label: '已办结', done: true },
  ],
  hasResponsible: true,
  figures: [{ key: 'by_kind', label: '按办理事项', kind: 'countByChoice', fieldKey: 'kind' }],
  summary: {
    section: 'management',
    sentences: ['做好科技成果管理工作，办理{list.achievements.figure.by_kind|list}', '{list.achievements.done|unit:项}科技成果完成登记或通过鉴定（评价）'],
  },
};

/**
 * The plan: items for the next period, listed as the draft's last section (下半年工作计划) when the
 * period field names that period as the summary does (“2026年下半年”). A text field, since a list of
 * periods would run out; the description says how to write it.
 */
const PLAN: WorklistDefinition = {
  name: '工作计划',
  key: 'plan',
  topic: '工作计划',
  sortOrder: 90,
  titleFieldKey: 'title',
  description:
    '下一期间的工作计划事项。起草工作总结时，计划期间为下一期间的事项列为最后一节（如“下半年工作计划”）；计划期间按总结期间的写法填写，如“XXXX年下半年”“XXXX年”“XXXX年第三季度”。',
  fields: [
    { key: 'period', label: '计划期间', type: 'text', required: true },
    { key: 'title', label: '计划事项', type: 'text', required: true },
    { key: 'content', label: '具体内容', type: 'longtext', required: true },
    { key: 'outcome', label: '完成情况', type: 'longtext' },
  ],
  statuses: [
    { key: 'planned', label: '未开始' },
    { key: 'doing', label: '推进中' },
    { key: 'done', label: '已完成', done: true },
    { key: 'dropped', label: '未完成', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'plans', label: '计划事项', kind: 'count' },
    { key: 'by_status', label: '完成情况', kind: 'countByStatus' },
  ],
  summary: { plan: { periodField: 'period', titleField: 'title', contentField: 'content' } },
};

function starter(definition: WorklistDefinition): StarterList {
  return { key: definition.key!, name: definition.name, description: definition.description ?? '', definition };
}

/** The nine starters, in the order they are offered and created. */
export const STARTER_LISTS: StarterList[] = [OPINIONS, RECTIFICATION, ASSIGNED_TASKS, VILLAGE_LEDGER, DEEDS, STATISTICS, AWARDS, ACHIEVEMENTS, PLAN].map(
  starter,
);

/** The organisation's own lists (archived ones too: their keys and names stay taken). */
async function ownLists(ctx: Ctx): Promise<{ keys: Set<string>; names: Set<string> }> {
  const rows = await repo.listWorklists(ctx.db, [ctx.actor.orgId], true, todayInChina());
  return { keys: new Set(rows.map((r) => r.key)), names: new Set(rows.map((r) => r.name)) };
}

/** A starter is present when the organisation has a list with its key or its name. */
function isPresent(own: { keys: Set<string>; names: Set<string> }, s: StarterList): boolean {
  return own.keys.has(s.key) || own.names.has(s.name);
}

/** The starters, each marked present when the actor's organisation already has it. */
export async function listStarters(ctx: Ctx): Promise<Starter[]> {
  assertLedgerReader(ctx.actor);
  const own = await ownLists(ctx);
  return STARTER_LISTS.map((s) => ({ key: s.key, name: s.name, description: s.description, present: isPresent(own, s) }));
}

/**
 * Creates the chosen starter lists in the actor's organisation (skips keys it already has, and
 * names it already uses); inside the caller's transaction. An unknown key is refused before
 * anything is made. Returns the lists created, in the starters' order.
 */
export async function createStarterLists(tx: Ctx, keys: string[]): Promise<Worklist[]> {
  // As for any list: defining work lists is for admins and leaders (checked here too, so a request
  // naming only lists the bureau has is refused to others rather than answered with nothing).
  assertAllowed(designsWorklists(tx.actor));
  const unknown = [...new Set(keys)].filter((k) => !STARTER_LISTS.some((s) => s.key === k));
  if (unknown.length) {
    const message = `没有这些常用台账：${unknown.join('、')}`;
    throw validation(message, [{ path: 'keys', message }]);
  }
  const own = await ownLists(tx);
  const created: Worklist[] = [];
  for (const s of STARTER_LISTS) {
    if (!keys.includes(s.key) || isPresent(own, s)) continue;
    created.push(await createWorklist(tx, worklistDefinitionSchema.parse(s.definition)));
  }
  return created;
}
