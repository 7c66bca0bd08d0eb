import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { DEFAULT_DEPARTMENTS } from '../reference/default-departments.js';
import { type TestApp, type TestClient, type TestResponse, createTestApp } from '../test/harness.js';
import { STARTER_LISTS } from './starters.js';

// Starter ledgers (常用台账) and default departments for a bureau made from nothing (issue 12):
// each test makes its own organisation with factories (no demo), so any test passes alone.

let t: TestApp;
let seq = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ALL_KEYS = STARTER_LISTS.map((s) => s.key);
const H1 = { from: '2025-01-01', to: '2025-06-30' };
const H2 = { from: '2025-07-01', to: '2025-12-31' };
/** Nothing of the demo bureau, its county or its year may appear in a starter. */
const DEMO_WORDS = /上犹|赣州|江西|东山|元鱼|延东|2014|四风|三送|群众路线|二代表一委员/;

function ok<T = any>(res: TestResponse<T>, what: string): T {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
}

/** A new bureau with an admin, a leader and a staff member, signed in. */
async function bureau(
  level: 'county' | 'city' | 'province' = 'county',
): Promise<{ org: OrgRow; admin: TestClient; leader: TestClient; staff: TestClient; leaderId: number }> {
  const n = ++seq;
  const org = await t.factories.org({ name: `新建${level === 'county' ? '县' : level === 'city' ? '市' : '省'}科技局${n}`, level });
  await t.factories.user({ org, role: 'admin', username: `st_admin${n}` });
  const leaderRow = await t.factories.user({ org, role: 'leader', username: `st_leader${n}` });
  await t.factories.user({ org, role: 'staff', username: `st_staff${n}` });
  return { org, admin: await t.login(`st_admin${n}`), leader: await t.login(`st_leader${n}`), staff: await t.login(`st_staff${n}`), leaderId: leaderRow.id };
}

async function defaultTemplate(client: TestClient) {
  const templates = ok(await client.get('/api/report-templates'), 'templates');
  return templates.items.find((x: { isDefault: boolean }) => x.isDefault);
}

async function draft(client: TestClient, period: { from: string; to: string }) {
  return ok(await client.post('/api/reports', period), 'draft').latest.doc;
}

describe('starter ledgers: offering and creating', () => {
  it('offers the nine starters, none present in a new bureau, with no demo words in any of them', async () => {
    const { staff } = await bureau();
    const res = ok(await staff.get('/api/worklists/starters'), 'starters');
    expect(res.items.map((s: { name: string }) => s.name)).toEqual([
      '意见建议',
      '整改台账',
      '包干任务',
      '民情台账',
      '实事项目',
      '统计报送任务',
      '科技奖励申报',
      '成果鉴定登记',
      '工作计划',
    ]);
    expect(res.items.every((s: { present: boolean; description: string }) => !s.present && s.description.length > 0)).toBe(true);
    expect(JSON.stringify(STARTER_LISTS)).not.toMatch(DEMO_WORDS);
  });

  it('creates the chosen lists in one request, marks them present, and skips them the second time', async () => {
    const { leader } = await bureau();
    const created = ok(await leader.post('/api/worklists/starters', { keys: ['plan', 'rectification', 'plan'] }), 'create');
    // In the starters' order, each once, with its stable key and its own definition.
    expect(created.items.map((l: { key: string; name: string }) => [l.key, l.name])).toEqual([
      ['rectification', '整改台账'],
      ['plan', '工作计划'],
    ]);
    expect(created.items[0]).toMatchObject({ hasDeadline: true, hasResponsible: true, itemCount: 0, archived: false });
    expect(created.items[1].summary.plan).toEqual({ periodField: 'period', titleField: 'title', contentField: 'content' });

    const offered = ok(await leader.get('/api/worklists/starters'), 'starters').items;
    expect(offered.filter((s: { present: boolean }) => s.present).map((s: { key: string }) => s.key)).toEqual(['rectification', 'plan']);

    const again = ok(await leader.post('/api/worklists/starters', { keys: ['rectification', 'opinions'] }), 'again');
    expect(again.items.map((l: { key: string }) => l.key)).toEqual(['opinions']);
    const lists = ok(await leader.get('/api/worklists'), 'lists').items;
    expect(lists.map((l: { key: string }) => l.key).sort()).toEqual(['opinions', 'plan', 'rectification']);
  });

  it('each created list is an ordinary list: the bureau renames it and changes its fields, the key stays', async () => {
    const { leader } = await bureau();
    const [list] = ok(await leader.post('/api/worklists/starters', { keys: ['statistics'] }), 'create').items;
    const { id, version, itemCount, overdueCount, createdAt, updatedAt, archived, policies, ...definition } = list;
    const changed = ok(
      await leader.put(
        `/api/worklists/${id}`,
        {
          ...definition,
          name: '统计报表任务',
          fields: [...definition.fields, { key: 'period_label', label: '统计期', type: 'text' }],
        },
        { 'if-match': String(version) },
      ),
      'update',
    );
    expect(changed).toMatchObject({ key: 'statistics', name: '统计报表任务' });
    expect(changed.fields.map((f: { key: string }) => f.key)).toContain('period_label');
    // Renamed, it is still the starter (by its key).
    expect(ok(await leader.get('/api/worklists/starters'), 'starters').items.find((s: { key: string }) => s.key === 'statistics').present).toBe(true);
  });

  it('counts a list the bureau made itself under a starter name as present, and does not make a second', async () => {
    const { leader } = await bureau();
    ok(
      await leader.post('/api/worklists', {
        name: '整改台账',
        key: 'own_rectification',
        fields: [{ key: 'problem', label: '问题', type: 'text' }],
        statuses: [
          { key: 'open', label: '未整改' },
          { key: 'done', label: '已整改', done: true },
        ],
      }),
      'own list',
    );
    expect(ok(await leader.get('/api/worklists/starters'), 'starters').items.find((s: { key: string }) => s.key === 'rectification').present).toBe(true);
    const created = ok(await leader.post('/api/worklists/starters', { keys: ['rectification', 'awards'] }), 'create');
    expect(created.items.map((l: { key: string }) => l.key)).toEqual(['awards']);
  });

  it('refuses an unknown key in Chinese, naming it, and makes none of the others', async () => {
    const { admin } = await bureau();
    const res = await admin.post('/api/worklists/starters', { keys: ['opinions', 'nosuch_list', '台账'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toBe('没有这些常用台账：nosuch_list、台账');
    expect(ok(await admin.get('/api/worklists'), 'lists').items).toEqual([]);
    const empty = await admin.post('/api/worklists/starters', { keys: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('请选择要添加的台账');
  });

  it('is for admins and leaders, like designing a list: staff and commissioners are refused', async () => {
    const { org, admin, staff } = await bureau();
    await t.factories.user({ org, role: 'commissioner', username: `st_comm${seq}` });
    const commissioner = await t.login(`st_comm${seq}`);
    expect((await staff.post('/api/worklists/starters', { keys: ['opinions'] })).status).toBe(403);
    // Even when every key named is one the bureau has: refused, not answered with nothing.
    ok(await admin.post('/api/worklists/starters', { keys: ['opinions'] }), 'admin');
    expect((await staff.post('/api/worklists/starters', { keys: ['opinions'] })).status).toBe(403);
    expect((await commissioner.get('/api/worklists/starters')).status).toBe(403);
    expect((await t.anonymous().get('/api/worklists/starters')).status).toBe(401);
  });

  it('makes the lists once for one Idempotency-Key, answering the repeat with the same lists', async () => {
    const { leader } = await bureau();
    const headers = { 'idempotency-key': `starters-${seq}` };
    const first = ok(await leader.request('POST', '/api/worklists/starters', { keys: ['deeds', 'village_ledger'] }, headers), 'first');
    const second = await leader.request('POST', '/api/worklists/starters', { keys: ['deeds', 'village_ledger'] }, headers);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.items.map((l: { id: number }) => l.id)).toEqual(first.items.map((l: { id: number }) => l.id));
    expect(ok(await leader.get('/api/worklists'), 'lists').items).toHaveLength(2);
  });

  it('keeps each organisation to its own lists', async () => {
    const a = await bureau();
    const b = await bureau();
    ok(await a.leader.post('/api/worklists/starters', { keys: ALL_KEYS }), 'a');
    expect(ok(await b.leader.get('/api/worklists/starters'), 'b').items.some((s: { present: boolean }) => s.present)).toBe(false);
    expect(ok(await b.leader.post('/api/worklists/starters', { keys: ['plan'] }), 'b').items).toHaveLength(1);
  });
});

describe('starter ledgers in the summary', () => {
  it('gives a default template that validates: with no lists, with each starter alone, and with all nine, in a city and a province too', async () => {
    const cases: [string[], 'county' | 'city' | 'province'][] = [
      [[], 'county'],
      ...ALL_KEYS.map((k): [string[], 'county'] => [[k], 'county']),
      [ALL_KEYS, 'county'],
      [ALL_KEYS, 'city'],
      [ALL_KEYS, 'province'],
    ];
    for (const [keys, level] of cases) {
      const { leader } = await bureau(level);
      if (keys.length) ok(await leader.post('/api/worklists/starters', { keys }), `create ${keys}`);
      const template = await defaultTemplate(leader);
      const check = ok(await leader.post('/api/report-templates/check', template.definition), 'check');
      expect({ keys, problems: check.problems }).toEqual({ keys, problems: [] });
      // Saved as it is (a person's template from now on), it validates too.
      ok(await leader.put(`/api/report-templates/${template.id}`, template.definition, { 'if-match': String(template.version) }), `save ${keys}`);
      expect(JSON.stringify(template.definition)).not.toMatch(DEMO_WORDS);
    }
  });

  it('with all nine, groups the lists into sections of their own or the core ones, and the plan', async () => {
    const { leader } = await bureau();
    ok(await leader.post('/api/worklists/starters', { keys: ALL_KEYS }), 'create');
    const { definition } = await defaultTemplate(leader);
    expect(definition.sections.map((s: { key: string; heading: string }) => [s.key, s.heading])).toEqual([
      ['management', '狠抓落实，科技管理上水平'],
      ['outreach', '强化科技宣传，科技活动丰富多彩'],
      ['opinions', '转变工作作风，抓好问题整改'],
      ['assigned_tasks', '攻坚克难，扎实完成包干任务'],
      ['village_ledger', '深入基层，真心实意为群众办实事'],
    ]);
    const management = definition.sections[0].sentences;
    expect(management.slice(-5)).toEqual([
      '认真做好科技统计工作，完成了{list.statistics.doneNames}等报送任务',
      '积极组织推荐申报科技奖励{list.awards.registered|unit:项}',
      '获得各级科技奖励{list.awards.figure.by_status.已获奖|unit:项}',
      '做好科技成果管理工作，办理{list.achievements.figure.by_kind|list}',
      '{list.achievements.done|unit:项}科技成果完成登记或通过鉴定（评价）',
    ]);
    expect(definition.plan).toEqual({ listKey: 'plan', periodField: 'period', titleField: 'title', contentField: 'content' });
  });

  it('the template editor’s plan section (list “plan”, fields period/title/content) validates only once the bureau has the 工作计划 starter', async () => {
    const { leader } = await bureau();
    const template = await defaultTemplate(leader);
    const withPlan = { ...template.definition, plan: { listKey: 'plan', periodField: 'period', titleField: 'title', contentField: 'content' } };
    const before = ok(await leader.post('/api/report-templates/check', withPlan), 'check');
    expect(before.problems).toEqual([{ path: 'plan.listKey', slot: 'plan', message: '没有标识为“plan”的台账' }]);
    ok(await leader.post('/api/worklists/starters', { keys: ['plan'] }), 'plan');
    expect(ok(await leader.post('/api/report-templates/check', withPlan), 'check').problems).toEqual([]);
  });

  it('drafts only the title and the opening for a half-year with no records, with all nine lists', async () => {
    const { org, leader } = await bureau();
    ok(await leader.post('/api/worklists/starters', { keys: ALL_KEYS }), 'create');
    for (const period of [H1, H2]) {
      const doc = await draft(leader, period);
      const label = period === H1 ? '2025年上半年' : '2025年下半年';
      expect(doc.title).toBe(`${org.name}${label}工作总结`);
      expect(doc.opening.text.startsWith(`${label}，在县委、县政府的正确领导`)).toBe(true);
      expect(doc.sections).toEqual([]);
      expect(doc.warnings).toEqual([]);
    }
  });

  it('drafts the sentences of three lists with a few items, each figure counted from them, and nothing of a quiet half after', async () => {
    const { leader, leaderId } = await bureau();
    const lists = ok(await leader.post('/api/worklists/starters', { keys: ALL_KEYS }), 'create').items as { id: number; key: string }[];
    const listId = (key: string) => lists.find((l) => l.key === key)!.id;
    const item = async (key: string, values: Record<string, unknown>, registeredDate: string, moves: [string, string][] = []) => {
      const created = ok(await leader.post(`/api/worklists/${listId(key)}/items`, { values, registeredDate, responsibleId: leaderId }), `${key} item`);
      for (const [entryDate, toStatus] of moves)
        ok(await leader.post(`/api/worklist-items/${created.id}/progress`, { entryDate, content: '办理情况', toStatus }), 'progress');
      return created.id as number;
    };
    // 意见建议: three collected from enterprises and the public, one answered.
    await item('opinions', { summary: '简化项目申报材料', source: '企业', channel: '座谈会' }, '2025-03-02', [['2025-03-20', 'answered']]);
    await item('opinions', { summary: '多开展农业技术培训', source: '群众', channel: '上门走访' }, '2025-04-01');
    await item('opinions', { summary: '加强知识产权服务', source: '企业' }, '2025-05-10');
    // 整改台账: two problems, one put right.
    await item('rectification', { problem: '服务企业主动性不强', source: '征求意见' }, '2025-03-05', [
      ['2025-04-01', 'doing'],
      ['2025-04-30', 'done'],
    ]);
    await item('rectification', { problem: '会议文件偏多' }, '2025-03-05', [['2025-04-01', 'doing']]);
    // 实事项目: two done, money from three sources on one of them (31500元).
    await item('deeds', { title: '修缮村级灌溉水渠', money_bureau: 8000, money_higher: 15000, money_other: 8500 }, '2025-03-01', [['2025-05-20', 'done']]);
    await item('deeds', { title: '建设科普宣传栏' }, '2025-04-01', [['2025-06-10', 'done']]);

    const doc = await draft(leader, H1);
    expect(doc.warnings).toEqual([]);
    expect(doc.sections.map((s: { heading: string; paragraphs: { text: string }[] }) => [s.heading, s.paragraphs.map((p) => p.text)])).toEqual([
      [
        '一、转变工作作风，抓好问题整改',
        [
          '一是坚持开门听意见，向企业和群众征求意见建议3条；' +
            '二是对征求到的意见建议逐条梳理、分类办理，已办结1条；' +
            '三是认真查摆问题，建立整改台账，登记问题2项，逐项明确整改措施、责任人和整改时限，实行动态管理；' +
            '四是对照整改台账逐项整改、逐项销号，完成整改1项。',
        ],
      ],
      ['二、深入基层，真心实意为群众办实事', ['一是积极为群众办实事，办成实事2件（修缮村级灌溉水渠和建设科普宣传栏）；二是多方筹措资金，共投入三万多元。']],
    ]);
    // Each figure traces to the items it counts.
    const money = doc.sections[1].paragraphs[0].figures.find((f: { factKey: string }) => f.factKey === 'list.deeds.figure.money');
    expect(money).toMatchObject({ text: '三万多元', value: 31500, recordType: 'worklist_item' });
    expect(money.ids).toHaveLength(1);

    // The second half: nothing was registered or progressed, so nothing is drafted from the lists.
    const quiet = await draft(leader, H2);
    expect(quiet.sections).toEqual([]);
  });

  it('drafts the other starters’ sentences: a share of tasks, the village ledger’s opening, statistics by name, awards won, results handled, and the plan', async () => {
    const { leader, leaderId } = await bureau();
    const lists = ok(await leader.post('/api/worklists/starters', { keys: ALL_KEYS }), 'create').items as { id: number; key: string }[];
    const listId = (key: string) => lists.find((l) => l.key === key)!.id;
    const item = async (key: string, values: Record<string, unknown>, registeredDate: string, moves: [string, string][] = []) => {
      const created = ok(await leader.post(`/api/worklists/${listId(key)}/items`, { values, registeredDate, responsibleId: leaderId }), `${key} item`);
      for (const [entryDate, toStatus] of moves)
        ok(await leader.post(`/api/worklist-items/${created.id}/progress`, { entryDate, content: '办理情况', toStatus }), 'progress');
    };
    await item('assigned_tasks', { target: '张某户', kind: '征地拆迁' }, '2025-02-10', [['2025-05-10', 'settled']]);
    await item('assigned_tasks', { target: '李某户', kind: '征地拆迁' }, '2025-02-10', [['2025-04-10', 'doing']]);
    await item('assigned_tasks', { target: '某某企业', kind: '项目服务' }, '2025-02-12');
    await item('village_ledger', { household: '王某', difficulty: '缺少种植技术' }, '2025-03-01', [['2025-04-01', 'solved']]);
    await item('village_ledger', { household: '赵某', difficulty: '灌溉缺水' }, '2025-03-02');
    await item('statistics', { task: '科普统计', to: '上级科技部门' }, '2025-02-01', [['2025-03-25', 'sent']]);
    await item('statistics', { task: '高新技术企业统计' }, '2025-03-01', [['2025-04-20', 'sent']]);
    await item('statistics', { task: '研发投入统计' }, '2025-05-01');
    await item('awards', { title: '优质水稻栽培技术集成', applicant: '县农业技术推广中心', level: '市级' }, '2025-02-01', [
      ['2025-03-01', 'applied'],
      ['2025-06-01', 'awarded'],
    ]);
    await item('awards', { title: '山地果园节水灌溉', applicant: '某某农业公司', level: '省级' }, '2025-03-01', [
      ['2025-03-15', 'applied'],
      ['2025-06-05', 'not_awarded'],
    ]);
    await item('achievements', { title: '智能温室控制系统', owner: '某某科技公司', kind: '成果登记' }, '2025-03-01', [['2025-04-01', 'finished']]);
    await item('achievements', { title: '食用菌高效栽培', owner: '某某合作社', kind: '成果登记' }, '2025-04-01');
    await item('achievements', { title: '有机肥生产工艺', owner: '某某公司', kind: '成果评价' }, '2025-05-01');
    // The plan for the second half (named as the summary names it), and one for later that stays out.
    await item('plan', { period: '2025年下半年', title: '抓好科技项目申报', content: '组织企业申报各级科技计划项目。' }, '2025-06-20');
    await item('plan', { period: '2026年', title: '筹备科技活动周', content: '提前谋划。' }, '2025-06-20');

    const doc = await draft(leader, H1);
    expect(doc.warnings).toEqual([]);
    const text = (heading: string) =>
      doc.sections.find((s: { heading: string }) => s.heading.endsWith(heading))?.paragraphs.map((p: { text: string }) => p.text);
    expect(text('狠抓落实，科技管理上水平')).toEqual([
      '一是认真做好科技统计工作，完成了科普统计、高新技术企业统计等报送任务；' +
        '二是积极组织推荐申报科技奖励2项；' +
        '三是获得各级科技奖励1项；' +
        '四是做好科技成果管理工作，办理成果登记2项、成果评价1项；' +
        '五是1项科技成果完成登记或通过鉴定（评价）。',
    ]);
    expect(text('攻坚克难，扎实完成包干任务')).toEqual([
      '我局高度重视包干工作，明确责任领导和包干干部，经常深入一线，耐心细致做好工作，力所能及地帮助解决实际困难。上半年，我局包干的任务3项中已有1项落实到位。',
    ]);
    expect(text('深入基层，真心实意为群众办实事')).toEqual([
      '深入基层走访群众，建立民情台账，登记走访农户2户，切实为群众排忧解难。帮助1户群众解决了生产生活中的实际困难。',
    ]);
    expect(doc.sections.map((s: { heading: string }) => s.heading)).toEqual([
      '一、狠抓落实，科技管理上水平',
      '二、攻坚克难，扎实完成包干任务',
      '三、深入基层，真心实意为群众办实事',
      '四、下半年工作计划',
    ]);
    expect(text('下半年工作计划')).toEqual(['一、抓好科技项目申报。组织企业申报各级科技计划项目。']);
  });
});

describe('default departments', () => {
  it('adds the usual departments with short names, skipping names the bureau has, once', async () => {
    const { admin } = await bureau();
    ok(await admin.post('/api/departments', { name: '林业局', shortName: '林', sortOrder: 50 }), 'own');
    const first = ok(await admin.post('/api/departments/defaults'), 'defaults');
    expect(first).toEqual({ added: DEFAULT_DEPARTMENTS.length - 1 });
    const departments = ok(await admin.get('/api/departments'), 'departments').items as { name: string; shortName: string | null; sortOrder: number }[];
    expect(departments).toHaveLength(DEFAULT_DEPARTMENTS.length);
    // The bureau's own stays as it was, first; the defaults follow it in their order.
    expect(departments[0]).toMatchObject({ name: '林业局', shortName: '林', sortOrder: 50 });
    expect(departments.slice(1, 4).map((d) => [d.name, d.shortName])).toEqual([
      ['农业农村局', '农业农村'],
      ['水利局', '水利'],
      ['自然资源局', '自然资源'],
    ]);
    expect(departments.map((d) => d.name)).toEqual(expect.arrayContaining(['卫生健康委员会', '科学技术协会', '气象局', '人力资源和社会保障局', '妇女联合会']));
    // Generic names: no county, city or province before them (市场监督管理局 is a name, not a place).
    expect(departments.filter((d) => !d.shortName || /县|省|^[^市]+市/.test(d.name))).toEqual([]);
    expect(ok(await admin.post('/api/departments/defaults'), 'again')).toEqual({ added: 0 });
    // Audited as any department made by hand.
    const health = departments.find((d) => d.name === '卫生健康委员会') as unknown as { id: number };
    const audit = ok(await admin.get(`/api/audit?entityType=department&entityId=${health.id}`), 'audit').items;
    expect(audit[0]).toMatchObject({ action: 'create', after: { name: '卫生健康委员会', shortName: '卫健' } });
  });

  it('is for admins only', async () => {
    const { leader, staff } = await bureau();
    expect((await leader.post('/api/departments/defaults')).status).toBe(403);
    expect((await staff.post('/api/departments/defaults')).status).toBe(403);
  });
});
