import type { Kysely } from 'kysely';
import type { WorklistDefinition } from '../../shared/worklists.js';
import { worklistDefinitionSchema } from '../../shared/worklists.js';
import type { Ctx } from '../context.js';
import type { DialectName } from '../db/connection.js';
import type { DB } from '../db/types.js';
import { addProgress, createItem, createWorklist } from '../worklists/service.js';

// Sections 三 to 六 of the seed as work lists set up with the mechanism (not tables of their own):
// opinions and the 四风 rectification ledger, the four assigned households (two settled), the
// village ledger and deeds of the "三送" pairing with 东山镇元鱼村 (the 延东水渠 repair, 三万多元),
// village activities (2 trainings, a film for nearly 200 people, 800-odd leaflets), statistics
// tasks, and the plan for the second half of 2014. People and households are invented.
// Each list carries its stable key and the seed's wording as its summary sentences (full-width
// punctuation, as the seed is typed; sections 三 and 五 open with a sentence before their 一是…);
// the names the seed states (the village, the canal, the film) are values of the items, not words
// of the template. Item texts keep the half-width commas people type: the draft sets them right.

const SI_FENG = ['形式主义', '官僚主义', '享乐主义', '奢靡之风'];
const MASS_LINE = '积极开展群众教育实践活动，努力解决“四风”突出问题';
const SAN_SONG = '“三送”工作取得良好成绩';

type ItemSeed = {
  values: Record<string, string | number | null>;
  registered: string;
  deadline?: string;
  responsible?: string;
  /** Dated status changes after registration: [date, status, what was done]. */
  moves?: [string, string, string][];
};

/** Loads the demo work lists through the work-list services, inside the caller's transaction. */
export async function loadWorklistsDemo(
  db: Kysely<DB>,
  dialect: DialectName,
  org: { id: number; path: string; userIds: Map<string, number>; businessSectionId: number; officeSectionId: number },
): Promise<void> {
  const actorFor = (username: string, role: 'leader' | 'staff', sectionId: number | null): Ctx => ({
    db,
    dialect,
    requestId: 'demo',
    actor: {
      userId: org.userIds.get(username)!,
      username,
      displayName: username,
      role,
      orgId: org.id,
      orgPath: org.path,
      sectionId,
      via: 'session',
      sessionId: null,
    },
  });
  const leader = actorFor('juzhang', 'leader', null);
  const office = actorFor('bangong', 'staff', org.officeSectionId);
  const user = (u: string) => org.userIds.get(u)!;
  const places = new Map(
    (await db.selectFrom('places').select(['id', 'name']).where('org_id', '=', org.id).where('level', '=', 'village').execute()).map((p) => [p.name, p.id]),
  );

  const define = async (def: WorklistDefinition) => (await createWorklist(leader, worklistDefinitionSchema.parse(def))).id;
  const fill = async (listId: number, items: ItemSeed[], by: Ctx = office) => {
    const ids: number[] = [];
    for (const seed of items) {
      const created = await createItem(by, listId, {
        values: seed.values,
        registeredDate: seed.registered,
        deadline: seed.deadline ?? null,
        responsibleId: seed.responsible ? user(seed.responsible) : null,
      });
      for (const [date, toStatus, content] of seed.moves ?? []) await addProgress(by, created.id, { entryDate: date, content, toStatus });
      ids.push(created.id);
    }
    return ids;
  };

  // 2. 整改台账 first: opinions link to its items.
  const rectification = await define({
    name: '整改台账',
    key: 'rectification',
    topic: '党的群众路线教育实践活动',
    description: '查摆“四风”问题,整改分类,动态管理(演示数据)',
    titleFieldKey: 'problem',
    sortOrder: 20,
    // A ledger holds problems: 建立整改台账，登记问题5项 (not 整改台账5项).
    summary: {
      section: MASS_LINE,
      sentences: ['认真梳理、整改分类，建立整改台账，登记问题{list.rectification.registered|unit:项}，实行动态管理，已整改{list.rectification.done|unit:项}'],
    },
    fields: [
      { key: 'problem', label: '存在问题', type: 'text', required: true },
      { key: 'category', label: '“四风”类别', type: 'choice', required: true, options: SI_FENG },
      { key: 'source', label: '问题来源', type: 'choice', options: ['征求意见', '自身查摆', '上级点评'] },
      { key: 'measures', label: '整改措施', type: 'longtext' },
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
      { key: 'by_category', label: '“四风”类别', kind: 'countByChoice', fieldKey: 'category' },
    ],
  });
  const problems = await fill(rectification, [
    {
      values: { problem: '文山会海现象仍然存在,部分会议实效不强', category: '形式主义', source: '自身查摆', measures: '精简会议文件,能合并的会议合并召开' },
      registered: '2014-04-08',
      deadline: '2014-06-30',
      responsible: 'juzhang',
      moves: [
        ['2014-04-20', 'doing', '制定会议精简办法'],
        ['2014-06-20', 'done', '上半年会议同比减少三成,文件减少两成'],
      ],
    },
    {
      values: { problem: '深入企业和基层调研不够,服务企业主动性不强', category: '官僚主义', source: '征求意见', measures: '班子成员每月深入企业调研不少于2次' },
      registered: '2014-04-10',
      deadline: '2014-06-30',
      responsible: 'fenguan',
      moves: [
        ['2014-04-15', 'doing', '建立领导联系企业制度'],
        ['2014-06-25', 'standing', '已形成制度,长期坚持'],
      ],
    },
    {
      values: { problem: '科技项目申报服务流程不够简便', category: '官僚主义', source: '征求意见', measures: '编印项目申报指南,实行一次性告知' },
      registered: '2014-04-10',
      deadline: '2014-09-30',
      responsible: 'fenguan',
      moves: [['2014-05-05', 'doing', '起草项目申报指南']],
    },
    {
      values: { problem: '公务接待标准执行不够严格', category: '享乐主义', source: '自身查摆', measures: '严格执行公务接待规定,实行公函制度' },
      registered: '2014-04-12',
      deadline: '2014-05-31',
      responsible: 'juzhang',
      moves: [['2014-05-20', 'done', '制定公务接待管理办法并公开']],
    },
    {
      values: { problem: '办公用品采购管理不够规范', category: '奢靡之风', source: '自身查摆', measures: '实行集中采购和登记领用' },
      registered: '2014-04-12',
      deadline: '2014-06-15',
      responsible: 'juzhang',
    },
  ]);

  // 1. 意见建议
  await define({
    name: '意见建议',
    key: 'opinions',
    topic: '党的群众路线教育实践活动',
    description: '向企业、基层干部、“二代表一委员”、“三送”联系户征求的意见建议(演示数据)',
    titleFieldKey: 'summary',
    sortOrder: 10,
    summary: {
      section: MASS_LINE,
      opening:
        '根据开展党的群众路线教育实践活动的要求，我局坚持“照镜子、正衣冠、洗洗澡、治治病”的总体要求，以为民务实清廉为主题，组织股级以上党员干部查摆“四风”问题，并立行立改',
      sentences: [
        '以查摆“四风”问题为核心，结合科技工作实际，采取“请进来、走出去”方式，向{list.opinions.figure.by_source}征求意见建议{list.opinions.registered|unit:条}',
      ],
    },
    fields: [
      { key: 'summary', label: '意见摘要', type: 'text', required: true },
      { key: 'source', label: '意见来源', type: 'choice', required: true, options: ['企业', '基层干部', '“二代表一委员”', '“三送”联系户'] },
      { key: 'channel', label: '征求方式', type: 'choice', required: true, options: ['座谈会', '上门走访', '征求意见函', '意见箱'] },
      { key: 'content', label: '意见内容', type: 'longtext' },
      { key: 'received', label: '收集日期', type: 'date', required: true },
      { key: 'rectification', label: '对应整改事项', type: 'item', targetListId: rectification },
    ],
    statuses: [
      { key: 'received', label: '已收集' },
      { key: 'sorted', label: '已梳理归类', done: true },
    ],
    figures: [
      { key: 'collected', label: '征求意见建议', kind: 'count' },
      { key: 'by_source', label: '按来源', kind: 'countByChoice', fieldKey: 'source' },
    ],
  }).then((id) =>
    fill(id, [
      {
        values: { summary: '希望简化科技项目申报手续', source: '企业', channel: '座谈会', received: '2014-03-28', rectification: problems[2] },
        registered: '2014-03-28',
        moves: [['2014-04-10', 'sorted', '归入整改台账']],
      },
      {
        values: { summary: '科技局干部下企业次数偏少', source: '企业', channel: '上门走访', received: '2014-04-02', rectification: problems[1] },
        registered: '2014-04-02',
        moves: [['2014-04-10', 'sorted', '归入整改台账']],
      },
      {
        values: { summary: '会议通知多,基层疲于应付', source: '基层干部', channel: '征求意见函', received: '2014-04-03', rectification: problems[0] },
        registered: '2014-04-03',
        moves: [['2014-04-08', 'sorted', '归入整改台账']],
      },
      {
        values: { summary: '加强农业实用技术培训', source: '“二代表一委员”', channel: '座谈会', received: '2014-04-04' },
        registered: '2014-04-04',
        moves: [['2014-04-10', 'sorted', '纳入下半年培训计划']],
      },
      {
        values: { summary: '希望多送种植技术资料到村', source: '“三送”联系户', channel: '上门走访', received: '2014-04-06' },
        registered: '2014-04-06',
        moves: [['2014-04-10', 'sorted', '交业务股办理']],
      },
      {
        values: { summary: '公务接待应更加节俭', source: '“二代表一委员”', channel: '意见箱', received: '2014-04-07', rectification: problems[3] },
        registered: '2014-04-07',
        moves: [['2014-04-12', 'sorted', '归入整改台账']],
      },
    ]),
  );

  // 3. 征收包干: four households, two settled by the end of June.
  await define({
    name: '征收包干',
    key: 'expropriation',
    topic: '县土地房屋征收工作',
    description: '我局包干的被征收户(演示数据)',
    titleFieldKey: 'head',
    sortOrder: 30,
    summary: {
      section: '攻坚破难有力推动县土地房屋征收工作有序开展',
      sentences: [
        '我局高度重视土地房屋征收工作，经常深入被征收农户，耐心细致做思想工作，力所能及地为其解决遇到的实际困难。截止到目前，我局所包干的{list.expropriation.handled|unit:户|share:list.expropriation.done}落实到位',
      ],
    },
    fields: [
      { key: 'head', label: '户主', type: 'household', required: true },
      { key: 'village', label: '所在村', type: 'place' },
      { key: 'taken', label: '征收内容', type: 'choice', options: ['土地', '房屋', '土地和房屋'] },
      { key: 'area', label: '征收面积', type: 'number', unit: '平方米' },
      { key: 'staff', label: '包干干部', type: 'person' },
    ],
    statuses: [
      { key: 'unsigned', label: '未签约' },
      { key: 'signed', label: '已签约' },
      { key: 'settled', label: '落实到位', done: true },
    ],
    hasResponsible: true,
    figures: [
      { key: 'households', label: '包干户数', kind: 'count' },
      { key: 'by_status', label: '落实情况', kind: 'countByStatus' },
    ],
  }).then((id) =>
    fill(id, [
      {
        values: { head: '钟某华', village: places.get('城东社区') ?? null, taken: '土地和房屋', area: 320, staff: user('fenguan') },
        registered: '2014-03-05',
        responsible: 'fenguan',
        moves: [
          ['2014-04-18', 'signed', '多次上门做通思想工作,签订协议'],
          ['2014-05-30', 'settled', '补偿到位,房屋已腾空'],
        ],
      },
      {
        values: { head: '黄某明', village: places.get('城东社区') ?? null, taken: '房屋', area: 180, staff: user('bangong') },
        registered: '2014-03-05',
        responsible: 'bangong',
        moves: [
          ['2014-05-12', 'signed', '帮助解决安置房选址困难'],
          ['2014-06-20', 'settled', '已搬迁'],
        ],
      },
      {
        values: { head: '刘某贵', village: places.get('城东社区') ?? null, taken: '土地', area: 660, staff: user('yewu') },
        registered: '2014-03-05',
        responsible: 'yewu',
        moves: [['2014-06-10', 'signed', '签订土地征收协议']],
      },
      {
        values: { head: '陈某生', village: places.get('城东社区') ?? null, taken: '土地和房屋', area: 410, staff: user('fenguan') },
        registered: '2014-03-05',
        responsible: 'fenguan',
      },
    ]),
  );

  // 4. 民情台账 of 元鱼村
  const yuanyu = places.get('元鱼村') ?? null;
  await define({
    name: '民情台账',
    key: 'village_ledger',
    topic: '“三送”工作(东山镇元鱼村)',
    description: '驻村走访建立的民情台账(演示数据)',
    titleFieldKey: 'household',
    sortOrder: 40,
    summary: {
      section: SAN_SONG,
      // The section's opening; a ledger holds households: 建立民情台账，登记农户3户.
      opening:
        '深入{list.village_ledger.field.village}开展“送政策释民惑，送温暖释民心，送服务解民难”活动，建立民情台账，登记走访农户{list.village_ledger.registered|unit:户}，切实为群众排忧解难。主要做了以下几件实事：',
      sentences: [],
    },
    fields: [
      { key: 'household', label: '农户', type: 'household', required: true },
      { key: 'village', label: '村', type: 'place' },
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
  }).then((id) =>
    fill(id, [
      {
        values: { household: '何某林', village: yuanyu, situation: '种植蔬菜5亩', difficulty: '农田灌溉缺水', help: '争取资金修复延东水渠' },
        registered: '2014-03-11',
        responsible: 'fenguan',
        moves: [['2014-05-28', 'solved', '延东水渠修复,恢复通水']],
      },
      {
        values: { household: '曾某英', village: yuanyu, situation: '留守老人', difficulty: '缺少蔬菜种植技术', help: '安排科技特派员上门指导' },
        registered: '2014-03-11',
        responsible: 'yewu',
        moves: [['2014-04-15', 'solved', '科技特派员现场指导两次']],
      },
      {
        values: { household: '罗某平', village: yuanyu, situation: '脐橙种植户', difficulty: '黄龙病防控', help: '联系果茶局专家' },
        registered: '2014-03-12',
        responsible: 'yewu',
        moves: [['2014-05-08', 'helping', '专家已现场查看']],
      },
    ]),
  );

  // 5. 为民实事: money from each source, the total is their sum.
  await define({
    name: '为民实事',
    key: 'deeds',
    topic: '“三送”工作(东山镇元鱼村)',
    description: '驻村为群众办的实事好事(演示数据)',
    titleFieldKey: 'title',
    sortOrder: 50,
    summary: {
      section: SAN_SONG,
      sentences: [
        '维修水利设施，积极向上争取资金，单位出一点，多方联合，共投入{list.deeds.figure.money|more:多|chinese}成功把{list.deeds.field.facility}修复完善',
      ],
    },
    fields: [
      { key: 'title', label: '实事名称', type: 'text', required: true },
      { key: 'facility', label: '修缮设施', type: 'text' },
      { key: 'done_on', label: '完成日期', type: 'date' },
      { key: 'money_bureau', label: '单位出资', type: 'money' },
      { key: 'money_higher', label: '争取上级资金', type: 'money' },
      { key: 'money_other', label: '乡村及群众筹资', type: 'money' },
      { key: 'beneficiaries', label: '受益群众', type: 'text' },
    ],
    statuses: [
      { key: 'doing', label: '实施中' },
      { key: 'done', label: '已完成', done: true },
    ],
    figures: [
      { key: 'deeds', label: '办实事', kind: 'count' },
      { key: 'money', label: '共投入', kind: 'sum', fieldKeys: ['money_bureau', 'money_higher', 'money_other'] },
    ],
  }).then((id) =>
    fill(id, [
      {
        values: { title: '开展送科技服务', done_on: '2014-05-22', beneficiaries: '元鱼村村民近百人' },
        registered: '2014-03-18',
        moves: [['2014-05-22', 'done', '组织涉农专家到村开展科技培训2次']],
      },
      {
        values: {
          title: '修复延东水渠',
          facility: '延东水渠',
          done_on: '2014-05-28',
          money_bureau: 8000,
          money_higher: 15000,
          money_other: 8500,
          beneficiaries: '延东组农田80余亩',
        },
        registered: '2014-03-20',
        moves: [['2014-04-10', 'done', '单位出一点、多方联合,水渠修复通水']],
      },
      {
        values: { title: '宣传“党风廉政建设社会评价”', done_on: '2014-06-18', beneficiaries: '元鱼村群众' },
        registered: '2014-06-05',
        moves: [['2014-06-18', 'done', '发放宣传资料,组织观看专题片']],
      },
    ]),
  );

  // 6. 驻村活动: two trainings, a film showing, leaflets.
  await define({
    name: '驻村活动',
    key: 'village_activities',
    topic: '“三送”工作(东山镇元鱼村)',
    description: '驻村开展的培训、宣传等活动(演示数据)',
    titleFieldKey: 'title',
    sortOrder: 60,
    summary: {
      section: SAN_SONG,
      sentences: [
        '开展送科技服务，组织了部分涉农专家到该村进行了{list.village_activities.figure.by_kind.科技培训|unit:次}科技培训，使村民了解当前农业生产急需的科技知识',
        '在{list.village_activities.field.village}大力宣传“党风廉政建设社会评价”工作，发放宣传资料{list.village_activities.figure.materials}，组织{list.village_activities.figure.film_viewers}观看{list.village_activities.field.film}',
      ],
    },
    fields: [
      { key: 'title', label: '活动名称', type: 'text', required: true },
      { key: 'kind', label: '类型', type: 'choice', required: true, options: ['科技培训', '观影', '宣传', '走访'] },
      { key: 'village', label: '村', type: 'place' },
      { key: 'film', label: '片名', type: 'text' },
      { key: 'held_on', label: '日期', type: 'date', required: true },
      { key: 'attendees', label: '参加人数', type: 'number', unit: '人' },
      { key: 'materials', label: '发放资料', type: 'number', unit: '份' },
    ],
    statuses: [
      { key: 'planned', label: '计划' },
      { key: 'held', label: '已开展', done: true },
    ],
    figures: [
      { key: 'by_kind', label: '按类型', kind: 'countByChoice', fieldKey: 'kind' },
      { key: 'film_viewers', label: '组织观看', kind: 'sum', fieldKeys: ['attendees'], filterFieldKey: 'kind', filterValue: '观影' },
      { key: 'materials', label: '发放宣传资料', kind: 'sum', fieldKeys: ['materials'] },
    ],
  }).then((id) =>
    fill(id, [
      {
        values: { title: '春季蔬菜种植技术培训', kind: '科技培训', village: yuanyu, held_on: '2014-03-18', attendees: 46, materials: 120 },
        registered: '2014-03-10',
        moves: [['2014-03-18', 'held', '农业专家授课']],
      },
      {
        values: { title: '脐橙、油茶管护技术培训', kind: '科技培训', village: yuanyu, held_on: '2014-05-22', attendees: 52, materials: 150 },
        registered: '2014-05-10',
        moves: [['2014-05-22', 'held', '林业、果茶专家授课']],
      },
      {
        values: {
          title: '观看《2014年上半年上犹县党政领导班子履行党风廉政建设职责巡礼》',
          kind: '观影',
          village: yuanyu,
          film: '《2014年上半年上犹县党政领导班子履行党风廉政建设职责巡礼》',
          held_on: '2014-06-18',
          attendees: 196,
        },
        registered: '2014-06-05',
        moves: [['2014-06-18', 'held', '在村委会集中观看']],
      },
      {
        values: { title: '“党风廉政建设社会评价”宣传', kind: '宣传', village: yuanyu, held_on: '2014-06-18', materials: 542 },
        registered: '2014-06-05',
        moves: [['2014-06-18', 'held', '入户发放宣传资料']],
      },
    ]),
  );

  // 7. 统计报送
  await define({
    name: '统计报送',
    key: 'statistics',
    topic: '日常统计工作',
    description: '按期报送的统计任务(演示数据)',
    titleFieldKey: 'task',
    sortOrder: 70,
    summary: { section: 'management', sentences: ['开展了{list.statistics.doneNames}等工作'] },
    fields: [
      { key: 'task', label: '任务', type: 'text', required: true },
      { key: 'to', label: '报送单位', type: 'text' },
    ],
    statuses: [
      { key: 'todo', label: '未报送' },
      { key: 'sent', label: '已报送', done: true },
    ],
    hasDeadline: true,
    hasResponsible: true,
    figures: [
      { key: 'tasks', label: '统计任务', kind: 'count' },
      { key: 'by_status', label: '完成情况', kind: 'countByStatus' },
    ],
  }).then((id) =>
    fill(id, [
      {
        values: { task: '科普统计', to: '市科技局' },
        registered: '2014-02-10',
        deadline: '2014-03-31',
        responsible: 'yewu',
        moves: [['2014-03-27', 'sent', '按时报送']],
      },
      {
        values: { task: '民营科技企业统计', to: '市科技局' },
        registered: '2014-03-01',
        deadline: '2014-04-30',
        responsible: 'yewu',
        moves: [['2014-04-25', 'sent', '按时报送']],
      },
      {
        values: { task: '科技人员入园入企工作情况统计', to: '县委组织部' },
        registered: '2014-04-01',
        deadline: '2014-05-31',
        responsible: 'yewu',
        moves: [['2014-05-29', 'sent', '按时报送']],
      },
    ]),
  );

  // 8. 工作计划: the seed's three items for the second half of 2014.
  await define({
    name: '工作计划',
    key: 'plan',
    topic: '半年/年度工作计划',
    description: '下一期间的工作计划;下一期总结据此说明完成情况(演示数据)',
    titleFieldKey: 'title',
    sortOrder: 80,
    summary: { plan: { periodField: 'period', titleField: 'title', contentField: 'content' } },
    fields: [
      { key: 'period', label: '计划期间', type: 'choice', required: true, options: ['2014年上半年', '2014年下半年', '2015年上半年', '2015年下半年'] },
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
  }).then((id) =>
    fill(
      id,
      [
        {
          values: {
            period: '2014年下半年',
            title: '扎实开展党的群众路线教育实践活动',
            content:
              '在县委督导组的指导下,扎实开展好党的群众路线教育实践活动第二、第三环节的工作,认真做好谈心谈话活动,开展好专题民主生活会和专题组织生活会,明确分工,对照问题台账,逐项整改,力争路线教育实践活动取得成效。',
          },
          registered: '2014-06-30',
          deadline: '2014-12-31',
          responsible: 'juzhang',
        },
        {
          values: {
            period: '2014年下半年',
            title: '全力做好科技为经济社会发展服务工作',
            content:
              '积极联系我县主导产业,继续做好“科技富民强县”项目和部级科技型中小企业创新基金项目的申报和落地工作。深入工业企业和涉农企业调研,为选派的科技人员提供服务,确保科技人员来我县提供全范围的指导作用。',
          },
          registered: '2014-06-30',
          deadline: '2014-12-31',
          responsible: 'fenguan',
        },
        {
          values: {
            period: '2014年下半年',
            title: '努力做好征地拆迁工作',
            content: '继续加大我局分派的征地拆迁工作力度,想法设法做通2户涉征农户的工作,为企业尽快落地打下良好基础。',
          },
          registered: '2014-06-30',
          deadline: '2014-12-31',
          responsible: 'fenguan',
        },
      ],
      leader,
    ),
  );
}
