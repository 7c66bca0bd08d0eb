import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { type TestApp, type TestClient, type TestResponse, createTestApp } from '../test/harness.js';

// The second acceptance case (issue 10): a fictional county bureau of another province, 青梧县科技局,
// made from nothing. Only its organisation row and its admin account come from factories; its
// sections, people, places, departments, dictionary items, enterprises and every record of 2023 are
// entered through the API by its admin, leader and staff. The default template drafts its 2023 H1
// summary from those records alone, every figure phrased as the house rules phrase it, and its quiet
// second half (no records) as the title and the opening only. Nothing of the demo bureau (上犹, 赣州,
// 2014, 元鱼, 延东) appears anywhere.

let t: TestApp;
let admin: TestClient;
let leader: TestClient;
/** 科技管理股: enterprises, projects, visits, follow-ups, milestones, the cultivation list. */
let manager: TestClient;
/** 科普宣传股: events, commissioners and their logs, the science-sites list. */
let outreach: TestClient;

const H1 = { from: '2023-01-01', to: '2023-06-30' };
const H2 = { from: '2023-07-01', to: '2023-12-31' };
const SEED_WORDS = /上犹|赣州|2014|元鱼|延东/;

/** Ids of what the bureau entered, by name. */
const ids = {
  towns: {} as Record<string, number>,
  villages: {} as Record<string, number>,
  departments: [] as number[],
  enterprises: {} as Record<string, number>,
  commissioners: [] as number[],
  cultivationList: 0,
  approvedProjects: [] as number[],
  managerUserId: 0,
};

/** The body of a 200 answer; anything else fails with the answer's text. */
function ok<T = any>(res: TestResponse<T>, what: string): T {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
}

/** A valid 统一社会信用代码 from 17 characters of our own. */
function creditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17)!;
}

/** A person the admin creates, signed in and past the first-login password change. */
async function person(username: string, displayName: string, role: 'leader' | 'staff', sectionId: number | null): Promise<{ client: TestClient; id: number }> {
  const user = ok(await admin.post('/api/users', { username, displayName, role, sectionId, password: 'Qingwu23Start' }), `user ${username}`);
  const client = await t.login(username, 'Qingwu23Start');
  ok(await client.post('/api/auth/password', { currentPassword: 'Qingwu23Start', newPassword: 'Qingwu23Mine' }), `password ${username}`);
  return { client, id: user.id };
}

// ---------- the bureau's own work lists ----------

/** Enterprises cultivated towards recognition: a heading of its own in the summary. */
const CULTIVATION = {
  name: '科技型企业培育',
  key: 'tech_cultivation',
  sortOrder: 10,
  fields: [
    { key: 'name', label: '企业名称', type: 'text', required: true },
    { key: 'target', label: '培育方向', type: 'choice', options: ['高新技术企业', '科技型中小企业'] },
    { key: 'rd', label: '研发投入', type: 'money' },
  ],
  statuses: [
    { key: 'cultivating', label: '培育中' },
    { key: 'declared', label: '已申报' },
    { key: 'recognised', label: '已认定', done: true },
  ],
  figures: [
    { key: 'rd_total', label: '研发投入', kind: 'sum', fieldKeys: ['rd'] },
    { key: 'by_target', label: '培育方向', kind: 'countByChoice', fieldKey: 'target' },
  ],
  summary: {
    section: '培育壮大创新主体',
    sentences: [
      '{period.short}新纳入培育库企业{list.tech_cultivation.registered|unit:家}',
      '跟踪服务培育企业{list.tech_cultivation.handled|unit:家},其中{list.tech_cultivation.figure.by_target|each|unit:家}',
      '{list.tech_cultivation.done|unit:家}企业通过认定,带动企业研发投入{list.tech_cultivation.figure.rd_total}',
    ],
  },
};

/** Science-popularisation sites built in villages: joins the core outreach section. */
const SCIENCE_SITES = {
  name: '科普阵地',
  key: 'science_sites',
  sortOrder: 20,
  fields: [
    { key: 'name', label: '阵地名称', type: 'text', required: true },
    { key: 'village', label: '所在村', type: 'place' },
    { key: 'kind', label: '类型', type: 'choice', options: ['科普示范村', '科普e站', '科普示范基地'] },
    { key: 'beneficiaries', label: '受益人数', type: 'number', unit: '人' },
  ],
  statuses: [
    { key: 'building', label: '建设中' },
    { key: 'built', label: '已建成', done: true },
  ],
  figures: [
    { key: 'beneficiaries', label: '惠及群众', kind: 'sum', fieldKeys: ['beneficiaries'] },
    { key: 'by_kind', label: '类型', kind: 'countByChoice', fieldKey: 'kind' },
  ],
  summary: {
    section: 'outreach',
    sentences: [
      '新建{list.science_sites.field.kind|list|unit:个},惠及群众{list.science_sites.figure.beneficiaries}',
      '{list.science_sites.doneNames}已建成投用',
    ],
  },
};

// ---------- building the bureau ----------

async function setUpPeopleAndReference(): Promise<void> {
  const org = await t.factories.org({ name: '青梧县科技局', level: 'county' });
  await t.factories.user({ org, role: 'admin', username: 'qw_admin', password: 'Qingwu23Admin' });
  admin = await t.login('qw_admin', 'Qingwu23Admin');

  const management = ok(await admin.post('/api/sections', { name: '科技管理股', sortOrder: 10 }), 'section');
  const publicity = ok(await admin.post('/api/sections', { name: '科普宣传股', sortOrder: 20 }), 'section');
  leader = (await person('qw_leader', '周明远', 'leader', null)).client;
  const m = await person('qw_guanli', '刘晓东', 'staff', management.id);
  manager = m.client;
  ids.managerUserId = m.id;
  outreach = (await person('qw_kepu', '陈思雨', 'staff', publicity.id)).client;

  // Places: the county, its towns (in the order the bureau lists them) and some villages.
  const county = ok(await admin.post('/api/places', { level: 'county', name: '青梧县', parentId: null }), 'county');
  for (const [i, name] of ['梧桐镇', '白沙镇', '石门乡', '枫林乡', '柳溪镇'].entries()) {
    ids.towns[name] = ok(await admin.post('/api/places', { level: 'town', name, parentId: county.id, sortOrder: (i + 1) * 10 }), name).id;
  }
  for (const [town, name] of [
    ['梧桐镇', '新联村'],
    ['白沙镇', '沙洲村'],
    ['石门乡', '竹坑村'],
    ['枫林乡', '下湾村'],
  ]) {
    ids.villages[name] = ok(await admin.post('/api/places', { level: 'village', name, parentId: ids.towns[town] }), name).id;
  }

  // Ten departments; nine of them join the bureau's own outreach events.
  const departments = [
    ['青梧县农业农村局', '农业农村'],
    ['青梧县林业局', '林业'],
    ['青梧县水利局', '水利'],
    ['青梧县卫生健康委员会', '卫健'],
    ['青梧县气象局', '气象'],
    ['青梧县科学技术协会', '科协'],
    ['青梧县市场监督管理局', '市场监管'],
    ['青梧县自然资源局', '自然资源'],
    ['青梧县人力资源和社会保障局', '人社'],
    ['青梧县教育局', '教育'],
  ];
  for (const [i, [name, shortName]] of departments.entries()) {
    ids.departments.push(ok(await admin.post('/api/departments', { name, shortName, sortOrder: (i + 1) * 10 }), name).id);
  }

  // Dictionary items of its own: two programmes (one counted in 个), a milestone kind, an event type.
  ok(await admin.post('/api/dictionaries/program/items', { value: '重点研发计划', label: '重点研发计划', sortOrder: 1 }), 'program');
  ok(await admin.post('/api/dictionaries/program/items', { value: '工程技术研究中心', label: '工程技术研究中心', sortOrder: 65, measure: '个' }), 'program');
  ok(await admin.post('/api/dictionaries/milestone_kind/items', { value: '现场核查', label: '现场核查', sortOrder: 40 }), 'milestone kind');
  ok(await admin.post('/api/dictionaries/event_type/items', { value: '农民实用技术培训', label: '农民实用技术培训', sortOrder: 90 }), 'event type');

  const enterprises: [string, string, 'industry' | 'agriculture', string, string | null][] = [
    ['青梧精密机械有限公司', '科技型中小企业', 'industry', '梧桐镇', '91331199MA2QW0001'],
    ['白沙新材料科技有限公司', '高新技术企业', 'industry', '白沙镇', '91331199MA2QW0002'],
    ['石门高山茶叶专业合作社', '合作社', 'agriculture', '石门乡', null],
    ['枫林生态农业示范基地', '农业示范基地', 'agriculture', '枫林乡', null],
  ];
  for (const [name, kind, industry, town, code] of enterprises) {
    ids.enterprises[name] = ok(
      await manager.post('/api/enterprises', {
        name,
        kind,
        industry,
        townId: ids.towns[town],
        creditCode: code ? creditCode(code) : null,
      }),
      name,
    ).id;
  }
}

interface ProjectInput {
  title: string;
  enterprise?: string;
  field: 'industry' | 'agriculture' | 'social';
  level: 'national' | 'province' | 'city' | 'county';
  program: string;
  approved?: number;
  received?: number;
  stage: string;
  stageDates: Record<string, string>;
}

async function project(p: ProjectInput): Promise<number> {
  const created = ok(
    await manager.post('/api/projects', {
      title: p.title,
      enterpriseId: p.enterprise ? ids.enterprises[p.enterprise] : null,
      field: p.field,
      level: p.level,
      program: p.program,
      amountApproved: p.approved ?? null,
      amountReceived: p.received ?? null,
      stage: p.stage,
      stageDates: p.stageDates,
    }),
    p.title,
  );
  return created.id;
}

async function moveStage(projectId: number, to: string, date: string): Promise<void> {
  ok(await manager.post(`/api/projects/${projectId}/stage`, { to, date }), `stage ${to}`);
}

async function enterProjects(): Promise<void> {
  const [E1, E2, E3, E4] = ['青梧精密机械有限公司', '白沙新材料科技有限公司', '石门高山茶叶专业合作社', '枫林生态农业示范基地'];
  // Found in 2022 and cultivated in the pool; applied and approved in the half-year.
  const p1 = await project({
    title: '高精度数控主轴关键技术研发',
    enterprise: E1,
    field: 'industry',
    level: 'national',
    program: '重点研发计划',
    approved: 80,
    received: 40,
    stage: 'pool',
    stageDates: { lead: '2022-09-01', pool: '2022-10-10' },
  });
  await moveStage(p1, 'applied', '2023-02-15');
  await moveStage(p1, 'approved', '2023-05-20');
  const p2 = await project({
    title: '石墨烯导热膜中试',
    enterprise: E2,
    field: 'industry',
    level: 'province',
    program: '省科技支撑计划',
    approved: 30,
    received: 30,
    stage: 'approved',
    stageDates: { lead: '2022-11-01', pool: '2022-12-01', applied: '2023-03-01', approved: '2023-06-10' },
  });
  // Found, pooled, applied and approved all in the half-year.
  const p3 = await project({
    title: '高山茶园绿色防控技术示范',
    enterprise: E3,
    field: 'agriculture',
    level: 'province',
    program: '省科技支撑计划',
    approved: 20,
    received: 10,
    stage: 'approved',
    stageDates: { lead: '2023-01-10', pool: '2023-01-20', applied: '2023-02-20', approved: '2023-05-25' },
  });
  const p4 = await project({
    title: '青梧县精密机械工程技术研究中心',
    enterprise: E1,
    field: 'industry',
    level: 'city',
    program: '工程技术研究中心',
    approved: 10,
    received: 10,
    stage: 'approved',
    stageDates: { applied: '2023-03-10', approved: '2023-06-05' },
  });
  const p5 = await project({
    title: '青梧县新材料工程技术研究中心',
    enterprise: E2,
    field: 'industry',
    level: 'city',
    program: '工程技术研究中心',
    approved: 10,
    received: 5,
    stage: 'approved',
    stageDates: { applied: '2023-03-12', approved: '2023-06-05' },
  });
  const p6 = await project({
    title: '生态果蔬标准化种植示范',
    enterprise: E4,
    field: 'agriculture',
    level: 'city',
    program: '市科技计划',
    approved: 5,
    received: 5,
    stage: 'approved',
    stageDates: { applied: '2023-03-15', approved: '2023-06-08' },
  });
  const p7 = await project({
    title: '农村饮水安全监测技术推广',
    field: 'social',
    level: 'county',
    program: '县科技计划',
    approved: 3,
    received: 3,
    stage: 'ongoing',
    stageDates: { lead: '2023-02-01', pool: '2023-02-10', applied: '2023-04-01', approved: '2023-04-28', ongoing: '2023-05-10' },
  });
  ids.approvedProjects = [p1, p2, p3, p4, p5, p6, p7];
  // Applied and turned down; applied and still waiting.
  const p8 = await project({
    title: '茶园机械化采摘装备研究',
    enterprise: E3,
    field: 'agriculture',
    level: 'province',
    program: '重点研发计划',
    stage: 'applied',
    stageDates: { applied: '2023-03-05' },
  });
  await moveStage(p8, 'rejected', '2023-06-20');
  await project({
    title: '智能分拣设备研制',
    enterprise: E1,
    field: 'industry',
    level: 'city',
    program: '市科技计划',
    stage: 'applied',
    stageDates: { applied: '2023-04-10' },
  });
  // Under way since 2021, accepted in the half-year after a 现场核查.
  const p10 = await project({
    title: '丘陵山地节水灌溉技术示范',
    enterprise: E4,
    field: 'agriculture',
    level: 'county',
    program: '县科技计划',
    stage: 'ongoing',
    stageDates: { approved: '2021-05-01', ongoing: '2021-06-01' },
  });
  await moveStage(p10, 'accepted', '2023-05-15');
  // A lead found in the half-year, not yet in the pool.
  await project({
    title: '竹木加工废料综合利用',
    field: 'industry',
    level: 'county',
    program: '县科技计划',
    stage: 'lead',
    stageDates: { lead: '2023-04-20' },
  });
  // Under way since 2022, each with a 中期检查 in the half-year.
  const p12 = await project({
    title: '数字乡村综合服务平台',
    field: 'social',
    level: 'county',
    program: '县科技计划',
    stage: 'ongoing',
    stageDates: { approved: '2022-03-01', ongoing: '2022-04-01' },
  });
  const p13 = await project({
    title: '农产品冷链物流技术集成应用',
    enterprise: E4,
    field: 'agriculture',
    level: 'county',
    program: '县科技计划',
    stage: 'ongoing',
    stageDates: { approved: '2022-06-01', ongoing: '2022-07-01' },
  });

  for (const [projectId, kind, milestoneDate] of [
    [p12, '中期检查', '2023-03-20'],
    [p13, '中期检查', '2023-04-12'],
    [p10, '现场核查', '2023-05-08'],
  ] as const) {
    ok(await manager.post(`/api/projects/${projectId}/milestones`, { kind, milestoneDate }), kind);
  }
  for (const [projectId, followupDate, kind] of [
    [p1, '2023-06-15', 'visit'],
    [p7, '2023-05-20', 'visit'],
    [p7, '2023-06-18', 'phone'],
    [p12, '2023-03-15', 'meeting'],
    [p12, '2023-04-20', 'visit'],
  ] as const) {
    ok(
      await manager.post(`/api/projects/${projectId}/followups`, { followupDate, staffId: ids.managerUserId, kind, solved: '协调解决实施中的问题' }),
      'followup',
    );
  }
  // A follow-up of the year before says nothing of the half-year.
  ok(await manager.post(`/api/projects/${p12}/followups`, { followupDate: '2022-11-20', staffId: ids.managerUserId, kind: 'visit' }), 'followup');

  const visits: [string, string[]][] = [
    ['2023-01-12', [E1, E2]],
    ['2023-03-08', [E3]],
    ['2023-04-18', [E4, E1]],
    ['2023-06-02', [E2]],
  ];
  for (const [visitDate, enterprises] of visits) {
    ok(
      await manager.post('/api/visits', {
        visitDate,
        staffIds: [ids.managerUserId],
        enterpriseIds: enterprises.map((e) => ids.enterprises[e]),
        purpose: '了解企业技术需求,挖掘科技项目',
      }),
      'visit',
    );
  }
}

async function enterEvents(): Promise<void> {
  const d = ids.departments;
  const events = [
    // The bureau's own 送科技下乡: nine departments, four towns (one through a village, one through an enterprise).
    {
      type: '送科技下乡',
      theme: '春季科技下乡服务',
      startDate: '2023-03-05',
      role: 'lead',
      placeIds: [ids.towns['梧桐镇'], ids.towns['白沙镇']],
      departmentIds: d.slice(0, 5),
      materials: 3200,
      books: 800,
      leaflets: 2000,
      boards: 20,
      consultations: 450,
      expertCount: 12,
      attendees: 1500,
    },
    {
      type: '送科技下乡',
      theme: '夏季科技下乡服务',
      startDate: '2023-05-12',
      role: 'lead',
      placeIds: [ids.villages['竹坑村']],
      enterpriseIds: [ids.enterprises['枫林生态农业示范基地']],
      departmentIds: d.slice(3, 9),
      materials: 2650,
      boards: 16,
      consultations: 380,
      expertCount: 9,
    },
    // Another body's outreach the bureau only took part in, and one of the year before: neither counts.
    {
      type: '送科技下乡',
      theme: '市科协科普大篷车进乡村',
      startDate: '2023-04-20',
      role: 'participate',
      placeIds: [ids.towns['柳溪镇']],
      departmentIds: [d[9]],
      materials: 500,
    },
    {
      type: '送科技下乡',
      theme: '冬季科技下乡服务',
      startDate: '2022-11-10',
      role: 'lead',
      placeIds: [ids.towns['柳溪镇']],
      departmentIds: [d[9]],
      materials: 1000,
    },
    // Trainings the bureau ran (one crossing into July: it counts where it started).
    {
      type: '农民实用技术培训',
      theme: '茶叶栽培管理技术培训班',
      startDate: '2023-04-08',
      endDate: '2023-04-09',
      role: 'lead',
      placeIds: [ids.towns['石门乡']],
      trainees: 620,
    },
    { type: '培训班', theme: '电商助农技能培训', startDate: '2023-06-28', endDate: '2023-07-02', role: 'lead', placeIds: [ids.towns['柳溪镇']], trainees: 335 },
    // Trainings it sent people to.
    { type: '培训班', theme: '全省科技管理干部业务培训班', startDate: '2023-03-20', role: 'send', organiser: '省科学技术厅', peopleSent: 6 },
    { type: '培训班', theme: '全市科技特派员能力提升培训', startDate: '2023-05-16', role: 'send', organiser: '市科学技术局', peopleSent: 8 },
  ];
  for (const event of events) ok(await outreach.post('/api/events', event), event.theme);
}

async function enterCommissioners(): Promise<void> {
  const { towns, villages } = ids;
  const roster = [
    { name: '张立新', gender: 'male', employer: '青梧县农业农村局', placeIds: [towns['梧桐镇'], towns['白沙镇']], termStartYear: 2023, termEndYear: 2025 },
    { name: '李秀梅', gender: 'female', employer: '青梧县林业局', placeIds: [towns['石门乡']], termStartYear: 2023, termEndYear: 2025 },
    { name: '王建华', gender: 'male', employer: '青梧县农业农村局', placeIds: [towns['枫林乡']], termStartYear: 2023, termEndYear: 2025 },
    { name: '陈国平', gender: 'male', employer: '青梧县水利局', placeIds: [towns['柳溪镇']], termStartYear: 2020, termEndYear: 2022, status: 'expired' },
  ];
  for (const c of roster) ids.commissioners.push(ok(await outreach.post('/api/commissioners', c), c.name).id);
  const [c1, c2, c3] = ids.commissioners;
  const logs: [number, string, number, string, number, string?][] = [
    [c1, '2022-12-20', towns['梧桐镇'], '技术指导', 50],
    [c1, '2023-02-14', villages['新联村'], '技术指导', 45],
    [c1, '2023-04-03', towns['梧桐镇'], '培训', 60],
    [c1, '2023-05-22', villages['沙洲村'], '技术指导', 38, '水稻侧深施肥技术'],
    [c2, '2023-03-16', villages['竹坑村'], '技术指导', 120],
    [c2, '2023-06-09', towns['石门乡'], '培训', 99],
    [c3, '2023-04-25', villages['下湾村'], '咨询', 30],
  ];
  for (const [commissionerId, logDate, placeId, kind, peopleServed, newTechniques] of logs) {
    ok(
      await outreach.post(`/api/commissioners/${commissionerId}/service-logs`, {
        logDate,
        placeId,
        kind,
        content: '深入田间开展技术服务',
        peopleServed,
        newTechniques: newTechniques ?? null,
      }),
      'service log',
    );
  }
  ok(
    await leader.post(`/api/commissioners/${c2}/supports`, { supportDate: '2023-05-10', kind: 'subsidy', description: '工作经费补助', amount: 8500 }),
    'support',
  );
}

async function enterWorkLists(): Promise<void> {
  const cultivation = ok(await leader.post('/api/worklists', CULTIVATION), 'cultivation list');
  ids.cultivationList = cultivation.id;
  const sites = ok(await leader.post('/api/worklists', SCIENCE_SITES), 'sites list');
  expect([cultivation.key, sites.key]).toEqual(['tech_cultivation', 'science_sites']);

  const item = async (
    client: TestClient,
    listId: number,
    values: Record<string, unknown>,
    registeredDate: string,
    progress: [string, string, string | null][] = [],
  ) => {
    const created = ok(await client.post(`/api/worklists/${listId}/items`, { values, registeredDate }), String(values.name));
    for (const [entryDate, content, toStatus] of progress) {
      ok(await client.post(`/api/worklist-items/${created.id}/progress`, { entryDate, content, toStatus }), content);
    }
  };
  const c = cultivation.id;
  await item(manager, c, { name: '青梧精密机械有限公司', target: '高新技术企业', rd: 1_850_000 }, '2023-01-16', [
    ['2023-03-20', '已提交高新技术企业认定申请', 'declared'],
    ['2023-06-25', '通过高新技术企业认定', 'recognised'],
  ]);
  await item(manager, c, { name: '白沙新材料科技有限公司', target: '高新技术企业', rd: 1_200_000 }, '2022-10-10', [
    ['2023-04-02', '辅导完善研发费用归集', null],
  ]);
  await item(manager, c, { name: '梧桐电子科技有限公司', target: '科技型中小企业', rd: 560_000 }, '2023-02-20', [
    ['2023-05-18', '入库科技型中小企业', 'recognised'],
  ]);
  await item(manager, c, { name: '柳溪食品有限公司', target: '科技型中小企业', rd: 320_000 }, '2023-05-06');
  await item(manager, c, { name: '石门竹业有限公司', target: '科技型中小企业', rd: 150_000 }, '2022-05-01', [
    ['2022-12-01', '入库科技型中小企业', 'recognised'],
  ]);

  const s = sites.id;
  const v = ids.villages;
  await item(outreach, s, { name: '新联村科普示范村', village: v['新联村'], kind: '科普示范村', beneficiaries: 1200 }, '2023-02-10', [
    ['2023-05-30', '建成并通过验收', 'built'],
  ]);
  await item(outreach, s, { name: '沙洲村科普e站', village: v['沙洲村'], kind: '科普e站', beneficiaries: 300 }, '2023-03-01', [
    ['2023-06-12', '建成投用', 'built'],
  ]);
  await item(outreach, s, { name: '竹坑村科普e站', village: v['竹坑村'], kind: '科普e站', beneficiaries: 260 }, '2023-04-15');
  await item(outreach, s, { name: '下湾村科普示范基地', village: v['下湾村'], kind: '科普示范基地', beneficiaries: 500 }, '2022-08-01', [
    ['2022-11-20', '建成投用', 'built'],
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  await setUpPeopleAndReference();
  await enterProjects();
  await enterEvents();
  await enterCommissioners();
  await enterWorkLists();
}, 120_000);
afterAll(() => t.close());

// ---------- what the summary must say ----------

const TITLE = '青梧县科技局2023年上半年工作总结';
const OPENING =
  '2023年上半年，在县委、县政府的正确领导和上级科技部门的关心指导下，我局不断创新工作思路，强化工作措施，以科技服务为抓手，以项目建设为重心，积极做好县中心工作，狠抓各项工作落实。现将2023年上半年的工作情况汇报如下：';

const MANAGEMENT = [
  '一是积极组织申报科技计划项目。上半年，我局通过深入企业、涉农涉工部门调研，积极寻找和挖掘科技项目，组织申报重点研发计划项目2项、省科技支撑计划项目2项、市科技计划项目2项、工程技术研究中心2个、县科技计划项目1项；',
  '二是上半年获批立项国家级项目1项（工业1项），省级项目2项（工业1项、农业1项），市级项目3项（工业2项、农业1项），县级项目1项（社会发展1项）；',
  '三是争取项目立项资金近160万元；',
  '四是重点做好3个在建科技项目的跟踪与服务工作，开展跟踪服务5次，确保了项目顺利实施；',
  '五是开展项目中期检查2次、现场核查1次；',
  '六是组织1项科技项目通过验收；',
  '七是积极组织有关企业和技术人员14人参加了全省科技管理干部业务培训班和全市科技特派员能力提升培训，提升了业务能力；',
  '八是着力抓了工业、农业技术项目的培育，上半年，我局经常组织业务人员深入各企业、示范基地调研4次，发现项目线索3个，筛选和培育了2个有较高技术含量的项目进入项目库。',
].join('');

const OUTREACH = [
  '一是充分发挥科技特派员的作用，科技特派员是农村科技队伍的一支生产力军。我局进一步完善科技特派员管理措施，上半年在岗科技特派员3人深入梧桐镇、石门乡、白沙镇和枫林乡开展技术服务6次，服务群众近400人次；',
  '二是牵头组织了9个部门的有关专家先后深入乡（镇）、企业、社区等地开展送科技下乡活动共2次。每到一地，专家们认真为群众现场解答生产生活中遇到的各种技术难题，免费发放各种科技图书、科技资料、科技小册子共计近6000份。展出科普宣传展板36块，咨询人员830人次，受到广大群众的好评；',
  '三是举办各类培训2次，培训900余人次；',
  '四是新建科普示范村1个、科普e站2个，惠及群众近1800人；',
  '五是新联村科普示范村和沙洲村科普e站已建成投用。',
].join('');

const CULTIVATION_TEXT =
  '一是上半年新纳入培育库企业3家；二是跟踪服务培育企业4家，其中高新技术企业和科技型中小企业各2家；三是2家企业通过认定，带动企业研发投入近400万元。';

const SECTIONS = [
  { key: 'management', heading: '一、狠抓落实，科技管理上水平', text: MANAGEMENT },
  { key: 'outreach', heading: '二、强化科技宣传，科技活动丰富多彩', text: OUTREACH },
  { key: 'tech_cultivation', heading: '三、培育壮大创新主体', text: CULTIVATION_TEXT },
];

/** The figures of the draft as phrased, each with the fact it states. */
const FIGURES: [string, string][] = [
  ['projects.appliedPrograms', '重点研发计划项目2项、省科技支撑计划项目2项、市科技计划项目2项、工程技术研究中心2个、县科技计划项目1项'],
  ['projects.approvedByLevel', '国家级项目1项（工业1项），省级项目2项（工业1项、农业1项），市级项目3项（工业2项、农业1项），县级项目1项（社会发展1项）'],
  ['projects.amountApproved', '近160万元'],
  ['projects.followedUp', '3个'],
  ['projects.followups', '5次'],
  ['projects.milestonesByKind', '中期检查2次、现场核查1次'],
  ['projects.accepted', '1项'],
  ['events.peopleSent', '14人'],
  ['events.sentTrainingNames', '全省科技管理干部业务培训班和全市科技特派员能力提升培训'],
  ['projects.visits', '4次'],
  ['projects.leadsFound', '3个'],
  ['projects.enteredPool', '2个'],
  ['commissioners.active', '3人'],
  ['commissioners.towns', '梧桐镇、石门乡、白沙镇和枫林乡'],
  ['commissioners.logs', '6次'],
  ['commissioners.peopleServed', '近400人次'],
  ['outreach.departments', '9个部门'],
  ['outreach.count', '2次'],
  ['outreach.materials', '近6000份'],
  ['outreach.boards', '36块'],
  ['outreach.consultations', '830人次'],
  ['events.trainings', '2次'],
  ['events.trainees', '900余人次'],
  ['list.science_sites.field.kind', '科普示范村1个、科普e站2个'],
  ['list.science_sites.figure.beneficiaries', '近1800人'],
  ['list.science_sites.doneNames', '新联村科普示范村和沙洲村科普e站'],
  ['list.tech_cultivation.registered', '3家'],
  ['list.tech_cultivation.handled', '4家'],
  ['list.tech_cultivation.figure.by_target', '高新技术企业和科技型中小企业各2家'],
  ['list.tech_cultivation.done', '2家'],
  ['list.tech_cultivation.figure.rd_total', '近400万元'],
];

function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function exports(client: TestClient, reportId: number): Promise<{ md: string; docx: string; fileName: string }> {
  const md = await client.get(`/api/reports/${reportId}/export?format=md`);
  expect(md.status).toBe(200);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/reports/${reportId}/export?format=docx`,
    headers: { cookie: `keguan_sid=${client.cookie('keguan_sid')}` },
  });
  expect(res.statusCode).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  return {
    md: md.text,
    docx: docxText(await zip.file('word/document.xml')!.async('string')),
    fileName: decodeURIComponent(String(res.headers['content-disposition'])),
  };
}

type Doc = {
  title: string;
  opening: { text: string };
  sections: { key: string; heading: string; paragraphs: { text: string; figures: { factKey: string; text: string; ids: number[]; recordType: string }[] }[] }[];
  warnings: unknown[];
};

describe('a county bureau of another province, made from nothing: its 2023 first half', () => {
  it("opens with its own name, period and county leadership, and has the core sections and its list's own", async () => {
    const report = ok(await leader.post('/api/reports', H1), 'draft');
    const doc: Doc = report.latest.doc;
    expect(report.title).toBe(TITLE);
    expect(report.periodLabel).toBe('2023年上半年');
    expect(doc.title).toBe(TITLE);
    expect(doc.opening.text).toBe(OPENING);
    expect(doc.warnings).toEqual([]);
    expect(doc.sections.map((s) => [s.key, s.heading])).toEqual(SECTIONS.map((s) => [s.key, s.heading]));
  });

  it('states every figure as phrased, in sentences drafted from its own records', async () => {
    const doc: Doc = ok(await manager.post('/api/reports', H1), 'draft').latest.doc;
    expect(doc.sections.map((s) => s.paragraphs.map((p) => p.text))).toEqual(SECTIONS.map((s) => [s.text]));
    const figures = doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.figures.map((f) => [f.factKey, f.text])));
    expect(figures).toEqual(FIGURES);
    // Every figure is traceable to the records it counts.
    const all = doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.figures));
    expect(all.every((f) => f.ids.length > 0 && f.recordType !== '')).toBe(true);
    const funds = all.find((f) => f.factKey === 'projects.amountApproved')!;
    expect([...funds.ids].sort((a, b) => a - b)).toEqual(ids.approvedProjects);
    const trace = ok(await manager.get(`/api/reports/trace?recordType=${funds.recordType}&ids=${funds.ids.join(',')}`), 'trace');
    expect(trace.items).toHaveLength(7);
  });

  it('states the figures the default template leaves out as the catalogue phrases them', async () => {
    const preview = async (pattern: string) => {
      const res = ok(await leader.post('/api/report-templates/preview', { ...H1, pattern }), pattern);
      expect(res.problems).toEqual([]);
      return res.text;
    };
    expect(await preview('到位资金{projects.amountReceived}')).toBe('到位资金100余万元');
    expect(await preview('{projects.amountApprovedByLevel|list}')).toBe('国家级80万元、省级50万元、市级25万元、县级3万元');
    expect(await preview('{projects.amountReceivedByLevel|list}')).toBe('国家级40万元、省级40万元、市级20万元、县级3万元');
    expect(await preview('立项{projects.approved},其中{projects.approvedByField|list}')).toBe('立项7项，其中工业4项、农业2项、社会发展1项');
    expect(await preview('{projects.approvedByProgram|list}')).toBe('重点研发计划1项、省科技支撑计划2项、市科技计划1项、工程技术研究中心2个、县科技计划1项');
    expect(await preview('申报{projects.applied},未获批{projects.rejected}')).toBe('申报9项，未获批1项');
    expect(await preview('期末在建项目{projects.ongoingAtEnd}:{projects.ongoingByLevelAtEnd|suffix:项目|nest:field}')).toBe(
      '期末在建项目9项：国家级项目1项（工业1项），省级项目2项（工业1项、农业1项），市级项目3项（工业2项、农业1项），县级项目3项（农业1项、社会发展2项）',
    );
    expect(await preview('{projects.milestones}项目节点,其中{projects.milestonesByKind.中期检查}中期检查')).toBe('3次项目节点，其中2次中期检查');
    expect(await preview('{outreach.departmentCount}部门深入{outreach.townCount}乡镇')).toBe('9个部门深入4个乡镇');
    expect(await preview('{outreach.towns}')).toBe('梧桐镇、白沙镇、石门乡和枫林乡');
    expect(await preview('专家{outreach.experts},培训{outreach.trainees}')).toBeNull();
    expect(await preview('专家{outreach.experts}')).toBe('专家21人');
    expect(await preview('{commissioners.townCount}乡镇,新技术{commissioners.newTechniques},补助{commissioners.supportAmount}')).toBe(
      '4个乡镇，新技术1项，补助8500元',
    );
    expect(await preview('期末培育企业{list.tech_cultivation.itemsAtEnd|unit:家},已认定{list.tech_cultivation.doneAtEnd|unit:家}')).toBe(
      '期末培育企业5家，已认定3家',
    );
  });

  it('writes its Markdown and .docx exports with its own name, and nothing of the demo bureau', async () => {
    const report = ok(await leader.post('/api/reports', H1), 'draft');
    expect(JSON.stringify(report.latest.doc)).not.toMatch(SEED_WORDS);
    const { md, docx, fileName } = await exports(leader, report.id);
    const expected = [`# ${TITLE}`, OPENING, ...SECTIONS.flatMap((s) => [`## ${s.heading}`, s.text])].join('\n\n');
    expect(md).toBe(`${expected}\n`);
    for (const text of [TITLE, OPENING, ...SECTIONS.flatMap((s) => [s.heading, s.text])]) expect(docx).toContain(text);
    expect(docx).toContain('青梧县科技局');
    expect(fileName).toContain(`${TITLE}(第1版).docx`);
    for (const text of [md, docx, fileName]) expect(text).not.toMatch(SEED_WORDS);
  });

  it("keeps a list's section when the list and a field are renamed after drafting", async () => {
    const report = ok(await leader.post('/api/reports', H1), 'draft');
    const before: Doc = report.latest.doc;
    const list = ok(await leader.get(`/api/worklists/${ids.cultivationList}`), 'list');
    const renamed = await leader.put(
      `/api/worklists/${ids.cultivationList}`,
      {
        ...CULTIVATION,
        name: '科技型企业培育库',
        fields: CULTIVATION.fields.map((f) => (f.key === 'rd' ? { ...f, label: '年度研发投入' } : f)),
      },
      { 'if-match': `"${list.version}"` },
    );
    expect(ok(renamed, 'rename')).toMatchObject({ key: 'tech_cultivation', name: '科技型企业培育库' });

    const redraft = ok(await leader.post(`/api/reports/${report.id}/redraft`, {}), 'redraft');
    expect(redraft.doc.sections).toEqual(before.sections);
    expect(redraft).toMatchObject({ dataChanged: false, changes: [] });
    expect(redraft.doc.warnings).toEqual([]);
    const fresh: Doc = ok(await leader.post('/api/reports', H1), 'draft').latest.doc;
    expect(fresh.sections.map((s) => [s.key, s.heading, s.paragraphs[0].text])).toEqual(SECTIONS.map((s) => [s.key, s.heading, s.text]));
    const catalogue = ok(await leader.get('/api/report-templates/facts'), 'facts').items;
    expect(catalogue.find((f: { key: string }) => f.key === 'list.tech_cultivation.field.rd').label).toBe('科技型企业培育库:年度研发投入');
  });
});

describe('its quiet second half of 2023', () => {
  it('drafts the title and the opening only, in the draft and both exports', async () => {
    const report = ok(await outreach.post('/api/reports', H2), 'draft');
    const doc: Doc = report.latest.doc;
    const title = '青梧县科技局2023年下半年工作总结';
    const opening = OPENING.replaceAll('上半年', '下半年');
    expect(doc).toMatchObject({ title, opening: { text: opening, figures: [] }, sections: [], warnings: [] });
    expect(JSON.stringify(doc)).not.toMatch(SEED_WORDS);
    const { md, docx } = await exports(outreach, report.id);
    expect(md).toBe(`# ${title}\n\n${opening}\n`);
    expect(docx).toContain(title + opening);
    for (const text of [md, docx]) expect(text).not.toMatch(SEED_WORDS);
  });

  it("has no fact of the period that speaks of the first half's work", async () => {
    const facts = ok(await leader.get(`/api/report-templates/facts?from=${H2.from}&to=${H2.to}`), 'facts');
    const saying = facts.items
      .filter((f: { kind: string; atEnd: boolean; value: { text: string | null } }) => f.kind !== 'text' && !f.atEnd && f.value.text !== null)
      .map((f: { key: string; value: { text: string } }) => [f.key, f.value.text]);
    // Commissioners on post in the half-year are a state of it, not a record: the sentence that
    // names them also needs their logs, so it stays out.
    expect(saying).toEqual([['commissioners.active', '3人']]);
    // States at the end still answer: the projects under way and the lists' items stay.
    const atEnd = Object.fromEntries(
      facts.items.filter((f: { atEnd: boolean }) => f.atEnd).map((f: { key: string; value: { text: string | null } }) => [f.key, f.value.text]),
    );
    expect(atEnd).toMatchObject({ 'projects.ongoingAtEnd': '9项', 'list.tech_cultivation.itemsAtEnd': '5项', 'list.science_sites.doneAtEnd': '3项' });
  });
});
