import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A county bureau of its own: 王丽 and 李强 of 业务股, someone of 办公室, two enterprises, and another bureau's staff member. */
async function bureau() {
  const f = t.factories;
  const county = await f.org({ name: '上犹县科技局' });
  const other = await f.org({ name: '崇义县科技局' });
  const business = await f.section(county, '业务股');
  const office = await f.section(county, '办公室');
  const wangUser = await f.user({ org: county, section: business, displayName: '王丽' });
  const li = (await f.user({ org: county, section: business, displayName: '李强' })).id;
  const officeUser = await f.user({ org: county, section: office });
  const foreignUser = await f.user({ org: other });
  const coop = (await f.enterprise(county, { name: '营前镇高山茶合作社' })).id;
  const base = (await f.enterprise(county, { name: '东山镇脐橙示范基地' })).id;
  return {
    staff: await t.login(wangUser.username),
    office: () => t.login(officeUser.username),
    foreign: () => t.login(foreignUser.username),
    foreignUserId: foreignUser.id,
    wang: wangUser.id,
    li,
    coop,
    base,
  };
}

describe('research visits', () => {
  it('record who went where, and list the project leads they produced', async () => {
    const { staff, wang, li, coop, base } = await bureau();
    const res = await staff.post('/api/visits', {
      visitDate: '2014-03-12',
      staffIds: [wang, li, wang],
      enterpriseIds: [coop, base],
      purpose: '了解茶叶、脐橙产业技术需求',
      findings: '茶叶加工设备落后',
    });
    expect(res.status).toBe(200);
    expect(res.body.staff.map((s: { displayName: string }) => s.displayName)).toEqual(['王丽', '李强']);
    expect(res.body.enterprises.map((e: { name: string }) => e.name)).toEqual(['营前镇高山茶合作社', '东山镇脐橙示范基地']);
    const lead = await staff.post('/api/projects', {
      title: '高山茶清洁化加工技术示范',
      enterpriseId: coop,
      field: 'agriculture',
      sourceVisitId: res.body.id,
      stageDates: { lead: '2014-03-12' },
    });
    expect(lead.status).toBe(200);
    const visit = await staff.get(`/api/visits/${res.body.id}`);
    expect(visit.body.leads).toEqual([{ id: lead.body.id, title: '高山茶清洁化加工技术示范', stage: 'lead' }]);
    const project = await staff.get(`/api/projects/${lead.body.id}`);
    expect(project.body.visits.map((v: { id: number }) => v.id)).toEqual([res.body.id]);
    const enterprise = await staff.get(`/api/enterprises/${coop}`);
    expect(enterprise.body.visits).toHaveLength(1);
    expect(enterprise.body.visitCount).toBe(1);
  });

  it('need a date, people, a place and a purpose', async () => {
    const { staff } = await bureau();
    const res = await staff.post('/api/visits', { visitDate: '2014-02-30', staffIds: [], enterpriseIds: [], purpose: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['enterpriseIds', 'purpose', 'staffIds', 'visitDate']);
  });

  it("refuse another bureau's people or enterprises", async () => {
    const { staff, coop, foreignUserId } = await bureau();
    const res = await staff.post('/api/visits', { visitDate: '2014-03-01', staffIds: [foreignUserId], enterpriseIds: [coop], purpose: '调研' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('staffIds');
  });

  it('are listed by date, person, enterprise and text', async () => {
    const { staff, wang, li, coop, base } = await bureau();
    await staff.post('/api/visits', { visitDate: '2014-03-12', staffIds: [wang, li], enterpriseIds: [coop, base], purpose: '了解茶叶、脐橙产业技术需求' });
    await staff.post('/api/visits', { visitDate: '2014-05-20', staffIds: [li], enterpriseIds: [base], purpose: '脐橙黄龙病防控' });
    expect((await staff.get('/api/visits')).body.items.map((v: { visitDate: string }) => v.visitDate)).toEqual(['2014-05-20', '2014-03-12']);
    expect((await staff.get(`/api/visits?staffId=${wang}`)).body.total).toBe(1);
    expect((await staff.get(`/api/visits?enterpriseId=${base}`)).body.total).toBe(2);
    expect((await staff.get('/api/visits?from=2014-04-01&to=2014-06-30')).body.total).toBe(1);
    expect((await staff.get(`/api/visits?q=${encodeURIComponent('高山茶')}`)).body.total).toBe(1);
  });

  it('are edited and deleted by their section, not by another section or bureau', async () => {
    const b = await bureau();
    const { staff, wang, li, coop, base } = b;
    const v = (await staff.post('/api/visits', { visitDate: '2014-06-01', staffIds: [wang], enterpriseIds: [coop], purpose: '回访' })).body;
    const office = await b.office();
    expect(
      (await office.request('PUT', `/api/visits/${v.id}`, { visitDate: '2014-06-01', staffIds: [wang], enterpriseIds: [coop], purpose: '改' }, ANY_VERSION))
        .status,
    ).toBe(403);
    const foreign = await b.foreign();
    expect((await foreign.get(`/api/visits/${v.id}`)).status).toBe(404);
    expect((await foreign.delete(`/api/visits/${v.id}`)).status).toBe(404);
    const edited = await staff.request(
      'PUT',
      `/api/visits/${v.id}`,
      { visitDate: '2014-06-02', staffIds: [li], enterpriseIds: [base], purpose: '回访脐橙基地' },
      ANY_VERSION,
    );
    expect(edited.body).toMatchObject({ visitDate: '2014-06-02', purpose: '回访脐橙基地', staff: [{ id: li, displayName: '李强' }] });
    expect((await staff.delete(`/api/visits/${v.id}`)).status).toBe(200);
    expect((await staff.get(`/api/visits/${v.id}`)).status).toBe(404);
  });
});
