import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow, SectionRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;
let county: OrgRow;
let other: OrgRow;
let business: SectionRow;
let staff: TestClient;
let enterpriseId: number;
let managerId: number;

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.factories.org({ name: '赣州市科技局', level: 'city' });
  county = await t.factories.org({ name: '上犹县科技局', parent: city });
  other = await t.factories.org({ name: '崇义县科技局', parent: city });
  business = await t.factories.section(county, '业务股');
  const office = await t.factories.section(county, '办公室');
  managerId = (await t.factories.user({ org: county, role: 'staff', section: business, username: 'yewu', displayName: '王丽' })).id;
  await t.factories.user({ org: county, role: 'staff', section: office, username: 'bangong' });
  await t.factories.user({ org: county, role: 'leader', username: 'juzhang' });
  await t.factories.user({ org: county, role: 'commissioner', username: 'tepai' });
  await t.factories.user({ org: city, role: 'leader', username: 'city_leader' });
  await t.factories.user({ org: other, role: 'staff', username: 'cy' });
  enterpriseId = (await t.factories.enterprise(county, { name: '上犹县绿源农业合作社' })).id;
  staff = await t.login('yewu');
});
afterAll(() => t.close());

const newLead = (title: string, extra: Record<string, unknown> = {}) =>
  staff.post('/api/projects', { title, enterpriseId, field: 'agriculture', managerId, stage: 'lead', stageDates: { lead: '2014-01-08' }, ...extra });

describe('projects', () => {
  it("start as a lead with its date, in the staff member's section, with a history entry", async () => {
    const res = await newLead('高山茶标准化种植示范', { program: '星火计划', level: 'province', amountApplied: 30.5 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: '高山茶标准化种植示范',
      stage: 'lead',
      stageDates: { lead: '2014-01-08' },
      enterpriseName: '上犹县绿源农业合作社',
      managerName: '王丽',
      amountApplied: 30.5,
      sectionId: business.id,
      level: 'province',
    });
    expect(res.body.history).toEqual([expect.objectContaining({ fromStage: null, toStage: 'lead', eventDate: '2014-01-08' })]);
  });

  it('keep 万元 amounts exact to the 元', async () => {
    const res = await newLead('金额精度', { amountApplied: 12.3456, amountApproved: 0.0001 });
    expect(res.body.amountApplied).toBe(12.3456);
    expect(res.body.amountApproved).toBe(0.0001);
    const bad = await newLead('金额过细', { amountApplied: 1.23456 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({ path: 'amountApplied', message: '金额最多保留4位小数(万元)' });
    const negative = await newLead('负数', { amountApplied: -1 });
    expect(negative.body.error.details[0].message).toBe('金额不能为负数');
  });

  it('move along the pipeline one step at a time, each move recorded with date, who and remark', async () => {
    const p = (await newLead('富硒大米深加工')).body;
    const pool = await staff.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-20', remark: '调研后入库培育' });
    expect(pool.status).toBe(200);
    expect(pool.body.stage).toBe('pool');
    const applied = await staff.post(`/api/projects/${p.id}/stage`, { to: 'applied', date: '2014-03-15' });
    const approved = await staff.post(`/api/projects/${p.id}/stage`, { to: 'approved', date: '2014-06-18' });
    expect(applied.body.stage).toBe('applied');
    expect(approved.body.stageDates).toEqual({ lead: '2014-01-08', pool: '2014-02-20', applied: '2014-03-15', approved: '2014-06-18' });
    expect(approved.body.history.map((h: { toStage: string }) => h.toStage)).toEqual(['lead', 'pool', 'applied', 'approved']);
    expect(approved.body.history[1]).toMatchObject({ fromStage: 'lead', userDisplayName: '王丽', remark: '调研后入库培育' });
  });

  it('refuse a jump over undated stages with 409 and a Chinese message, changing nothing', async () => {
    const p = (await newLead('跳级项目')).body;
    const res = await staff.post(`/api/projects/${p.id}/stage`, { to: 'accepted', date: '2014-06-30' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('须依次经过储备、申报、立项、实施');
    const after = await staff.get(`/api/projects/${p.id}`);
    expect(after.body.stage).toBe('lead');
    expect(after.body.history).toHaveLength(1);
  });

  it('take several steps at once when each stage passed is dated', async () => {
    const p = (await newLead('一次到位')).body;
    const res = await staff.post(`/api/projects/${p.id}/stage`, {
      to: 'approved',
      date: '2014-05-01',
      stageDates: { pool: '2014-02-01', applied: '2014-03-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body.history.map((h: { toStage: string }) => h.toStage)).toEqual(['lead', 'pool', 'applied', 'approved']);
  });

  it('refuse a move the pipeline does not allow, naming the allowed ones', async () => {
    const p = (await newLead('不可驳回')).body;
    const res = await staff.post(`/api/projects/${p.id}/stage`, { to: 'rejected', date: '2014-03-01' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('项目当前处于"线索"阶段,不能改为"未获批";可以改为:储备、申报、立项、实施、验收、终止');
  });

  it('undo the last move', async () => {
    const p = (await newLead('撤销测试')).body;
    await staff.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-01' });
    const undone = await staff.post(`/api/projects/${p.id}/stage/undo`, {});
    expect(undone.status).toBe(200);
    expect(undone.body.stage).toBe('lead');
    expect(undone.body.stageDates).toEqual({ lead: '2014-01-08' });
    expect((await staff.post(`/api/projects/${p.id}/stage/undo`, {})).status).toBe(409);
  });

  it('are created at a later stage with that stage dated', async () => {
    const res = await staff.post('/api/projects', {
      title: '国家创新基金跟踪项目',
      enterpriseId,
      field: 'industry',
      program: '科技型中小企业技术创新基金',
      level: 'national',
      stage: 'ongoing',
      stageDates: { approved: '2013-09-01', ongoing: '2013-10-01' },
      amountApproved: 70,
    });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('ongoing');
    const undated = await staff.post('/api/projects', { title: 'x', field: 'industry', stage: 'applied', stageDates: {} });
    expect(undated.status).toBe(400);
    expect(undated.body.error.details[0].path).toBe('stageDates.applied');
  });

  it('refuse an unknown program and a responsible person of another bureau', async () => {
    const badProgram = await newLead('x', { program: '不存在的计划' });
    expect(badProgram.status).toBe(400);
    expect(badProgram.body.error.details[0].path).toBe('program');
    const foreignUser = await t.database.db.selectFrom('users').select('id').where('username', '=', 'cy').executeTakeFirstOrThrow();
    const badManager = await newLead('x', { managerId: foreignUser.id });
    expect(badManager.body.error.details[0].path).toBe('managerId');
  });

  it('list with filters and a stage summary that follows the same filters', async () => {
    // A bureau of its own, so the counts are of this test's projects only.
    const f = t.factories;
    const ownCounty = await f.org({ name: '上犹县科技局' });
    const section = await f.section(ownCounty, '业务股');
    const staff = await t.login((await f.user({ org: ownCounty, section })).username);
    const ownEnterprise = (await f.enterprise(ownCounty, { name: '上犹县绿源农业合作社' })).id;
    const add = async (title: string, extra: Record<string, unknown>) => {
      const res = await staff.post('/api/projects', {
        title,
        enterpriseId: ownEnterprise,
        field: 'agriculture',
        stage: 'lead',
        stageDates: { lead: '2014-01-08' },
        ...extra,
      });
      expect(res.status, res.text).toBe(200);
    };
    await add('高山茶标准化种植示范', { level: 'province' });
    await add('撤销测试', {});
    await add('富硒大米深加工', { stage: 'approved', stageDates: { lead: '2014-01-08', pool: '2014-02-20', applied: '2014-03-15', approved: '2014-06-18' } });
    await add('一次到位', { stage: 'approved', stageDates: { lead: '2014-01-08', pool: '2014-02-01', applied: '2014-03-01', approved: '2014-05-01' } });
    await add('国家创新基金跟踪项目', {
      field: 'industry',
      program: '科技型中小企业技术创新基金',
      level: 'national',
      stage: 'ongoing',
      stageDates: { approved: '2013-09-01', ongoing: '2013-10-01' },
      amountApproved: 70,
    });
    const summary = await staff.get('/api/projects/stage-summary');
    expect(summary.status).toBe(200);
    const list = await staff.get('/api/projects?pageSize=100');
    expect(summary.body.total).toBe(list.body.total);
    expect(summary.body.counts.approved).toBe(2);
    expect(summary.body.counts.ongoing).toBe(1);
    const approved = await staff.get('/api/projects?stage=approved&sort=title&order=asc');
    expect(approved.body.items.map((p: { title: string }) => p.title)).toEqual(['一次到位', '富硒大米深加工']);
    const twoStages = await staff.get('/api/projects?stage=approved&stage=ongoing');
    expect(twoStages.body.total).toBe(3);
    const appliedInMarch = await staff.get('/api/projects?dateField=applied&from=2014-03-01&to=2014-03-31');
    expect(appliedInMarch.body.total).toBe(2);
    const byText = await staff.get(`/api/projects?q=${encodeURIComponent('绿源')}`);
    expect(byText.body.total).toBe(list.body.total);
    const national = await staff.get('/api/projects/stage-summary?level=national');
    expect(national.body).toMatchObject({ total: 1, counts: { ongoing: 1, lead: 0 } });
    const page2 = await staff.get('/api/projects?pageSize=2&page=2&sort=title&order=asc');
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.page).toBe(2);
  });

  it("are created, read and updated with no applicant and no source visit (the form's default)", async () => {
    const created = await staff.post('/api/projects', { title: '无申报单位的线索', field: 'social', stage: 'lead', stageDates: { lead: '2014-01-08' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ enterpriseId: null, sourceVisitId: null, visits: [] });
    expect((await staff.get(`/api/projects/${created.body.id}`)).status).toBe(200);
    const updated = await staff.request(
      'PATCH',
      `/api/projects/${created.body.id}`,
      { title: '无申报单位的线索(改)' },
      { 'if-match': `"${created.body.version}"` },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.title).toBe('无申报单位的线索(改)');
  });

  it('are updated by PATCH without touching the stage', async () => {
    const p = (await newLead('改名前')).body;
    const res = await staff.patch(`/api/projects/${p.id}`, { title: '改名后', amountApproved: 20 }, ANY_VERSION);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '改名后', amountApproved: 20, stage: 'lead', amountApplied: null });
  });
});

describe('project access', () => {
  it('lets staff of another section read but not change or move a project (403)', async () => {
    const p = (await newLead('业务股的项目')).body;
    const office = await t.login('bangong');
    expect((await office.get(`/api/projects/${p.id}`)).status).toBe(200);
    const patch = await office.patch(`/api/projects/${p.id}`, { title: '偷改' }, ANY_VERSION);
    expect(patch.status).toBe(403);
    expect(patch.body.error.message).toBe('只能修改本股室的记录');
    expect((await office.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-01' })).status).toBe(403);
    expect((await office.delete(`/api/projects/${p.id}`)).status).toBe(403);
    expect((await office.post(`/api/projects/${p.id}/followups`, { followupDate: '2014-03-01', staffId: managerId, kind: 'phone' })).status).toBe(403);
    expect((await staff.get(`/api/projects/${p.id}`)).body.title).toBe('业务股的项目');
    const leader = await t.login('juzhang');
    expect((await leader.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-01' })).status).toBe(200);
  });

  it('keeps bureaus apart (404 on every endpoint), lets the city leader read, and closes it to commissioners', async () => {
    const p = (await newLead('上犹的项目')).body;
    const foreign = await t.login('cy');
    for (const res of [
      await foreign.get(`/api/projects/${p.id}`),
      await foreign.patch(`/api/projects/${p.id}`, { title: 'x' }, ANY_VERSION),
      await foreign.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-01' }),
      await foreign.post(`/api/projects/${p.id}/stage/undo`, {}),
      await foreign.delete(`/api/projects/${p.id}`),
      await foreign.post(`/api/projects/${p.id}/followups`, { followupDate: '2014-03-01', staffId: managerId, kind: 'phone' }),
      await foreign.get(`/api/followups?projectId=${p.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('上犹的项目');
    }
    expect((await foreign.get('/api/projects')).body.total).toBe(0);
    expect((await foreign.get('/api/projects/stage-summary')).body.total).toBe(0);
    const cityLeader = await t.login('city_leader');
    expect((await cityLeader.get(`/api/projects/${p.id}`)).status).toBe(200);
    // The city reads the county's records for roll-ups, but does not change them.
    expect((await cityLeader.patch(`/api/projects/${p.id}`, { title: '市里改' }, ANY_VERSION)).status).toBe(403);
    const commissioner = await t.login('tepai');
    expect((await commissioner.get('/api/projects')).status).toBe(403);
    expect((await commissioner.post('/api/projects', { title: 'x', field: 'industry', stageDates: { lead: '2014-01-01' } })).status).toBe(403);
  });

  it('deletes a project with its history, audited', async () => {
    const p = (await newLead('待删项目')).body;
    expect((await staff.delete(`/api/projects/${p.id}`)).status).toBe(200);
    expect((await staff.get(`/api/projects/${p.id}`)).status).toBe(404);
    const events = await t.database.db.selectFrom('project_stage_events').select('id').where('project_id', '=', p.id).execute();
    expect(events).toEqual([]);
    const audit = await (await t.login('juzhang')).get(`/api/audit?entityType=project&entityId=${p.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['delete', 'create']);
  });
});

describe('follow-up service', () => {
  it('is logged on a project, listed, edited and deleted', async () => {
    const p = (await newLead('跟踪对象')).body;
    const res = await staff.post(`/api/projects/${p.id}/followups`, {
      followupDate: '2014-04-10',
      staffId: managerId,
      kind: 'visit',
      found: '设备调试滞后',
      solved: '协调供应商到场',
      openProblems: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ projectTitle: '跟踪对象', staffName: '王丽', kind: 'visit' });
    const detail = await staff.get(`/api/projects/${p.id}`);
    expect(detail.body).toMatchObject({ followupCount: 1, lastFollowupDate: '2014-04-10' });
    const edited = await staff.request(
      'PUT',
      `/api/followups/${res.body.id}`,
      {
        followupDate: '2014-04-11',
        staffId: managerId,
        kind: 'phone',
        found: '已调试',
        solved: null,
        openProblems: '资金未到位',
      },
      ANY_VERSION,
    );
    expect(edited.body).toMatchObject({ followupDate: '2014-04-11', kind: 'phone', openProblems: '资金未到位' });
    const list = await staff.get(`/api/followups?projectId=${p.id}`);
    expect(list.body.total).toBe(1);
    const bad = await staff.post(`/api/projects/${p.id}/followups`, { followupDate: '2014-04-31', staffId: managerId, kind: 'fax' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['followupDate', 'kind']));
    expect((await staff.delete(`/api/followups/${res.body.id}`)).status).toBe(200);
    expect((await staff.get(`/api/followups?projectId=${p.id}`)).body.total).toBe(0);
  });
});
