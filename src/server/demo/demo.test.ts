import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';
import { DEMO_ACCOUNTS, isDemoLoaded, loadDemo } from './demo.js';

let t: TestApp;
let generated: string | null;

beforeAll(async () => {
  t = await createTestApp();
  generated = (await loadDemo(t.database.db, { adminPassword: null, demoPassword: 'demo2014pw' })).generatedAdminPassword;
});
afterAll(() => t.close());

describe('the demo bureau', () => {
  it('is 上犹县科技局 under 赣州市 and 江西省, with the county code', async () => {
    const orgs = await t.database.db.selectFrom('orgs').select(['name', 'level', 'region_code']).orderBy('path').execute();
    expect(orgs).toEqual([
      { name: '江西省科学技术厅', level: 'province', region_code: '360000000000' },
      { name: '赣州市科学技术局', level: 'city', region_code: '360700000000' },
      { name: '上犹县科技局', level: 'county', region_code: '360724000000' },
    ]);
  });

  it('signs in every demo account, the admin with the generated password printed once', async () => {
    expect(generated).toMatch(/^[A-Za-z][A-Za-z0-9]{10}\d$/);
    const admin = await t.login('admin', generated!);
    expect((await admin.get('/api/auth/me')).body.user).toMatchObject({ role: 'admin', org: { name: '上犹县科技局' } });
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== 'admin')) {
      const me = await (await t.login(account.username, 'demo2014pw')).get('/api/auth/me');
      expect(me.body.user.role).toBe(account.role);
    }
  });

  it('has the towns of 上犹县 with their 12-digit codes, 东山镇 and its 元鱼村 among them', async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const all = (await staff.get('/api/places')).body.items as { id: number; parentId: number | null; name: string; code: string; level: string }[];
    const towns = all.filter((p) => p.level === 'town');
    expect(towns.length).toBeGreaterThanOrEqual(14);
    const dongshan = towns.find((p) => p.name === '东山镇')!;
    expect(dongshan.code).toBe('360724100000');
    const yuanyu = all.find((p) => p.name === '元鱼村')!;
    expect(yuanyu).toMatchObject({ parentId: dongshan.id, level: 'village' });
    expect(yuanyu.code).toMatch(/^360724100\d{3}$/);
  });

  it('has the county departments the seed names, and the sections', async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const departments = (await staff.get('/api/departments')).body.items.map((d: { shortName: string }) => d.shortName);
    expect(departments).toEqual(expect.arrayContaining(['林业', '农业', '茶果', '气象', '卫生', '科协', '畜牧']));
    const sections = (await staff.get('/api/sections')).body.items.map((s: { name: string }) => s.name);
    expect(sections).toEqual(expect.arrayContaining(['办公室', '业务股']));
  });

  it('loads only once', async () => {
    expect(await isDemoLoaded(t.database.db)).toBe(true);
    const again = await loadDemo(t.database.db, { adminPassword: null, demoPassword: 'x' });
    expect(again.loaded).toBe(false);
    const orgs = await t.database.db.selectFrom('orgs').select('id').execute();
    expect(orgs).toHaveLength(3);
  });
});

describe('the demo project pipeline (seed section 一)', () => {
  it('has the two applications of 2014 H1, one each of 科技富民强县 and the 部级 innovation fund', async () => {
    const leader = await t.login('juzhang', 'demo2014pw');
    const facts = (await leader.get('/api/projects/facts?from=2014-01-01&to=2014-06-30')).body;
    expect(facts.applied.value).toBe(2);
    expect(facts.appliedByProgram.map((g: { program: string; fact: { value: number } }) => [g.program, g.fact.value]).sort()).toEqual([
      ['科技型中小企业技术创新基金', 1],
      ['科技富民强县专项行动计划', 1],
    ]);
    expect(facts.appliedByLevel).toEqual([{ level: 'ministry', fact: expect.objectContaining({ value: 2 }) }]);
    // The national innovation fund project and the county projects are tracked, with follow-ups in the half-year.
    expect(facts.ongoingAtEnd.value).toBe(3);
    expect(facts.projectsFollowedUp.value).toBe(3);
    expect(facts.followups.value).toBe(4);
    // Visits to enterprises and bases found leads and filled the pool.
    expect(facts.visits.value).toBe(6);
    expect(facts.leadsFound.value).toBeGreaterThanOrEqual(6);
    expect(facts.enteredPool.value).toBeGreaterThanOrEqual(3);
  });

  it("has a few enterprises of each kind in 上犹县's towns, with valid credit codes, marked as demo data", async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const list = (await staff.get('/api/enterprises?pageSize=100')).body.items as {
      kind: string;
      townName: string;
      notes: string;
      creditCode: string | null;
    }[];
    for (const kind of ['科技型中小企业', '民营科技企业', '高新技术企业', '农业示范基地', '合作社']) {
      expect(list.filter((e) => e.kind === kind).length).toBeGreaterThanOrEqual(2);
    }
    expect(list.every((e) => e.townName && e.notes === '演示数据')).toBe(true);
    const { creditCodeProblem } = await import('../../shared/credit-code.js');
    expect(list.filter((e) => e.creditCode).every((e) => creditCodeProblem(e.creditCode!) === null)).toBe(true);
  });
});

describe('the demo outreach (seed section 二)', () => {
  it("has five 送科技下乡 events led by the bureau whose totals are the seed's figures", async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const facts = (await staff.get(`/api/events/facts?from=2014-01-01&to=2014-06-30&type=${encodeURIComponent('送科技下乡')}&role=lead`)).body;
    expect(facts.events.value).toBe(5);
    // 1.5万余份, 80余块, 近1.2万人次
    expect(facts.totals.materials.value).toBeGreaterThan(15000);
    expect(facts.totals.materials.value).toBeLessThan(16000);
    expect(facts.totals.boards.value).toBeGreaterThan(80);
    expect(facts.totals.boards.value).toBeLessThan(90);
    expect(facts.totals.consultations.value).toBeGreaterThan(11500);
    expect(facts.totals.consultations.value).toBeLessThan(12000);
    expect(facts.departments.items.map((d: { shortName: string }) => d.shortName)).toEqual(['林业', '农业', '茶果', '气象', '卫生', '科协', '畜牧']);
    expect(facts.totals.materials.ids).toHaveLength(5);
  });

  it('has the 科技活动周 and the training the bureau sent 7 people to', async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const facts = (await staff.get('/api/events/facts?from=2014-01-01&to=2014-06-30')).body;
    expect(facts.byType.map((g: { type: string }) => g.type)).toEqual(expect.arrayContaining(['送科技下乡', '科技活动周', '培训班']));
    expect(facts.trainingsSentTo.value).toBe(1);
    expect(facts.peopleSent.value).toBe(7);
  });
});

describe('the demo commissioners', () => {
  it("serve 上犹县's towns with service logs through the half-year; tepai is one of them", async () => {
    const leader = await t.login('juzhang', 'demo2014pw');
    const facts = (await leader.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30')).body;
    expect(facts.activeCommissioners.value).toBeGreaterThanOrEqual(5);
    expect(facts.serviceLogs.value).toBeGreaterThanOrEqual(12);
    expect(facts.logsByTown.length).toBeGreaterThanOrEqual(8);
    const months = new Set((await leader.get('/api/service-logs?pageSize=100')).body.items.map((l: { logDate: string }) => l.logDate.slice(0, 7)));
    expect([...months].sort()).toEqual(['2014-01', '2014-02', '2014-03', '2014-04', '2014-05', '2014-06']);
    const me = await (await t.login('tepai', 'demo2014pw')).get('/api/commissioners/me');
    expect(me.body).toMatchObject({ name: '黄永清', username: 'tepai' });
  });
});

describe('the demo work lists (seed sections 三 to 六)', () => {
  async function factsOf(name: string) {
    const leader = await t.login('juzhang', 'demo2014pw');
    const lists = (await leader.get('/api/worklists')).body.items as { id: number; name: string }[];
    const list = lists.find((l) => l.name === name)!;
    return (await leader.get(`/api/worklists/${list.id}/facts?from=2014-01-01&to=2014-06-30`)).body;
  }
  /** A figure over the items handled in the period. */
  const figure = (facts: { figures: { key: string }[] }, key: string) => (facts.figures.find((f) => f.key === key) as any).inPeriod;

  it('are the eight lists, defined with the mechanism', async () => {
    const leader = await t.login('juzhang', 'demo2014pw');
    const names = (await leader.get('/api/worklists')).body.items.map((l: { name: string }) => l.name);
    expect(names).toEqual(['意见建议', '整改台账', '征收包干', '民情台账', '为民实事', '驻村活动', '统计报送', '工作计划']);
  });

  it('have the four assigned households, two settled at the end of June (4户中2户落实到位)', async () => {
    const facts = await factsOf('征收包干');
    expect(facts.itemsAtEnd.value).toBe(4);
    expect(facts.doneAtEnd.value).toBe(2);
  });

  it('have the 延东水渠 repair with more than 30,000 元 from several sources (三万多元)', async () => {
    const deeds = await factsOf('为民实事');
    expect(deeds.figures.find((f: { key: string }) => f.key === 'money').unit).toBe('元');
    const money = figure(deeds, 'money');
    expect(money.fact.value).toBeGreaterThan(30000);
    expect(money.fact.value).toBeLessThan(40000);
  });

  it('have 2 trainings, nearly 200 viewers and 800-odd leaflets in 元鱼村', async () => {
    const facts = await factsOf('驻村活动');
    const byKind = figure(facts, 'by_kind').groups.find((g: { key: string }) => g.key === '科技培训');
    expect(byKind.fact.value).toBe(2);
    const viewers = figure(facts, 'film_viewers').fact.value;
    expect(viewers).toBeGreaterThan(180);
    expect(viewers).toBeLessThan(200);
    const materials = figure(facts, 'materials').fact.value;
    expect(materials).toBeGreaterThan(800);
    expect(materials).toBeLessThan(900);
  });

  it('have opinions from the four sources, rectification items by 四风 category, the statistics tasks done, and the three plan items', async () => {
    const opinions = await factsOf('意见建议');
    expect(figure(opinions, 'by_source').groups.map((g: { key: string; fact: { value: number } }) => g.fact.value > 0)).toEqual([true, true, true, true]);
    const rectification = await factsOf('整改台账');
    expect(rectification.itemsAtEnd.value).toBe(5);
    expect(rectification.doneAtEnd.value).toBeGreaterThanOrEqual(3);
    const stats = await factsOf('统计报送');
    expect(stats.doneAtEnd.value).toBe(3);
    const leader = await t.login('juzhang', 'demo2014pw');
    const plans = (await leader.get('/api/worklists')).body.items.find((l: { name: string }) => l.name === '工作计划');
    const items = (await leader.get(`/api/worklists/${plans.id}/items?${encodeURI('f.period=2014年下半年')}&sort=registeredDate&order=asc`)).body.items;
    expect(items.map((i: { title: string }) => i.title)).toEqual([
      '扎实开展党的群众路线教育实践活动',
      '全力做好科技为经济社会发展服务工作',
      '努力做好征地拆迁工作',
    ]);
  });
});
