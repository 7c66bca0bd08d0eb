import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow, SectionRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let county: OrgRow;
let other: OrgRow;
let office: SectionRow;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.factories.org({ name: '赣州市科技局', level: 'city' });
  county = await t.factories.org({ name: '上犹县科技局', parent: city });
  other = await t.factories.org({ name: '崇义县科技局', parent: city });
  office = await t.factories.section(county, '办公室');
  await t.factories.user({ org: county, role: 'admin', username: 'admin', section: office });
  await t.factories.user({ org: other, role: 'staff', username: 'chongyi_staff' });
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('user administration', () => {
  it('creates a user who must change the password at first login, and writes the audit trail without the password', async () => {
    const res = await admin.post('/api/users', {
      username: 'wangli',
      displayName: '王丽',
      role: 'staff',
      sectionId: office.id,
      phone: '0797-8541234',
      password: 'Start2014x',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'wangli', displayName: '王丽', role: 'staff', sectionName: '办公室', disabled: false });
    expect(res.body).not.toHaveProperty('passwordHash');
    const login = await t.anonymous().post('/api/auth/login', { username: 'wangli', password: 'Start2014x' });
    expect(login.body.user.mustChangePassword).toBe(true);

    const audit = await admin.get(`/api/audit?entityType=user&entityId=${res.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', after: { username: 'wangli' } });
    expect(JSON.stringify(audit.body)).not.toContain('Start2014x');
    expect(JSON.stringify(audit.body)).not.toMatch(/argon2/);
  });

  it('refuses a taken username (in any case) with 409, and a weak password with 400', async () => {
    await t.factories.user({ org: county, username: 'taken_name' });
    const dup = await admin.post('/api/users', { username: 'TAKEN_NAME', displayName: 'x', role: 'staff', password: 'Start2014x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('已被使用');
    const weak = await admin.post('/api/users', { username: 'weak', displayName: 'x', role: 'staff', password: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'password' })]));
    const badRole = await admin.post('/api/users', { username: 'r', displayName: 'x', role: 'boss', password: 'Start2014x' });
    expect(badRole.status).toBe(400);
  });

  it('refuses a section of another organisation', async () => {
    const foreign = await t.factories.section(other, '外单位股室');
    const res = await admin.post('/api/users', { username: 'cross', displayName: 'x', role: 'staff', sectionId: foreign.id, password: 'Start2014x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('sectionId');
  });

  it('lists and searches users of its own organisation only', async () => {
    // A bureau of its own, so the search finds only the 王丽 made here.
    const f = t.factories;
    const ownCounty = await f.org({ name: '上犹县科技局' });
    const ownAdmin = await t.login((await f.user({ org: ownCounty, role: 'admin' })).username);
    const wang = await f.user({ org: ownCounty, displayName: '王丽' });
    const foreign = await f.user({ org: other });
    const list = await ownAdmin.get('/api/users?pageSize=100');
    expect(list.status).toBe(200);
    const names = list.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain(wang.username);
    expect(names).not.toContain(foreign.username);
    const found = await ownAdmin.get(`/api/users?q=${encodeURIComponent('王')}`);
    expect(found.body.items.map((u: { username: string }) => u.username)).toEqual([wang.username]);
  });

  it("answers 404 for another bureau's user, never its data", async () => {
    const foreign = await t.database.db.selectFrom('users').select('id').where('username', '=', 'chongyi_staff').executeTakeFirstOrThrow();
    const get = await admin.get(`/api/users/${foreign.id}`);
    expect(get.status).toBe(404);
    expect(get.text).not.toContain('chongyi_staff');
    expect((await admin.patch(`/api/users/${foreign.id}`, { displayName: '改名' })).status).toBe(404);
    expect((await admin.post(`/api/users/${foreign.id}/reset-password`, { newPassword: 'Hijack2014' })).status).toBe(404);
  });

  it('disables a user, which ends their sessions, and refuses to disable oneself', async () => {
    const u = await t.factories.user({ org: county, username: 'leaving' });
    const session = await t.login('leaving');
    const res = await admin.patch(`/api/users/${u.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    const me = await admin.get('/api/auth/me');
    const self = await admin.patch(`/api/users/${me.body.user.id}`, { disabled: true });
    expect(self.status).toBe(409);
  });

  it('writes nothing for a save that changes nothing: no update time, no audit entry', async () => {
    const u = await t.factories.user({ org: county, displayName: '不变的人' });
    const auditCount = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('entity_type', '=', 'user')
            .where('entity_id', '=', String(u.id))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const body of [{}, { displayName: '不变的人' }]) {
      const res = await admin.patch(`/api/users/${u.id}`, body);
      expect(res.status).toBe(200);
      const row = await t.database.db.selectFrom('users').select('updated_at').where('id', '=', u.id).executeTakeFirstOrThrow();
      expect(row.updated_at).toBe(u.updated_at);
    }
    expect(await auditCount()).toBe(0);
    expect((await admin.patch(`/api/users/${u.id}`, { displayName: '改了名的人' })).body.displayName).toBe('改了名的人');
    expect(await auditCount()).toBe(1);
  });

  it("resets a password: ends the user's sessions, revokes their API tokens, and makes them change it first", async () => {
    const u = await t.factories.user({ org: county, username: 'reset_me' });
    const session = await t.login('reset_me');
    const secret: string = (await session.post('/api/auth/tokens', { name: '统计脚本' })).body.secret;
    const script = t.anonymous({ origin: null });
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await script.request('GET', '/api/auth/me', undefined, bearer)).status).toBe(200);

    const reset = await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Reset2014abc' });
    expect(reset.status).toBe(200);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await script.request('GET', '/api/auth/me', undefined, bearer)).status).toBe(401);
    const audit = await admin.get(`/api/audit?entityType=user&entityId=${u.id}`);
    expect(audit.body.items[0].after).toMatchObject({ revokedTokens: 1, lockedUntil: null });

    const fresh = await t.login('reset_me', 'Reset2014abc');
    const blocked = await fresh.get('/api/users/options');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.details).toEqual({ reason: 'MUST_CHANGE_PASSWORD' });
    expect((await fresh.post('/api/auth/password', { currentPassword: 'Reset2014abc', newPassword: 'Mine2014abc' })).status).toBe(200);
    expect((await fresh.get('/api/users/options')).status).toBe(200);
  });

  it('refuses a common password for a new user and on a reset, saying so on the field', async () => {
    const u = await t.factories.user({ org: county });
    const create = await admin.post('/api/users', { username: 'common_pw', displayName: 'x', role: 'staff', password: 'Password1' });
    expect(create.status).toBe(400);
    expect(create.body.error.details[0]).toMatchObject({ path: 'password', message: '这个密码太常见,容易被猜中,请换一个' });
    const reset = await admin.post(`/api/users/${u.id}/reset-password`, { newPassword: 'qwerty123' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.details[0]).toMatchObject({ path: 'newPassword', message: '这个密码太常见,容易被猜中,请换一个' });
  });

  it('stores an SQL-looking name as plain text', async () => {
    const evil = "'); drop table users; --";
    const res = await admin.post('/api/users', { username: 'sqlname', displayName: evil, role: 'staff', password: 'Start2014x' });
    expect(res.status).toBe(200);
    expect((await admin.get(`/api/users/${res.body.id}`)).body.displayName).toBe(evil);
    expect((await admin.get('/api/users')).status).toBe(200);
  });
});

describe('who may administer users', () => {
  it('refuses staff, leaders and commissioners with 403, and changes nothing', async () => {
    for (const role of ['staff', 'leader', 'commissioner'] as const) {
      const u = await t.factories.user({ org: county, role });
      const client = await t.login(u.username);
      const list = await client.get('/api/users');
      expect(list.status).toBe(403);
      expect(list.body.error).toMatchObject({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
      const create = await client.post('/api/users', { username: `by_${role}`, displayName: 'x', role: 'admin', password: 'Start2014x' });
      expect(create.status).toBe(403);
      const row = await t.database.db.selectFrom('users').select('id').where('username', '=', `by_${role}`).executeTakeFirst();
      expect(row).toBeUndefined();
    }
  });

  it('lets a city admin create a user in a county below it, but not a county admin in its sibling', async () => {
    const city = await t.database.db.selectFrom('orgs').selectAll().where('name', '=', '赣州市科技局').executeTakeFirstOrThrow();
    await t.factories.user({ org: city, role: 'admin', username: 'city_admin' });
    const cityAdmin = await t.login('city_admin');
    const ok = await cityAdmin.post('/api/users', { username: 'cy_new', displayName: '崇义新人', role: 'staff', password: 'Start2014x', orgId: other.id });
    expect(ok.status).toBe(200);
    expect(ok.body.orgId).toBe(other.id);
    const denied = await admin.post('/api/users', { username: 'cy_new2', displayName: 'x', role: 'staff', password: 'Start2014x', orgId: other.id });
    expect(denied.status).toBe(404);
  });

  it("names each user's organisation for an admin above county level, and filters by one", async () => {
    const city = await t.factories.org({ name: '测试市科技局', level: 'city' });
    const below = await t.factories.org({ name: '测试区科技局', parent: city });
    const cityAdmin = await t.factories.user({ org: city, role: 'admin' });
    const worker = await t.factories.user({ org: below, role: 'staff' });
    const client = await t.login(cityAdmin.username);
    const all = await client.get('/api/users?pageSize=100');
    expect(all.body.items.map((u: { username: string; orgName: string }) => [u.username, u.orgName])).toEqual([
      [cityAdmin.username, '测试市科技局'],
      [worker.username, '测试区科技局'],
    ]);
    const one = await client.get(`/api/users?orgId=${below.id}`);
    expect(one.body.items.map((u: { username: string }) => u.username)).toEqual([worker.username]);
    const notMine = await client.get(`/api/users?orgId=${county.id}`);
    expect(notMine.body.items).toEqual([]);
  });
});

describe('people to pick', () => {
  it("lists the organisation's people for staff and leaders, not for commissioners", async () => {
    await t.factories.user({ org: county, displayName: '王丽' });
    const staff = await t.factories.user({ org: county, role: 'staff' });
    const list = await (await t.login(staff.username)).get('/api/users/options');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { displayName: string }) => u.displayName)).toContain('王丽');
    expect(list.body.items.map((u: { displayName: string }) => u.displayName)).not.toContain('chongyi_staff');
    expect(list.body.items[0]).not.toHaveProperty('phone');
    const commissioner = await t.factories.user({ org: county, role: 'commissioner' });
    expect((await (await t.login(commissioner.username)).get('/api/users/options')).status).toBe(403);
  });
});
