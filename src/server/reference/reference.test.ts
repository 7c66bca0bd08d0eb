import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../context.js';
import type { OrgRow, UserRow } from '../db/types.js';
import type { TestApp, TestClient, TestResponse } from '../test/harness.js';
import { createTestApp } from '../test/harness.js';
import * as repo from './repo.js';
import { assertDictionaryValue, findPlace, listDictionaryItems } from './service.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;
let org: OrgRow;
let otherOrg: OrgRow;
let adminUser: UserRow;
let admin: TestClient;
let staff: TestClient;
let commissioner: TestClient;
let otherAdmin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// Reference data belongs to an organisation: each test gets a bureau (and a neighbour) of its own,
// so what one test adds, renames or deletes is never what another expects to find.
beforeEach(async () => {
  const f = t.factories;
  org = await f.org({ name: '上犹县科技局' });
  otherOrg = await f.org({ name: '崇义县科技局' });
  const section = await f.section(org, '业务股');
  adminUser = await f.user({ org, role: 'admin' });
  admin = await t.login(adminUser.username);
  staff = await t.login((await f.user({ org, role: 'staff', section })).username);
  commissioner = await t.login((await f.user({ org, role: 'commissioner' })).username);
  otherAdmin = await t.login((await f.user({ org: otherOrg, role: 'admin' })).username);
});

/** The newest audit entry for one record, read through the API as the admin. */
async function lastAudit(entityType: string, entityId: number) {
  const res = await admin.get(`/api/audit?entityType=${entityType}&entityId=${entityId}`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

function serviceCtx(): Ctx {
  return {
    db: t.database.db,
    dialect: t.database.dialect,
    requestId: null,
    actor: {
      userId: adminUser.id,
      username: adminUser.username,
      displayName: adminUser.display_name,
      role: 'admin',
      orgId: org.id,
      orgPath: org.path,
      sectionId: null,
      via: 'session',
      sessionId: null,
    },
  };
}

describe('places', () => {
  let county: { id: number };
  let town: { id: number };
  let village: { id: number };
  let built: TestResponse[];

  // 上犹县 with 东山镇 (sort 10, with 元鱼村) and 营前镇 (sort 20), built by the bureau's admin.
  beforeEach(async () => {
    const c = await admin.post('/api/places', { level: 'county', name: '上犹县', code: '360724000000' });
    county = c.body;
    const t2 = await admin.post('/api/places', { parentId: county.id, level: 'town', name: '营前镇', code: '360724101000', sortOrder: 20 });
    const t1 = await admin.post('/api/places', { parentId: county.id, level: 'town', name: '东山镇', code: '360724100000', sortOrder: 10 });
    town = t1.body;
    const v = await admin.post('/api/places', { parentId: town.id, level: 'village', name: '元鱼村', code: '360724100201' });
    village = v.body;
    built = [c, t1, t2, v];
  });

  it('lets an admin build the county → town → village hierarchy, and lists it in order', async () => {
    const [c, t1, t2, v] = built;
    expect(c.status).toBe(200);
    expect(c.body).toEqual({
      id: expect.any(Number),
      version: 1,
      parentId: null,
      level: 'county',
      name: '上犹县',
      code: '360724000000',
      sortOrder: 0,
      policies: { update: true, delete: true },
    });
    expect(t1.status).toBe(200);
    expect(t2.status).toBe(200);
    expect(v.status).toBe(200);

    const towns = await staff.get(`/api/places?parentId=${county.id}`);
    expect(towns.status).toBe(200);
    expect(towns.body.items.map((p: { name: string }) => p.name)).toEqual(['东山镇', '营前镇']);
    const villages = await staff.get('/api/places?level=village');
    // Staff read the place the admin made, with what they may do: nothing.
    expect(villages.body.items).toEqual([{ ...village, policies: { update: false, delete: false } }]);
    const found = await commissioner.get(`/api/places?q=${encodeURIComponent('元鱼')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((p: { id: number }) => p.id)).toEqual([village.id]);
  });

  it('writes an audit entry for the creation', async () => {
    const entry = await lastAudit('place', village.id);
    expect(entry).toMatchObject({ action: 'create', entityType: 'place', entityId: String(village.id), userId: adminUser.id });
    expect(entry.after).toMatchObject({ name: '元鱼村', level: 'village', parentId: town.id });
  });

  it('patches only the fields sent: a rename keeps the sort order', async () => {
    const res = await admin.patch(`/api/places/${town.id}`, { name: '东山镇(城关)' }, ANY_VERSION);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '东山镇(城关)', sortOrder: 10, code: '360724100000', parentId: county.id, level: 'town' });
    const entry = await lastAudit('place', town.id);
    expect(entry.action).toBe('update');
    expect(entry.before.name).toBe('东山镇');
    expect(entry.after.name).toBe('东山镇(城关)');
    const cleared = await admin.patch(`/api/places/${town.id}`, { code: null, name: '东山镇' }, ANY_VERSION);
    expect(cleared.body).toMatchObject({ code: null, sortOrder: 10 });
    await admin.patch(`/api/places/${town.id}`, { code: '360724100000' }, ANY_VERSION);
  });

  it('rejects places that break the hierarchy, with Chinese messages and field paths', async () => {
    const orphanTown = await admin.post('/api/places', { level: 'town', name: '梅水乡' });
    expect(orphanTown.status).toBe(400);
    expect(orphanTown.body.error.code).toBe('VALIDATION');
    expect(orphanTown.body.error.message).toContain('乡镇必须选择所属的县');
    expect(orphanTown.body.error.details).toEqual([{ path: 'parentId', message: '请选择所属县' }]);

    const villageUnderCounty = await admin.post('/api/places', { parentId: county.id, level: 'village', name: '某村' });
    expect(villageUnderCounty.status).toBe(400);
    expect(villageUnderCounty.body.error.message).toContain('村/社区的上级必须是乡镇');
    expect(villageUnderCounty.body.error.details[0].path).toBe('parentId');

    const countyWithParent = await admin.post('/api/places', { parentId: county.id, level: 'county', name: '某县' });
    expect(countyWithParent.status).toBe(400);
    expect(countyWithParent.body.error.details[0]).toEqual({ path: 'parentId', message: '县级地名不能有上级' });

    const moveTownUnderVillage = await admin.patch(`/api/places/${town.id}`, { parentId: village.id }, ANY_VERSION);
    expect(moveTownUnderVillage.status).toBe(400);

    const demoteTownWithVillages = await admin.patch(`/api/places/${town.id}`, { level: 'village' }, ANY_VERSION);
    expect(demoteTownWithVillages.status).toBe(400);
    expect(demoteTownWithVillages.body.error.details[0].path).toBe('level');
  });

  it('rejects malformed fields through the schema, with Chinese messages and paths', async () => {
    const res = await admin.post('/api/places', { level: 'town', parentId: county.id, name: '  ', code: '3607' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'code']));
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath.name).toBe('请填写地名');
    expect(byPath.code).toBe('区划代码应为12位数字');
    const badLevel = await admin.post('/api/places', { level: 'city', name: '赣州市' });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.details[0].path).toBe('level');
  });

  it('refuses a duplicate division code, naming the place that has it', async () => {
    const res = await admin.post('/api/places', { parentId: county.id, level: 'town', name: '双溪乡', code: '360724100000' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toBe('区划代码"360724100000"已被"东山镇"使用');
    const sameName = await admin.post('/api/places', { parentId: county.id, level: 'town', name: '东山镇' });
    expect(sameName.status).toBe(409);
  });

  it('stores an SQL-looking name as plain text', async () => {
    const name = "'; drop table places; --";
    const res = await admin.post('/api/places', { parentId: town.id, level: 'village', name });
    expect(res.status).toBe(200);
    const list = await admin.get(`/api/places?q=${encodeURIComponent('drop table')}`);
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual([name]);
    expect((await admin.get('/api/places')).body.items.length).toBeGreaterThanOrEqual(5);
    expect((await admin.delete(`/api/places/${res.body.id}`)).status).toBe(200);
  });

  it('forbids staff and commissioners to change places', async () => {
    for (const client of [staff, commissioner]) {
      const post = await client.post('/api/places', { parentId: county.id, level: 'town', name: '平富乡' });
      expect(post.status).toBe(403);
      expect(post.body.error.code).toBe('FORBIDDEN');
      expect((await client.patch(`/api/places/${town.id}`, { name: 'x' }, ANY_VERSION)).status).toBe(403);
      expect((await client.delete(`/api/places/${village.id}`)).status).toBe(403);
    }
  });

  it('hides places from another organisation: not listed, 404 on change, unusable as a parent', async () => {
    const list = await otherAdmin.get('/api/places');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const patch = await otherAdmin.patch(`/api/places/${town.id}`, { name: '被改了' }, ANY_VERSION);
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(patch.body)).not.toContain('东山镇');
    expect((await otherAdmin.delete(`/api/places/${village.id}`)).status).toBe(404);
    const borrowParent = await otherAdmin.post('/api/places', { parentId: county.id, level: 'town', name: '借用镇' });
    expect(borrowParent.status).toBe(400);
    expect(borrowParent.body.error.details[0]).toEqual({ path: 'parentId', message: '上级地名不存在' });
    // Codes are unique per organisation only: the neighbour may hold the same code.
    const sameCode = await otherAdmin.post('/api/places', { level: 'county', name: '上犹县', code: '360724000000' });
    expect(sameCode.status).toBe(200);
  });

  it('refuses to delete a place that still has places below it, then deletes leaf first', async () => {
    const res = await admin.delete(`/api/places/${county.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('"上犹县"下还有2个下级地名,请先删除或移走它们');
    const leaf = await admin.delete(`/api/places/${village.id}`);
    expect(leaf).toMatchObject({ status: 200, body: { ok: true } });
    const entry = await lastAudit('place', village.id);
    expect(entry).toMatchObject({ action: 'delete', after: null });
    expect(entry.before.name).toBe('元鱼村');
    expect((await admin.delete(`/api/places/${village.id}`)).status).toBe(404);
  });

  it('needs a signed-in user', async () => {
    const res = await t.anonymous().get('/api/places');
    expect(res.status).toBe(401);
  });

  it("findPlace returns a place of the actor's organisation only", async () => {
    const ctx = serviceCtx();
    expect(await findPlace(ctx, town.id)).toMatchObject({ id: town.id, level: 'town' });
    const other = (await otherAdmin.post('/api/places', { level: 'county', name: '崇义县' })).body;
    expect(await findPlace(ctx, other.id)).toBeUndefined();
  });
});

describe('departments', () => {
  let forestry: { id: number };
  let forestryCreated: TestResponse;

  beforeEach(async () => {
    forestryCreated = await admin.post('/api/departments', { name: '县林业局', shortName: '林业', sortOrder: 20 });
    forestry = forestryCreated.body;
  });

  it('creates, lists in order, patches partially and deletes, with audit entries', async () => {
    const a = forestryCreated;
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      id: expect.any(Number),
      version: 1,
      name: '县林业局',
      shortName: '林业',
      sortOrder: 20,
      active: true,
      policies: { update: true, delete: true },
    });
    const b = await admin.post('/api/departments', { name: '县农业局', sortOrder: 10 });
    expect(b.body.shortName).toBeNull();
    const list = await staff.get('/api/departments');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(['县农业局', '县林业局']);

    const off = await admin.patch(`/api/departments/${forestry.id}`, { active: false }, ANY_VERSION);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ name: '县林业局', shortName: '林业', sortOrder: 20, active: false });
    const audit = await lastAudit('department', forestry.id);
    expect(audit).toMatchObject({ action: 'update', before: { active: true }, after: { active: false } });

    const del = await admin.delete(`/api/departments/${b.body.id}`);
    expect(del.status).toBe(200);
    expect((await lastAudit('department', b.body.id)).action).toBe('delete');
    expect((await admin.get('/api/departments')).body.items.map((d: { id: number }) => d.id)).toEqual([forestry.id]);
  });

  it('refuses a duplicate name on create and on rename', async () => {
    const dup = await admin.post('/api/departments', { name: '县林业局' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toBe('部门"县林业局"已存在');
    const other = await admin.post('/api/departments', { name: '县气象局' });
    const rename = await admin.patch(`/api/departments/${other.body.id}`, { name: '县林业局' }, ANY_VERSION);
    expect(rename.status).toBe(409);
  });

  it('validates with Chinese messages', async () => {
    const res = await admin.post('/api/departments', { name: '', sortOrder: -1 });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'sortOrder']));
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'name').message).toBe('请填写部门名称');
  });

  it('is admin-only to change and scoped to the organisation', async () => {
    expect((await staff.post('/api/departments', { name: '县卫生局' })).status).toBe(403);
    expect((await staff.patch(`/api/departments/${forestry.id}`, { name: 'x' }, ANY_VERSION)).status).toBe(403);
    expect((await commissioner.delete(`/api/departments/${forestry.id}`)).status).toBe(403);
    expect((await otherAdmin.get('/api/departments')).body.items).toEqual([]);
    expect((await otherAdmin.patch(`/api/departments/${forestry.id}`, { name: 'x' }, ANY_VERSION)).status).toBe(404);
    expect((await otherAdmin.delete(`/api/departments/${forestry.id}`)).status).toBe(404);
    // The same name is fine in another organisation.
    expect((await otherAdmin.post('/api/departments', { name: '县林业局' })).status).toBe(200);
  });
});

describe('dictionaries', () => {
  it('lists the default dictionaries with their item counts, for any role', async () => {
    const res = await commissioner.get('/api/dictionaries');
    expect(res.status).toBe(200);
    const program = res.body.items.find((d: { code: string }) => d.code === 'program');
    expect(program).toEqual({ id: expect.any(Number), code: 'program', name: '计划类别', description: '科技项目申报的计划类别', itemCount: 7 });
    const items = await staff.get('/api/dictionaries/program/items');
    expect(items.status).toBe(200);
    expect(items.body.items[0]).toMatchObject({ value: '科技富民强县专项行动计划', label: '科技富民强县专项行动计划', sortOrder: 10, active: true });
  });

  it('answers 404 for an unknown dictionary code', async () => {
    const res = await admin.get('/api/dictionaries/nope/items');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await admin.post('/api/dictionaries/nope/items', { value: 'a', label: 'A' })).status).toBe(404);
  });

  let itemId: number;
  let fourWinds: { dict: TestResponse; a: TestResponse; b: TestResponse; c: TestResponse };

  // 四风类别 (four_winds): 官僚主义 (sort 20), 形式主义 (10), 享乐主义 (20, itemId), added in that order.
  beforeEach(async () => {
    const dict = await admin.post('/api/dictionaries', { code: 'four_winds', name: '四风类别', description: '' });
    const b = await admin.post('/api/dictionaries/four_winds/items', { value: 'bureaucratism', label: '官僚主义', sortOrder: 20 });
    const a = await admin.post('/api/dictionaries/four_winds/items', { value: 'formalism', label: '形式主义', sortOrder: 10 });
    const c = await admin.post('/api/dictionaries/four_winds/items', { value: 'hedonism', label: '享乐主义', sortOrder: 20 });
    fourWinds = { dict, a, b, c };
    itemId = c.body.id;
  });

  it('creates a dictionary and its items, ordered by sort order then id, with audit entries', async () => {
    const { dict, a, b } = fourWinds;
    expect(dict.status).toBe(200);
    expect(dict.body).toEqual({ id: expect.any(Number), code: 'four_winds', name: '四风类别', description: null, itemCount: 0 });
    expect((await lastAudit('dictionary', dict.body.id)).action).toBe('create');

    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      id: expect.any(Number),
      version: 1,
      dictionaryId: dict.body.id,
      value: 'formalism',
      label: '形式主义',
      sortOrder: 10,
      active: true,
      measure: null,
      policies: { update: true, delete: true },
    });
    const items = await staff.get('/api/dictionaries/four_winds/items');
    expect(items.body.items.map((i: { value: string }) => i.value)).toEqual(['formalism', 'bureaucratism', 'hedonism']);
    expect((await lastAudit('dictionary_item', b.body.id)).after).toMatchObject({ value: 'bureaucratism', label: '官僚主义' });
    const list = await admin.get('/api/dictionaries');
    expect(list.body.items.find((d: { code: string }) => d.code === 'four_winds').itemCount).toBe(3);
  });

  it('refuses duplicate dictionary codes and item values', async () => {
    const dupDict = await admin.post('/api/dictionaries', { code: 'program', name: '又一个' });
    expect(dupDict.status).toBe(409);
    expect(dupDict.body.error.message).toContain('计划类别');
    const dupItem = await admin.post('/api/dictionaries/four_winds/items', { value: 'formalism', label: '形式' });
    expect(dupItem.status).toBe(409);
    expect(dupItem.body.error.message).toContain('形式主义');
    const renameClash = await admin.patch(`/api/dictionary-items/${itemId}`, { value: 'formalism' }, ANY_VERSION);
    expect(renameClash.status).toBe(409);
  });

  it('validates the dictionary code format in Chinese', async () => {
    const res = await admin.post('/api/dictionaries', { code: 'Bad Code', name: '坏编码' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'code', message: '字典编码只能包含小写字母、数字和下划线,并以字母开头' });
    const item = await admin.post('/api/dictionaries/four_winds/items', { value: '', label: '' });
    expect(item.status).toBe(400);
    expect(item.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['value', 'label']));
  });

  it('patches an item partially (sort order kept) and deletes it', async () => {
    const off = await admin.patch(`/api/dictionary-items/${itemId}`, { active: false, label: '享乐主义问题' }, ANY_VERSION);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ value: 'hedonism', label: '享乐主义问题', sortOrder: 20, active: false });
    expect(await lastAudit('dictionary_item', itemId)).toMatchObject({ action: 'update', before: { active: true }, after: { active: false } });
    const del = await admin.delete(`/api/dictionary-items/${itemId}`);
    expect(del.status).toBe(200);
    expect((await lastAudit('dictionary_item', itemId)).action).toBe('delete');
    expect((await admin.delete(`/api/dictionary-items/${itemId}`)).status).toBe(404);
  });

  it('is admin-only to change and scoped to the organisation', async () => {
    const items = (await admin.get('/api/dictionaries/four_winds/items')).body.items;
    const first = items[0].id;
    expect((await staff.post('/api/dictionaries', { code: 'x_y', name: 'x' })).status).toBe(403);
    expect((await staff.post('/api/dictionaries/four_winds/items', { value: 'x', label: 'x' })).status).toBe(403);
    expect((await staff.patch(`/api/dictionary-items/${first}`, { label: 'x' }, ANY_VERSION)).status).toBe(403);
    expect((await commissioner.delete(`/api/dictionary-items/${first}`)).status).toBe(403);
    expect((await otherAdmin.get('/api/dictionaries/four_winds/items')).status).toBe(404);
    expect((await otherAdmin.patch(`/api/dictionary-items/${first}`, { label: 'x' }, ANY_VERSION)).status).toBe(404);
    expect((await otherAdmin.delete(`/api/dictionary-items/${first}`)).status).toBe(404);
    // The other organisation keeps its own copy of the default dictionaries.
    const theirs = await otherAdmin.get('/api/dictionaries/program/items');
    const ours = await admin.get('/api/dictionaries/program/items');
    expect(theirs.body.items.length).toBe(7);
    expect(theirs.body.items[0].id).not.toBe(ours.body.items[0].id);
  });

  it('stores an SQL-looking label as plain text', async () => {
    const label = "x'); delete from dictionary_items; --";
    const res = await admin.post('/api/dictionaries/four_winds/items', { value: 'sqlish', label });
    expect(res.status).toBe(200);
    const items = (await admin.get('/api/dictionaries/four_winds/items')).body.items;
    expect(items.find((i: { value: string }) => i.value === 'sqlish').label).toBe(label);
    expect(items.length).toBe(4);
  });

  it('gives ledgers the active items and checks a stored value against them', async () => {
    const ctx = serviceCtx();
    const formalism = (await listDictionaryItems(ctx, 'four_winds')).find((i) => i.value === 'formalism')!;
    await admin.patch(`/api/dictionary-items/${formalism.id}`, { active: false }, ANY_VERSION);
    const all = await listDictionaryItems(ctx, 'four_winds');
    const active = await listDictionaryItems(ctx, 'four_winds', { activeOnly: true });
    expect(all.length).toBe(active.length + 1);

    expect(await assertDictionaryValue(ctx, 'event_type', '科技三下乡')).toMatchObject({ label: '科技三下乡' });
    await expect(assertDictionaryValue(ctx, 'event_type', '不存在的活动', 'eventType')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '"不存在的活动"不是活动类型中的选项',
      details: [{ path: 'eventType', message: '"不存在的活动"不是活动类型中的选项' }],
    });
    await expect(assertDictionaryValue(ctx, 'four_winds', 'formalism')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('已停用'),
    });
    await expect(assertDictionaryValue(ctx, 'no_such_dict', 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(listDictionaryItems(ctx, 'no_such_dict')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('deleting a row another record still points at', () => {
  it('reports "referenced" on the foreign-key violation of either database', async () => {
    const db = t.database.db;
    const county = await repo.insertPlace(db, org.id, { parentId: null, level: 'county', name: '外键县', code: null, sortOrder: 0 });
    await repo.insertPlace(db, org.id, { parentId: county.id, level: 'town', name: '外键镇', code: null, sortOrder: 0 });
    expect(await repo.deletePlace(db, county.id)).toBe('referenced');
    expect(await repo.findPlace(db, org.id, county.id)).toBeDefined();
  });
});
