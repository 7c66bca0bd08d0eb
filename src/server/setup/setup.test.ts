import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

// Each test sets up its own empty database: set-up is what happens to a database with no organisation.
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PASSWORD = 'Hengdong2025x';

function countyBody(overrides: Record<string, unknown> = {}) {
  return {
    division: '430424',
    name: '衡东县科学技术局',
    shortName: '县科技局',
    admin: { username: 'hdadmin', displayName: '管理员', password: PASSWORD },
    starterLists: [] as string[],
    departments: true,
    ...overrides,
  };
}

async function allStarterKeys(client: TestClient): Promise<string[]> {
  const res = await client.get('/api/setup');
  return (res.body.starters as { key: string }[]).map((s) => s.key);
}

describe('first-run set-up', () => {
  it('says set-up is needed on an empty database and offers the starter lists and departments', async () => {
    t = await createTestApp();
    const res = await t.anonymous().get('/api/setup');
    expect(res.status).toBe(200);
    expect(res.body.needed).toBe(true);
    expect(res.body.starters.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['整改台账', '意见建议', '工作计划', '成果鉴定登记']));
    for (const s of res.body.starters) expect(s.description).toBeTruthy();
    expect(res.body.departments.length).toBeGreaterThan(0);
  });

  it('sets up a county with its towns and villages, lists, departments and an admin who is signed in', async () => {
    t = await createTestApp();
    const client = t.anonymous();
    const keys = await allStarterKeys(client);
    const res = await client.post('/api/setup', countyBody({ starterLists: keys }));
    expect(res.status, res.text).toBe(200);
    expect(res.body.org).toMatchObject({ name: '衡东县科学技术局', shortName: '县科技局', level: 'county', divisionCode: '430424' });
    expect(res.body.org.divisionName).toBe('湖南省衡阳市衡东县');
    expect(res.body.towns).toBeGreaterThanOrEqual(10);
    expect(res.body.villages).toBeGreaterThan(res.body.towns);
    expect(res.body.lists.map((l: { key: string }) => l.key).sort()).toEqual([...keys].sort());
    expect(res.body.departments).toBeGreaterThan(0);
    expect(res.body.admin).toEqual({ username: 'hdadmin', mustChangePassword: false });
    expect(res.body.user).toMatchObject({ username: 'hdadmin', role: 'admin', mustChangePassword: false, org: { name: '衡东县科学技术局', level: 'county' } });

    // The set-up signed the admin in.
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('hdadmin');

    // The admin signs in with the password they typed, and sees what was made.
    const admin = await t.login('hdadmin', PASSWORD);
    const towns = await admin.get('/api/places?level=town');
    expect(towns.status).toBe(200);
    const mishui = towns.body.items.find((p: { name: string }) => p.name === '洣水镇');
    expect(mishui).toMatchObject({ code: '430424100000' });
    expect(towns.body.items).toHaveLength(res.body.towns);
    const worklists = await admin.get('/api/worklists');
    expect(worklists.body.items.map((w: { key: string }) => w.key).sort()).toEqual([...keys].sort());
    const departments = await admin.get('/api/departments');
    expect(departments.body.items).toHaveLength(res.body.departments);

    // The default template of the new bureau validates.
    const templates = await admin.get('/api/report-templates');
    const template = templates.body.items.find((x: { isDefault: boolean }) => x.isDefault);
    const check = await admin.post('/api/report-templates/check', template.definition);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ ok: true, problems: [] });

    // The trail names the admin for what they made, and the system for the organisation.
    const audit = await admin.get('/api/audit?pageSize=100');
    const types = audit.body.items.map((a: { entityType: string }) => a.entityType);
    expect(types).toEqual(expect.arrayContaining(['org', 'user', 'setup']));
    expect(audit.body.items.find((a: { entityType: string }) => a.entityType === 'org').userId).toBeNull();

    expect((await t.anonymous().get('/api/setup')).body.needed).toBe(false);
  });

  it('refuses a second set-up with 409 SETUP_DONE', async () => {
    t = await createTestApp();
    expect((await t.anonymous().post('/api/setup', countyBody())).status).toBe(200);
    const again = await t
      .anonymous()
      .post('/api/setup', countyBody({ division: '411422', name: '睢县科学技术局', admin: { username: 'other', displayName: '另一位', password: PASSWORD } }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'SETUP_DONE' } });
    expect(again.body.error.message).toContain('已完成初始设置');
    const failed = await t.anonymous().post('/api/auth/login', { username: 'other', password: PASSWORD });
    expect(failed.status).toBe(401);
  });

  it('refuses set-up once an organisation exists some other way', async () => {
    t = await createTestApp();
    await t.factories.org();
    expect((await t.anonymous().get('/api/setup')).body.needed).toBe(false);
    const res = await t.anonymous().post('/api/setup', countyBody());
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'SETUP_DONE' });
  });

  it('lets exactly one of two concurrent set-ups win', async () => {
    t = await createTestApp();
    const [a, b] = await Promise.all([
      t.anonymous().post('/api/setup', countyBody({ admin: { username: 'first', displayName: '甲', password: PASSWORD } })),
      t
        .anonymous()
        .post('/api/setup', countyBody({ division: '411422', name: '睢县科学技术局', admin: { username: 'second', displayName: '乙', password: PASSWORD } })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.details).toEqual({ reason: 'SETUP_DONE' });
    const winner = a.status === 200 ? 'first' : 'second';
    const admin = await t.login(winner, PASSWORD);
    const orgs = await admin.get('/api/orgs');
    expect(orgs.body.items).toHaveLength(1);
    const other = await t.anonymous().post('/api/auth/login', { username: winner === 'first' ? 'second' : 'first', password: PASSWORD });
    expect(other.status).toBe(401);
  });

  it('refuses a division that is not six digits or not in the national list, writing nothing', async () => {
    t = await createTestApp();
    const short = await t.anonymous().post('/api/setup', countyBody({ division: '43042' }));
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION');
    const unknown = await t.anonymous().post('/api/setup', countyBody({ division: '999999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'division' })]);
    const badList = await t.anonymous().post('/api/setup', countyBody({ starterLists: ['no-such-list'] }));
    expect(badList.status).toBe(400);
    expect(badList.body.error.details).toEqual([expect.objectContaining({ path: 'starterLists' })]);
    expect((await t.anonymous().get('/api/setup')).body.needed).toBe(true);
  });

  it('refuses a weak password with 400 on the field and writes nothing', async () => {
    t = await createTestApp();
    for (const password of ['short1', 'onlyletters', 'password123', t.database.config.demoPassword]) {
      const res = await t.anonymous().post('/api/setup', countyBody({ admin: { username: 'hdadmin', displayName: '管理员', password } }));
      expect(res.status, password).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details[0].path).toBe('admin.password');
    }
    expect((await t.anonymous().get('/api/setup')).body.needed).toBe(true);
    // And a good one still works afterwards.
    expect((await t.anonymous().post('/api/setup', countyBody())).status).toBe(200);
  });

  it('refuses a cross-site post like every other write', async () => {
    t = await createTestApp();
    const res = await t.anonymous({ origin: 'http://evil.example' }).post('/api/setup', countyBody());
    expect(res.status).toBe(403);
    expect((await t.anonymous().get('/api/setup')).body.needed).toBe(true);
  });

  it('sets up a city bureau: no towns of its own, a default template that validates', async () => {
    t = await createTestApp();
    const client = t.anonymous();
    const res = await client.post('/api/setup', {
      division: '430400',
      name: '衡阳市科学技术局',
      admin: { username: 'hyadmin', displayName: '市局管理员', password: PASSWORD },
      starterLists: [],
      departments: false,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.org).toMatchObject({ level: 'city', divisionCode: '430400', divisionName: '湖南省衡阳市' });
    expect(res.body).toMatchObject({ towns: 0, villages: 0, lists: [], departments: 0 });
    const orgs = await client.get('/api/orgs');
    expect(orgs.body.items).toEqual([expect.objectContaining({ name: '衡阳市科学技术局', level: 'city', parentId: null, divisionCode: '430400' })]);
    const templates = await client.get('/api/report-templates');
    const template = templates.body.items.find((x: { isDefault: boolean }) => x.isDefault);
    expect((await client.post('/api/report-templates/check', template.definition)).body.ok).toBe(true);
  });

  it('sets up a province bureau', async () => {
    t = await createTestApp();
    const res = await t.anonymous().post('/api/setup', {
      division: '430000',
      name: '湖南省科学技术厅',
      admin: { username: 'hnadmin', displayName: '厅管理员', password: PASSWORD },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.org).toMatchObject({ level: 'province', divisionCode: '430000' });
  });
});
