import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import { dialectOf } from '../db/connection.js';
import type { OrgRow } from '../db/types.js';
import { type TestApp, TestClient, createTestApp } from '../test/harness.js';
import { findOrg } from './repo.js';
import { insertOrganisation } from './service.js';

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
    // A city of its own, so organisations other tests add below the shared one do not show here.
    const f = t.factories;
    const ownCity = await f.org({ name: '赣州市科学技术局', level: 'city' });
    const county = await f.org({ name: '上犹县科技局', parent: ownCity });
    await f.org({ name: '崇义县科技局', parent: ownCity });
    const login = async (org: OrgRow, role: 'staff' | 'leader') => t.login((await f.user({ org, role })).username);
    const own = await (await login(county, 'staff')).get('/api/orgs');
    expect(own.body.items.map((o: { name: string }) => o.name)).toEqual(['上犹县科技局']);
    const leader = await (await login(ownCity, 'leader')).get('/api/orgs');
    expect(leader.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['上犹县科技局', '崇义县科技局', '赣州市科学技术局'].sort());
    const cityStaff = await (await login(ownCity, 'staff')).get('/api/orgs');
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

let serial = 0;

/**
 * A province (typed, no division) with an admin, and below it a city of the national list created
 * through the API, with its own admin: each test gets a city of its own, as a division is served once.
 */
async function province(cityCode: string) {
  serial += 1;
  const ctx: Ctx = { db: t.database.db, dialect: dialectOf(t.database.db), actor: systemActor(), requestId: 'test' };
  const prov = await insertOrganisation(ctx, { parentId: null, name: `测试省科学技术厅${serial}`, level: 'province', divisionCode: null });
  const provRow = (await findOrg(t.database.db, prov.id))!;
  const provAdmin = await t.factories.user({ org: provRow, role: 'admin' });
  const provClient = await t.login(provAdmin.username);
  const city = await provClient.post('/api/orgs', { parentId: prov.id, divisionCode: cityCode });
  if (city.status !== 200) throw new Error(city.text);
  const cityRow = (await findOrg(t.database.db, city.body.id))!;
  const cityAdmin = await t.factories.user({ org: cityRow, role: 'admin' });
  return { prov, provRow, provClient, city: city.body, cityRow, cityClient: await t.login(cityAdmin.username), cityAdmin };
}

const reasonOf = (res: { body: any }) => res.body?.error?.details?.reason;

describe('organisations of the national division list', () => {
  it('creates a subordinate from its division alone: level and name from the list, 12-digit region code, audited', async () => {
    const { prov, city, cityClient } = await province('430100');
    expect(city).toMatchObject({
      parentId: prov.id,
      name: '长沙市科学技术局',
      level: 'city',
      divisionCode: '430100',
      regionCode: '430100000000',
      active: true,
    });
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430181', shortName: '浏阳科技局' });
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ name: '浏阳市科学技术局', level: 'county', divisionCode: '430181', shortName: '浏阳科技局' });
    const typed = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430121', name: '长沙县科技局' });
    expect(typed.body).toMatchObject({ name: '长沙县科技局', level: 'county', divisionCode: '430121' });
    const audit = await cityClient.get(`/api/audit?entityType=org&entityId=${county.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', after: { name: '浏阳市科学技术局', divisionCode: '430181' } });
    // The system actor (set-up, CLI) leaves entries without a user.
    const root = await t.database.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('entity_type', '=', 'org')
      .where('entity_id', '=', String(prov.id))
      .executeTakeFirstOrThrow();
    expect(root.user_id).toBeNull();
  });

  it('refuses a level not below the parent, a division outside the parent or unknown, and one division twice', async () => {
    const { city, cityClient } = await province('430200');
    const sameLevel = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430300' });
    expect(sameLevel.status).toBe(400);
    expect(sameLevel.body.error.message).toContain('级别须低于上级单位');
    const outside = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430302' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain('不在上级单位');
    const unknown = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430299' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('divisionCode');
    const mismatch = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430211', level: 'city' });
    expect(mismatch.status).toBe(400);
    const bad = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '43021' });
    expect(bad.status).toBe(400);
    const nothing = await cityClient.post('/api/orgs', { parentId: city.id });
    expect(nothing.status).toBe(400);

    const first = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430211' });
    expect(first.status).toBe(200);
    const twice = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430211', name: '另一个天元区科技局' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('已有启用中的单位“天元区科学技术局”');
    // Once the first is deactivated the division is free; reactivating it then clashes with the new one.
    expect((await cityClient.post(`/api/orgs/${first.body.id}/deactivate`)).status).toBe(200);
    expect((await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430211', name: '天元区科技局（新）' })).status).toBe(200);
    const back = await cityClient.post(`/api/orgs/${first.body.id}/activate`);
    expect(back.status).toBe(409);
  });

  it('shows an admin the subtree with accounts, status and what they may do', async () => {
    const { city, cityRow, cityClient } = await province('430400');
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430405' });
    const countyRow = (await findOrg(t.database.db, county.body.id))!;
    await t.factories.user({ org: countyRow });
    await t.factories.user({ org: countyRow });
    const list = await cityClient.get('/api/orgs');
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([cityRow.id, county.body.id]);
    expect(list.body.items[0]).toMatchObject({
      userCount: 1,
      blocked: false,
      policies: { update: true, createChild: true, deactivate: false, activate: false },
    });
    expect(list.body.items[1]).toMatchObject({ userCount: 2, active: true, policies: { update: true, createChild: false, deactivate: true, activate: false } });
  });

  it('deactivating stops the users at once (sign-in, session, API token); reactivating lets them sign in again', async () => {
    const { city, cityClient } = await province('430500');
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430522' });
    const countyRow = (await findOrg(t.database.db, county.body.id))!;
    const worker = await t.factories.user({ org: countyRow, role: 'staff' });
    const session = await t.login(worker.username);
    const token = (await session.post('/api/auth/tokens', { name: '脚本' })).body.secret as string;
    const bearer = new TestClient(t.app, { bearer: token });
    expect((await bearer.get('/api/auth/me')).status).toBe(200);

    const stale = await cityClient.request('POST', `/api/orgs/${county.body.id}/deactivate`, {}, { 'if-match': `"${county.body.version + 5}"` });
    expect(stale.status).toBe(409);
    const off = await cityClient.request('POST', `/api/orgs/${county.body.id}/deactivate`, {}, { 'if-match': `"${county.body.version}"` });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    const me = await session.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(reasonOf(me)).toBe('ORG_INACTIVE');
    expect(me.body.error.message).toContain('单位已停用');
    const viaToken = await bearer.get('/api/auth/me');
    expect(viaToken.status).toBe(401);
    expect(reasonOf(viaToken)).toBe('ORG_INACTIVE');
    const login = await t.anonymous().post('/api/auth/login', { username: worker.username, password: 'Passw0rd2014' });
    expect(login.status).toBe(401);
    expect(reasonOf(login)).toBe('ORG_INACTIVE');
    // A wrong password is answered as always: nothing said about the organisation.
    const wrong = await t.anonymous().post('/api/auth/login', { username: worker.username, password: 'Wrong0pass' });
    expect(reasonOf(wrong)).toBeUndefined();
    // No account can be made in it meanwhile.
    expect(
      (await cityClient.post('/api/users', { username: `c_new${serial}`, displayName: '新人', role: 'staff', password: 'Xq7kLm2pQ9', orgId: county.body.id }))
        .status,
    ).toBe(409);

    const audit = await cityClient.get(`/api/audit?entityType=org&entityId=${county.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'update', before: { active: true }, after: { active: false } });

    const on = await cityClient.post(`/api/orgs/${county.body.id}/activate`);
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    expect((await session.get('/api/auth/me')).status).toBe(401); // the old session stays ended
    expect((await t.login(worker.username)).cookie('keguan_sid')).toBeTruthy();
    expect((await bearer.get('/api/auth/me')).status).toBe(200);
  });

  it('stops the users of every organisation below an inactive one, the admin of the organisation itself included', async () => {
    const { prov, provClient, city, cityClient, cityAdmin } = await province('430600');
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430602' });
    const countyRow = (await findOrg(t.database.db, county.body.id))!;
    const worker = await t.factories.user({ org: countyRow, role: 'staff' });
    const workerSession = await t.login(worker.username);
    expect((await provClient.post(`/api/orgs/${city.id}/deactivate`)).status).toBe(200);
    expect(reasonOf(await cityClient.get('/api/orgs'))).toBe('ORG_INACTIVE');
    expect(reasonOf(await workerSession.get('/api/auth/me'))).toBe('ORG_INACTIVE');
    const login = await t.anonymous().post('/api/auth/login', { username: worker.username, password: 'Passw0rd2014' });
    expect(reasonOf(login)).toBe('ORG_INACTIVE');
    const tree = await provClient.get('/api/orgs');
    const countyItem = tree.body.items.find((o: { id: number }) => o.id === county.body.id);
    expect(countyItem).toMatchObject({ active: true, blocked: true });
    expect(tree.body.items.find((o: { id: number }) => o.id === prov.id).policies.deactivate).toBe(false);
    // Nothing is created below it while it is inactive.
    expect((await provClient.post('/api/orgs', { parentId: city.id, divisionCode: '430603' })).status).toBe(409);
    expect((await provClient.post(`/api/orgs/${city.id}/activate`)).status).toBe(200);
    expect((await t.login(cityAdmin.username)).cookie('keguan_sid')).toBeTruthy();
    expect((await t.login(worker.username)).cookie('keguan_sid')).toBeTruthy();
  });

  it('lets no admin deactivate their own organisation or one above it, and no staff anything', async () => {
    const { city, cityClient } = await province('430700');
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430702' });
    const countyRow = (await findOrg(t.database.db, county.body.id))!;
    const countyAdmin = await t.factories.user({ org: countyRow, role: 'admin' });
    const countyStaff = await t.factories.user({ org: countyRow, role: 'staff' });
    const client = await t.login(countyAdmin.username);
    const own = await client.post(`/api/orgs/${county.body.id}/deactivate`);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('不能停用自己所在的单位');
    expect((await cityClient.post(`/api/orgs/${city.id}/deactivate`)).status).toBe(403);
    expect((await client.post(`/api/orgs/${city.id}/deactivate`)).status).toBe(404);
    const staff = await t.login(countyStaff.username);
    expect((await staff.post(`/api/orgs/${county.body.id}/deactivate`)).status).toBe(403);
    expect((await staff.post('/api/orgs', { parentId: county.body.id, name: '越级', level: 'county' })).status).toBe(403);
    expect((await staff.patch(`/api/orgs/${county.body.id}`, { name: '改名' }, ANY_VERSION)).status).toBe(403);
    expect((await (await t.login(countyAdmin.username)).get('/api/auth/me')).status).toBe(200);
  });

  it('renames an organisation with If-Match, and shows an admin the sections of one below for its users', async () => {
    const { city, cityClient } = await province('430800');
    const county = await cityClient.post('/api/orgs', { parentId: city.id, divisionCode: '430802' });
    const missing = await cityClient.patch(`/api/orgs/${county.body.id}`, { name: '永定区科技局' });
    expect(missing.status).toBe(400);
    const renamed = await cityClient.patch(
      `/api/orgs/${county.body.id}`,
      { name: '永定区科技局', shortName: '永定科技局' },
      { 'if-match': `"${county.body.version}"` },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '永定区科技局', shortName: '永定科技局', divisionCode: '430802' });
    const countyRow = (await findOrg(t.database.db, county.body.id))!;
    await t.factories.section(countyRow, '综合股');
    const sections = await cityClient.get(`/api/sections?orgId=${county.body.id}`);
    expect(sections.body.items.map((s: { name: string }) => s.name)).toEqual(['综合股']);
    const countyAdmin = await t.factories.user({ org: countyRow, role: 'admin' });
    expect((await (await t.login(countyAdmin.username)).get(`/api/sections?orgId=${city.id}`)).status).toBe(404);
  });
});
