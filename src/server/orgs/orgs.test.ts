import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;
let city: OrgRow;
let shangyou: OrgRow;
let chongyi: OrgRow;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  city = await t.factories.org({ name: '赣州市科学技术局', level: 'city' });
  shangyou = await t.factories.org({ name: '上犹县科技局', parent: city });
  chongyi = await t.factories.org({ name: '崇义县科技局', parent: city });
  await t.factories.user({ org: shangyou, role: 'admin', username: 'sy_admin' });
  await t.factories.user({ org: shangyou, role: 'staff', username: 'sy_staff' });
  await t.factories.user({ org: city, role: 'leader', username: 'city_leader' });
  await t.factories.user({ org: city, role: 'staff', username: 'city_staff' });
  await t.factories.user({ org: chongyi, role: 'admin', username: 'cy_admin' });
  admin = await t.login('sy_admin');
});
afterAll(() => t.close());

describe('organisations', () => {
  it('shows a county its own organisation only, and a city leader the counties below', async () => {
    const own = await (await t.login('sy_staff')).get('/api/orgs');
    expect(own.body.items.map((o: { name: string }) => o.name)).toEqual(['上犹县科技局']);
    const leader = await (await t.login('city_leader')).get('/api/orgs');
    expect(leader.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['上犹县科技局', '崇义县科技局', '赣州市科学技术局'].sort());
    const cityStaff = await (await t.login('city_staff')).get('/api/orgs');
    expect(cityStaff.body.items).toHaveLength(1);
  });

  it('lets an admin create an organisation below their own, with its default dictionaries', async () => {
    const cityAdmin = await t.factories.user({ org: city, role: 'admin', username: 'city_admin' });
    const client = await t.login(cityAdmin.username);
    const res = await client.post('/api/orgs', { parentId: city.id, name: '南康区科技局', level: 'county', regionCode: '360703000000' });
    expect(res.status).toBe(200);
    const dicts = await t.database.db.selectFrom('dictionaries').select('code').where('org_id', '=', res.body.id).execute();
    expect(dicts.map((d) => d.code)).toContain('program');
    const wrongLevel = await client.post('/api/orgs', { parentId: city.id, name: '某省', level: 'province' });
    expect(wrongLevel.status).toBe(400);
    const outside = await admin.post('/api/orgs', { parentId: city.id, name: '越权', level: 'county' });
    expect(outside.status).toBe(404);
  });
});

describe('sections', () => {
  it('are created, renamed and deleted by an admin, each change audited', async () => {
    const created = await admin.post('/api/sections', { name: '业务股', sortOrder: 20 });
    expect(created.status).toBe(200);
    const dup = await admin.post('/api/sections', { name: '业务股' });
    expect(dup.status).toBe(409);
    const renamed = await admin.patch(`/api/sections/${created.body.id}`, { name: '科技业务股', sortOrder: 20 }, ANY_VERSION);
    expect(renamed.body.name).toBe('科技业务股');
    const list = await admin.get('/api/sections');
    expect(list.body.items.map((s: { name: string }) => s.name)).toContain('科技业务股');
    const del = await admin.delete(`/api/sections/${created.body.id}`);
    expect(del.status).toBe(200);
    const audit = await admin.get(`/api/audit?entityType=section&entityId=${created.body.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['delete', 'update', 'create']);
    expect(audit.body.items[1]).toMatchObject({ before: { name: '业务股' }, after: { name: '科技业务股' } });
  });

  it('refuses to delete a section that still has users', async () => {
    const section = await t.factories.section(shangyou, '办公室');
    await t.factories.user({ org: shangyou, section });
    const res = await admin.delete(`/api/sections/${section.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('还有1名用户');
  });

  it("keeps bureaus apart: another bureau's section is a 404", async () => {
    const theirs = await t.factories.section(chongyi, '崇义办公室');
    expect((await admin.patch(`/api/sections/${theirs.id}`, { name: '偷改' }, ANY_VERSION)).status).toBe(404);
    expect((await admin.delete(`/api/sections/${theirs.id}`)).status).toBe(404);
    const list = await (await t.login('cy_admin')).get('/api/sections');
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['崇义办公室']);
  });

  it('refuses staff with 403', async () => {
    const staff = await t.login('sy_staff');
    expect((await staff.post('/api/sections', { name: '私设股室' })).status).toBe(403);
  });
});
