import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let staff: TestClient;
let leader: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database.db, { adminPassword: 'Admin2014x', demoPassword: 'demo2014pw' });
  staff = await t.login('yewu', 'demo2014pw');
  leader = await t.login('juzhang', 'demo2014pw');
});
afterAll(() => t.close());

/** A fresh draft of the first half of 2014 (version 1), so each test counts versions of its own report. */
async function newReport(): Promise<number> {
  const res = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' });
  if (res.status !== 200) throw new Error(res.text);
  return res.body.id;
}

describe('editing and versions', () => {
  it('saves each edit as a version with who and when, and refuses a save based on an old version', async () => {
    const reportId = await newReport();
    const report = (await staff.get(`/api/reports/${reportId}`)).body;
    expect(report.latestVersion).toBe(1);
    const doc = structuredClone(report.latest.doc);
    doc.sections[3].paragraphs[0].text = doc.sections[3].paragraphs[0].text.replace('我局高度重视', '我局始终高度重视');
    const saved = await staff.post(`/api/reports/${reportId}/versions`, { doc, note: '润色', baseVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ versionNo: 2, note: '润色', createdByName: '王丽(业务股)' });
    const stale = await leader.post(`/api/reports/${reportId}/versions`, { doc, note: '旧稿', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('第2版');
    const versions = (await staff.get(`/api/reports/${reportId}/versions`)).body.items;
    expect(versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
  });

  it('restores an earlier version as the newest', async () => {
    const reportId = await newReport();
    const doc = structuredClone((await staff.get(`/api/reports/${reportId}`)).body.latest.doc);
    doc.sections[3].paragraphs[0].text = doc.sections[3].paragraphs[0].text.replace('我局高度重视', '我局始终高度重视');
    expect((await staff.post(`/api/reports/${reportId}/versions`, { doc, note: '润色', baseVersion: 1 })).status).toBe(200);
    const restored = await staff.post(`/api/reports/${reportId}/versions/1/restore`, {});
    expect(restored.body.versionNo).toBe(3);
    expect(restored.body.note).toBe('恢复第1版');
    const v1 = (await staff.get(`/api/reports/${reportId}/versions/1`)).body.doc;
    expect(restored.body.doc).toEqual(v1);
  });
});

describe('redrafting after the ledgers changed', () => {
  it('marks the changed figures stale, shows them, and keeps hand-edited paragraphs', async () => {
    const reportId = await newReport();
    // Edit the expropriation paragraph by hand and save it.
    const latest = (await staff.get(`/api/reports/${reportId}`)).body.latest;
    const doc = structuredClone(latest.doc);
    const handText = '截止到目前,我局所包干的4户中已有2户落实到位,其余2户正在做工作。';
    doc.sections[3].paragraphs[0].text = handText;
    const handEdited = await staff.post(`/api/reports/${reportId}/versions`, { doc, note: '人工修改', baseVersion: latest.versionNo });
    expect(handEdited.status).toBe(200);
    const handVersion: number = handEdited.body.versionNo;

    // A sixth 送科技下乡 event in June changes the outreach figures.
    const type = '送科技下乡';
    const created = await staff.post('/api/events', {
      type,
      theme: '科技下乡,为民服务',
      startDate: '2014-06-26',
      role: 'lead',
      materials: 900,
      boards: 10,
      consultations: 400,
    });
    expect(created.status).toBe(200);
    const stale = (await staff.get(`/api/reports/${reportId}/versions/${handVersion}/stale`)).body.items;
    expect(stale.map((s: { factKey: string }) => s.factKey)).toEqual(expect.arrayContaining(['outreach.count', 'outreach.materials']));
    expect(stale.find((s: { factKey: string }) => s.factKey === 'outreach.count')).toMatchObject({ text: '5次', now: '6次' });

    const redraft = await staff.post(`/api/reports/${reportId}/redraft`, {});
    expect(redraft.status).toBe(200);
    expect(redraft.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ factKey: 'outreach.count', before: '5次', after: '6次', applied: true }),
        expect.objectContaining({ factKey: 'outreach.materials', before: '1.5万余份', after: '1.6万余份' }),
      ]),
    );
    // The paragraph is one sentence: kept as the person wrote it, the fresh draft's text beside it.
    expect(redraft.body.keptParagraphs).toEqual([]);
    expect(redraft.body.keptSentences).toEqual([expect.objectContaining({ paragraphKey: 'expropriation.1', index: 0, text: handText })]);
    expect(redraft.body.changes.every((c: { sectionKey: string; applied: boolean }) => c.applied === (c.sectionKey !== 'expropriation'))).toBe(true);
    expect(redraft.body.doc.sections[3].paragraphs[0].text).toBe(handText);
    expect(redraft.body.doc.sections[1].paragraphs[0].text).toContain('共6次');
    // Nothing was saved by the redraft itself.
    expect((await staff.get(`/api/reports/${reportId}`)).body.latestVersion).toBe(handVersion);
  });
});

describe('templates', () => {
  it('list the facts a slot may name, grouped by ledger, with labels, units and their values for a period', async () => {
    // Up to 25 June: the sixth 送科技下乡 event another test adds is dated the 26th.
    const res = await leader.get('/api/report-templates/facts?from=2014-01-01&to=2014-06-25');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ from: '2014-01-01', to: '2014-06-25' });
    expect(res.body.ledgers.map((l: { label: string }) => l.label)).toEqual(['单位', '期间', '科技项目', '科技活动', '送科技下乡', '科技特派员', '工作台账']);
    const find = (key: string) => res.body.items.find((f: { key: string }) => f.key === key);
    expect(find('outreach.materials')).toMatchObject({
      ledger: 'outreach',
      label: '发放资料',
      kind: 'number',
      unit: '份',
      style: 'quantity',
      recordType: 'event',
      atEnd: false,
      value: { number: 15230, text: '1.5万余份', records: 5 },
    });
    expect(find('org.leadership')).toMatchObject({ kind: 'text', value: { text: '县委、县政府' } });
    const lists = res.body.ledgers.find((l: { ledger: string }) => l.ledger === 'lists').items;
    expect(lists.find((f: { key: string }) => f.key === 'list.expropriation.done')).toMatchObject({
      label: '征收包干:期内完成',
      value: { number: 2, text: '2项' },
    });
    expect(lists.find((f: { key: string }) => f.key === 'list.expropriation.itemsAtEnd')).toMatchObject({ atEnd: true, value: { number: 4 } });
    expect(lists.find((f: { key: string }) => f.key === 'list.village_activities.field.film').value.text).toBe(
      '《2014年上半年上犹县党政领导班子履行党风廉政建设职责巡礼》',
    );
    const bare = (await leader.get('/api/report-templates/facts')).body;
    expect(bare.period).toBeNull();
    expect(bare.items.every((f: { value: unknown }) => f.value === null)).toBe(true);
    expect(bare.items.map((f: { key: string }) => f.key)).toEqual(res.body.items.map((f: { key: string }) => f.key));
  });

  it('come with the default template, and refuse a slot that names no fact before saving', async () => {
    const templates = (await leader.get('/api/report-templates')).body.items;
    expect(templates).toHaveLength(1);
    const def = structuredClone(templates[0].definition);
    def.name = '季度简报';
    def.sections[0].sentences = ['组织申报{program}项目{count}', '本季度申报{projects.applied}'];
    const check = (await leader.post('/api/report-templates/check', def)).body;
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { path: 'sections.0.sentences.0', slot: '{program}', message: '“program”不是可用的统计数据' },
      { path: 'sections.0.sentences.0', slot: '{count}', message: '“count”不是可用的统计数据' },
    ]);
    const refused = await leader.post('/api/report-templates', def);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toEqual({ path: 'sections.0.sentences.0', message: '{program}:“program”不是可用的统计数据' });
    def.sections[0].sentences = ['本季度申报{projects.applied}'];
    def.sections = [def.sections[1], def.sections[0]];
    def.sections[1].heading = '项目管理';
    expect((await leader.post('/api/report-templates/check', def)).body).toEqual({ ok: true, problems: [] });
    const created = await leader.post('/api/report-templates', def);
    expect(created.status).toBe(200);
    expect((await staff.post('/api/report-templates', { ...def, name: '员工模板' })).status).toBe(403);

    const q2 = await staff.post('/api/reports', { from: '2014-04-01', to: '2014-06-30', templateId: created.body.id });
    const doc = q2.body.latest.doc;
    expect(q2.body.periodLabel).toBe('2014年第二季度');
    expect(doc.sections.map((s: { heading: string }) => s.heading)).toEqual(['一、强化科技宣传，科技活动丰富多彩', '二、项目管理']);
    expect(doc.sections[1].paragraphs[0].text).toBe('本季度申报1项。');
  });

  it('leave out sections with nothing to report in the period', async () => {
    const res = await staff.post('/api/reports', { from: '2010-01-01', to: '2010-06-30' });
    expect(res.body.latest.doc.sections).toEqual([]);
    expect(res.body.title).toBe('上犹县科技局2010年上半年工作总结');
  });
});

describe('comparison with a year earlier (同比)', () => {
  it('puts the same figure of the previous year beside each figure where data exists', async () => {
    const res = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-12-31' });
    const figures = res.body.latest.doc.sections.flatMap((s: { paragraphs: { figures: unknown[] }[] }) => s.paragraphs.flatMap((p) => p.figures));
    const followedUp = figures.find((f: { factKey: string }) => f.factKey === 'commissioners.active');
    expect(followedUp.previous).toMatchObject({ value: 6 });
    const outreach = figures.find((f: { factKey: string }) => f.factKey === 'outreach.count');
    expect(outreach.previous).toBeNull();
  });
});

describe('report access', () => {
  it('is closed to commissioners and to other bureaus', async () => {
    const reportId = await newReport();
    const cityLeader = await t.login('ganzhou', 'demo2014pw');
    const read = await cityLeader.get(`/api/reports/${reportId}`);
    expect(read.status).toBe(200);
    expect(read.body.policies.update).toBe(false);
    expect((await staff.get(`/api/reports/${reportId}`)).body.policies.update).toBe(true);
    const commissioner = await t.login('tepai', 'demo2014pw');
    expect((await commissioner.get('/api/reports')).status).toBe(403);
    const other = await t.factories.org({ name: '崇义县科技局' });
    await t.factories.user({ org: other, role: 'leader', username: 'cy_leader' });
    const foreign = await t.login('cy_leader');
    for (const res of [
      await foreign.get(`/api/reports/${reportId}`),
      await foreign.get(`/api/reports/${reportId}/versions`),
      await foreign.post(`/api/reports/${reportId}/redraft`, {}),
      await foreign.get(`/api/reports/${reportId}/export?format=md`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await foreign.get('/api/reports')).body.items).toEqual([]);
    const events = await foreign.get('/api/reports/trace?recordType=event&ids=1,2,3');
    expect(events.body.items).toEqual([]);
  });
});
