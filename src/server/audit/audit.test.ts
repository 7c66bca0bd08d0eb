import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;
let county: OrgRow;
let sibling: OrgRow;

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.factories.org({ name: '赣州市科技局', level: 'city' });
  county = await t.factories.org({ name: '上犹县科技局', parent: city });
  sibling = await t.factories.org({ name: '崇义县科技局', parent: city });
  await t.factories.user({ org: county, role: 'admin', username: 'a1', displayName: '管理员甲' });
  await t.factories.user({ org: county, role: 'leader', username: 'l1' });
  await t.factories.user({ org: county, role: 'staff', username: 's1' });
  await t.factories.user({ org: city, role: 'leader', username: 'city_leader' });
  await t.factories.user({ org: sibling, role: 'admin', username: 'a2' });
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('records who changed what, before and after, and filters by user, type, action and date', async () => {
    const admin = await t.login('a1');
    const created = await admin.post('/api/sections', { name: '科普股' });
    await admin.patch(`/api/sections/${created.body.id}`, { name: '科普宣传股', sortOrder: 0 }, ANY_VERSION);
    await (await t.login('a2')).post('/api/sections', { name: '崇义股室' });

    const leader = await t.login('l1');
    const res = await leader.get('/api/audit?entityType=section');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({
      action: 'update',
      entityType: 'section',
      userDisplayName: '管理员甲',
      before: { name: '科普股' },
      after: { name: '科普宣传股' },
    });
    expect(res.body.items[0].requestId).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toContain('崇义股室');

    const a1 = await admin.get('/api/auth/me');
    expect((await leader.get(`/api/audit?userId=${a1.body.user.id}&action=create`)).body.items).toHaveLength(1);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await leader.get(`/api/audit?from=${today}&to=${today}&entityType=section`)).body.total).toBe(2);
    expect((await leader.get('/api/audit?from=2014-01-01&to=2014-06-30')).body.total).toBe(0);
    expect((await leader.get('/api/audit?from=2014-13-01')).status).toBe(400);
  });

  it('lets a leader of the city read the trail of the counties below it', async () => {
    // A city of its own with two counties, whose admins add a section each.
    const f = t.factories;
    const city = await f.org({ name: '赣州市科技局', level: 'city' });
    const login = async (org: OrgRow, role: 'admin' | 'leader') => t.login((await f.user({ org, role })).username);
    await (await login(await f.org({ name: '上犹县科技局', parent: city }), 'admin')).post('/api/sections', { name: '科普宣传股' });
    await (await login(await f.org({ name: '崇义县科技局', parent: city }), 'admin')).post('/api/sections', { name: '崇义股室' });
    const cityLeader = await login(city, 'leader');
    const res = await cityLeader.get('/api/audit?entityType=section&pageSize=50');
    const names = res.body.items.map((i: { after: { name: string } | null }) => i.after?.name);
    expect(names).toEqual(expect.arrayContaining(['科普宣传股', '崇义股室']));
  });

  it('is closed to staff', async () => {
    const staff = await t.login('s1');
    expect((await staff.get('/api/audit')).status).toBe(403);
  });

  it('rolls back the change and its entry together when a later step of the same transaction fails', async () => {
    const { createSection } = await import('../orgs/service.js');
    const { inTransaction } = await import('../context.js');
    const user = await t.database.db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.org_id', 'o.path'])
      .where('u.username', '=', 'a1')
      .executeTakeFirstOrThrow();
    const ctx = {
      db: t.database.db,
      dialect: t.database.dialect,
      requestId: 'test',
      actor: {
        userId: user.id,
        username: 'a1',
        displayName: '管理员甲',
        role: 'admin' as const,
        orgId: user.org_id,
        orgPath: user.path,
        sectionId: null,
        via: 'session' as const,
        sessionId: null,
      },
    };
    await expect(
      inTransaction(ctx, async (tx) => {
        await createSection(tx, { name: '半途而废股', sortOrder: 0 });
        throw new Error('second write failed');
      }),
    ).rejects.toThrow('second write failed');
    const section = await t.database.db.selectFrom('sections').select('id').where('name', '=', '半途而废股').executeTakeFirst();
    expect(section).toBeUndefined();
    const entries = await t.database.db.selectFrom('audit_log').select('id').where('after_json', 'like', '%半途而废股%').execute();
    expect(entries).toHaveLength(0);
  });
});
