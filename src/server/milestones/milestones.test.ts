import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow, SectionRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let county: OrgRow;
let other: OrgRow;
let sectionA: SectionRow;
let sectionB: SectionRow;
let staff: TestClient;
let staffB: TestClient;
let admin: TestClient;
let foreign: TestClient;
let commissioner: TestClient;
let n = 0;

/** A project of `client`'s bureau under way since `since`. */
async function project(client: TestClient, body: Record<string, unknown> = {}, since = '2023-01-10'): Promise<number> {
  const res = await client.post('/api/projects', { title: `节点项目${++n}`, field: 'industry', stage: 'approved', stageDates: { approved: since }, ...body });
  if (res.status !== 200) throw new Error(res.text);
  return res.body.id;
}

beforeAll(async () => {
  t = await createTestApp();
  county = await t.factories.org({ name: '节点测试县科技局' });
  other = await t.factories.org({ name: '另一县科技局' });
  sectionA = await t.factories.section(county, '业务股');
  sectionB = await t.factories.section(county, '办公室');
  await t.factories.user({ org: county, username: 'ms_staff', section: sectionA });
  await t.factories.user({ org: county, username: 'ms_staff_b', section: sectionB });
  await t.factories.user({ org: county, username: 'ms_admin', role: 'admin' });
  await t.factories.user({ org: county, username: 'ms_tepai', role: 'commissioner' });
  await t.factories.user({ org: other, username: 'ms_foreign' });
  staff = await t.login('ms_staff');
  staffB = await t.login('ms_staff_b');
  admin = await t.login('ms_admin');
  commissioner = await t.login('ms_tepai');
  foreign = await t.login('ms_foreign');
});
afterAll(() => t.close());

describe('project milestones', () => {
  it('are recorded, listed latest first with their kind label, and deleted', async () => {
    const id = await project(staff);
    const first = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-15', remark: '专家组现场检查' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      projectId: id,
      kind: '中期检查',
      kindLabel: '中期检查',
      milestoneDate: '2023-06-15',
      remark: '专家组现场检查',
      version: 1,
      policies: { delete: true },
    });
    expect(first.headers.etag).toBe('"1"');
    const second = await staff.post(`/api/projects/${id}/milestones`, { kind: '绩效评价', milestoneDate: '2023-11-20' });
    expect(second.body.remark).toBeNull();

    const list = await staff.get(`/api/projects/${id}/milestones`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { id: number }) => m.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.policies).toEqual({ create: true });
    expect((await staff.get(`/api/milestones/${first.body.id}`)).body.kind).toBe('中期检查');

    expect((await staff.delete(`/api/milestones/${first.body.id}`)).status).toBe(200);
    expect((await staff.get(`/api/projects/${id}/milestones`)).body.items.map((m: { id: number }) => m.id)).toEqual([second.body.id]);
    expect((await staff.get(`/api/milestones/${first.body.id}`)).status).toBe(404);
  });

  it('take their kind from the bureau’s dictionary, which the bureau extends', async () => {
    const id = await project(staff);
    const unknown = await staff.post(`/api/projects/${id}/milestones`, { kind: '专家论证', milestoneDate: '2023-05-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('kind');

    const added = await admin.post('/api/dictionaries/milestone_kind/items', { value: '专家论证', label: '专家论证会' });
    expect(added.status).toBe(200);
    const now = await staff.post(`/api/projects/${id}/milestones`, { kind: '专家论证', milestoneDate: '2023-05-01' });
    expect(now.status).toBe(200);
    expect(now.body.kindLabel).toBe('专家论证会');
  });

  it('are dated neither after today nor before the project was registered', async () => {
    const id = await project(staff, {}, '2023-03-01');
    const future = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe('milestoneDate');
    const early = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-02-28' });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('2023-03-01');
  });

  it('make one record per Idempotency-Key', async () => {
    const id = await project(staff);
    const headers = { 'idempotency-key': `ms-${id}` };
    const body = { kind: '验收检查', milestoneDate: '2023-09-09' };
    const a = await staff.request('POST', `/api/projects/${id}/milestones`, body, headers);
    const b = await staff.request('POST', `/api/projects/${id}/milestones`, body, headers);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect((await staff.get(`/api/projects/${id}/milestones`)).body.items).toHaveLength(1);
  });

  it('refuse a delete based on an outdated version with 409, and take If-Match: *', async () => {
    const id = await project(staff);
    const m = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-01' });
    const stale = await staff.request('DELETE', `/api/milestones/${m.body.id}`, undefined, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ id: m.body.id, version: 1 });
    expect((await staff.request('DELETE', `/api/milestones/${m.body.id}`, undefined, { 'if-match': '*' })).status).toBe(200);
  });

  it('go with their project when it is deleted', async () => {
    const id = await project(staff);
    const m = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-01' });
    expect((await staff.delete(`/api/projects/${id}`)).status).toBe(200);
    expect((await staff.get(`/api/milestones/${m.body.id}`)).status).toBe(404);
  });
});

describe('who may see and record milestones', () => {
  it('another bureau’s project and milestones answer 404', async () => {
    const id = await project(staff);
    const m = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-01' });
    expect((await foreign.get(`/api/projects/${id}/milestones`)).status).toBe(404);
    expect((await foreign.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-02' })).status).toBe(404);
    expect((await foreign.get(`/api/milestones/${m.body.id}`)).status).toBe(404);
    expect((await foreign.delete(`/api/milestones/${m.body.id}`)).status).toBe(404);
    expect((await staff.get(`/api/projects/${id}/milestones`)).body.items).toHaveLength(1);
  });

  it('commissioners get 403', async () => {
    const id = await project(staff);
    const m = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-01' });
    expect((await commissioner.get(`/api/projects/${id}/milestones`)).status).toBe(403);
    expect((await commissioner.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-02' })).status).toBe(403);
    expect((await commissioner.delete(`/api/milestones/${m.body.id}`)).status).toBe(403);
  });

  it('staff of another section read them but may not record or delete (403), as the policies say', async () => {
    const id = await project(staff, { sectionId: sectionA.id });
    const m = await staff.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-01' });
    const list = await staffB.get(`/api/projects/${id}/milestones`);
    expect(list.status).toBe(200);
    expect(list.body.policies).toEqual({ create: false });
    expect(list.body.items[0].policies).toEqual({ delete: false });
    expect((await staffB.post(`/api/projects/${id}/milestones`, { kind: '中期检查', milestoneDate: '2023-06-02' })).status).toBe(403);
    expect((await staffB.delete(`/api/milestones/${m.body.id}`)).status).toBe(403);
    expect((await admin.get(`/api/projects/${id}/milestones`)).body.policies).toEqual({ create: true });
  });
});

describe('milestones in the period’s figures', () => {
  it('count those dated in the period, by kind in the dictionary’s order, each with its records', async () => {
    const org = await t.factories.org();
    await t.factories.user({ org, username: 'ms_counter' });
    const client = await t.login('ms_counter');
    const a = await project(client, { level: 'city' });
    const b = await project(client, { level: 'county' });
    const record = async (projectId: number, kind: string, milestoneDate: string) =>
      (await client.post(`/api/projects/${projectId}/milestones`, { kind, milestoneDate })).body.id as number;
    const perf = await record(a, '绩效评价', '2023-12-31');
    const mid1 = await record(a, '中期检查', '2023-07-01');
    const mid2 = await record(b, '中期检查', '2023-01-10');
    await record(b, '验收检查', '2024-01-01');

    const all = await client.get('/api/projects/facts?from=2023-01-10&to=2023-12-31');
    expect(all.body.milestones).toEqual({ value: 3, recordType: 'milestone', ids: [perf, mid1, mid2].sort((x, y) => x - y) });
    expect(all.body.milestonesByKind).toEqual([
      { key: '中期检查', label: '中期检查', measure: null, fact: { value: 2, recordType: 'milestone', ids: [mid1, mid2].sort((x, y) => x - y) } },
      { key: '绩效评价', label: '绩效评价', measure: null, fact: { value: 1, recordType: 'milestone', ids: [perf] } },
    ]);
    const city = await client.get('/api/projects/facts?from=2023-01-10&to=2023-12-31&level=city');
    expect(city.body.milestones.ids).toEqual([perf, mid1].sort((x, y) => x - y));
    const quiet = await client.get('/api/projects/facts?from=2010-01-01&to=2010-12-31');
    expect(quiet.body.milestones).toEqual({ value: 0, recordType: 'milestone', ids: [] });
    expect(quiet.body.milestonesByKind).toEqual([]);
  });
});
