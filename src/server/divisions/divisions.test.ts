import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import type { TestApp, TestClient } from '../test/harness.js';
import { createTestApp } from '../test/harness.js';
import { findDivision, listDivisions, readCountyPlaces } from './catalogue.js';

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A new organisation (with the 12-digit region code of a division, if given) and a signed-in user of it. */
async function bureau(options: { divisionCode?: string; role?: 'admin' | 'staff' } = {}): Promise<{ org: OrgRow; client: TestClient }> {
  const org = await t.factories.org();
  if (options.divisionCode) {
    await t.database.db
      .updateTable('orgs')
      .set({ region_code: `${options.divisionCode}000000` })
      .where('id', '=', org.id)
      .execute();
  }
  const username = `div_${options.role ?? 'admin'}_${++counter}`;
  await t.factories.user({ org, role: options.role ?? 'admin', username });
  return { org, client: await t.login(username) };
}

interface PlaceItem {
  id: number;
  version: number;
  parentId: number | null;
  level: string;
  name: string;
  code: string | null;
}

async function placesOf(client: TestClient): Promise<PlaceItem[]> {
  const res = await client.get('/api/places');
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('the division list', () => {
  it('lists the provinces without signing in, each with its 6-digit code', async () => {
    const res = await t.anonymous().get('/api/divisions');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(31);
    expect(res.body.items.find((d: { name: string }) => d.name === '湖南省')).toEqual({
      code: '430000',
      name: '湖南省',
      level: 'province',
      parentCode: null,
      fullName: '湖南省',
      hasChildren: true,
      hasPlaces: false,
    });
    expect(res.body.items.map((d: { name: string }) => d.name)).not.toContain('香港特别行政区');
  });

  it('lists the cities of a province and the counties of a city, with full names', async () => {
    const cities = (await t.anonymous().get('/api/divisions?parent=430000')).body.items;
    expect(cities.find((d: { code: string }) => d.code === '430400')).toMatchObject({ name: '衡阳市', level: 'city', parentCode: '430000', hasChildren: true });
    const counties = (await t.anonymous().get('/api/divisions?parent=430400')).body.items;
    expect(counties.find((d: { code: string }) => d.code === '430424')).toEqual({
      code: '430424',
      name: '衡东县',
      level: 'county',
      parentCode: '430400',
      fullName: '湖南省衡阳市衡东县',
      hasChildren: false,
      hasPlaces: true,
    });
    expect(counties.map((d: { code: string }) => d.code)).toEqual([...counties.map((d: { code: string }) => d.code)].sort());
  });

  it('lists a municipality’s districts and counties directly, without 市辖区 or 县', async () => {
    const beijing = (await t.anonymous().get('/api/divisions?parent=110000')).body.items;
    expect(beijing[0]).toMatchObject({ code: '110101', name: '东城区', level: 'county', parentCode: '110000', fullName: '北京市东城区' });
    expect(beijing.map((d: { name: string }) => d.name)).not.toContain('市辖区');
    const chongqing = (await t.anonymous().get('/api/divisions?parent=500000')).body.items.map((d: { name: string }) => d.name);
    expect(chongqing).toEqual(expect.arrayContaining(['万州区', '城口县']));
    expect(chongqing).not.toContain('县');
    expect(await findDivision('110100')).toBeNull();
  });

  it('keeps 省直辖县级行政区划 under its name and names its cities without it', async () => {
    const hubei = (await t.anonymous().get('/api/divisions?parent=420000')).body.items;
    expect(hubei.find((d: { code: string }) => d.code === '429000')).toMatchObject({ name: '省直辖县级行政区划', level: 'city', hasChildren: true });
    const direct = await listDivisions('429000');
    expect(direct.find((d) => d.code === '429004')).toMatchObject({ name: '仙桃市', fullName: '湖北省仙桃市', level: 'county', hasPlaces: true });
  });

  it('shows a city without counties as a city with places and no children', async () => {
    expect(await findDivision('441900')).toMatchObject({ name: '东莞市', level: 'city', fullName: '广东省东莞市', hasChildren: false, hasPlaces: true });
    expect(await findDivision('620200')).toMatchObject({ name: '嘉峪关市', level: 'city', hasChildren: false, hasPlaces: true });
    // 嘉峪关's towns are coded under its one county-level entry 620201.
    const towns = await readCountyPlaces('620200');
    expect(towns.length).toBeGreaterThan(0);
    expect(towns.every((town) => town.code.startsWith('620201') && town.code.length === 12)).toBe(true);
    expect((await t.anonymous().get('/api/divisions?parent=441900')).body.items).toEqual([]);
  });

  it('answers 404 in Chinese for an unknown parent and 400 for a malformed one', async () => {
    const unknown = await t.anonymous().get('/api/divisions?parent=999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: '区划代码“999999”不在全国区划库中' });
    const malformed = await t.anonymous().get('/api/divisions?parent=36');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION');
  });

  it('reads one county’s towns in code order, each with its villages', async () => {
    const towns = await readCountyPlaces('430424');
    expect(towns.length).toBeGreaterThan(10);
    expect(towns.map((town) => town.code)).toEqual([...towns.map((town) => town.code)].sort());
    for (const town of towns) {
      expect(town.code).toMatch(/^430424\d{3}000$/);
      for (const village of town.villages) expect(village.code.slice(0, 9)).toBe(town.code.slice(0, 9));
    }
    // Committee names become place names.
    const names = towns.flatMap((town) => town.villages.map((v) => v.name));
    expect(names.some((name) => /委员会$|委会$/.test(name))).toBe(false);
    expect(await readCountyPlaces('430400')).toEqual([]);
  });
});

describe('从区划库导入', () => {
  it('loads the county, its towns and villages into a new organisation’s places, by its own division', async () => {
    const { client } = await bureau({ divisionCode: '430424' });
    const expected = await readCountyPlaces('430424');
    const villageCount = expected.reduce((n, town) => n + town.villages.length, 0);

    const res = await client.post('/api/places/import-division', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ towns: expected.length, villages: villageCount, added: 1 + expected.length + villageCount, kept: 0 });
    expect(res.body.division).toMatchObject({ code: '430424', fullName: '湖南省衡阳市衡东县' });

    const places = await placesOf(client);
    expect(places).toHaveLength(1 + expected.length + villageCount);
    const county = places.find((p) => p.level === 'county')!;
    expect(county).toMatchObject({ name: '衡东县', code: '430424000000', parentId: null });
    const firstTown = places.find((p) => p.code === expected[0].code)!;
    expect(firstTown).toMatchObject({ level: 'town', name: expected[0].name, parentId: county.id });
    const firstVillage = places.find((p) => p.code === expected[0].villages[0].code)!;
    expect(firstVillage).toMatchObject({ level: 'village', name: expected[0].villages[0].name, parentId: firstTown.id });

    const audit = await client.get(`/api/audit?entityType=place&entityId=${county.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'import', after: { divisionCode: '430424', added: res.body.added, kept: 0 } });
  });

  it('adds nothing when imported again, and leaves no second audit entry', async () => {
    const { client } = await bureau({ divisionCode: '430424' });
    const first = await client.post('/api/places/import-division', { code: '430424' });
    expect(first.status).toBe(200);
    const again = await client.post('/api/places/import-division', {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 0, kept: first.body.added });
    expect(await placesOf(client)).toHaveLength(first.body.added);
    const county = (await placesOf(client)).find((p) => p.level === 'county')!;
    const audit = await client.get(`/api/audit?entityType=place&entityId=${county.id}`);
    expect(audit.body.items.filter((e: { after: { divisionCode?: string } | null }) => e.after?.divisionCode)).toHaveLength(1);
  });

  it('keeps a renamed village and a place the admin added, and puts back a village that was deleted', async () => {
    const { client } = await bureau({ divisionCode: '430424' });
    await client.post('/api/places/import-division', {});
    const places = await placesOf(client);
    const [village, removed] = places.filter((p) => p.level === 'village');
    const town = places.find((p) => p.id === village.parentId)!;
    const renamed = await client.patch(`/api/places/${village.id}`, { name: '改过名的村' }, { 'if-match': `"${village.version}"` });
    expect(renamed.status).toBe(200);
    const own = await client.post('/api/places', { parentId: town.id, level: 'village', name: '自己加的安置小区', code: null });
    expect(own.status).toBe(200);
    expect((await client.delete(`/api/places/${removed.id}`)).status).toBe(200);

    const again = await client.post('/api/places/import-division', {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: 1, kept: places.length - 1 });
    const after = await placesOf(client);
    expect(after.find((p) => p.id === village.id)).toMatchObject({ name: '改过名的村', code: village.code });
    expect(after.find((p) => p.id === own.body.id)).toMatchObject({ name: '自己加的安置小区', code: null, parentId: town.id });
    expect(after.find((p) => p.code === removed.code)).toMatchObject({ name: removed.name, parentId: removed.parentId });
    expect(after).toHaveLength(places.length + 1);
  });

  it('adopts places typed by hand before the import when they have the same name under the same parent', async () => {
    const { client } = await bureau({ divisionCode: '430424' });
    const [town] = await readCountyPlaces('430424');
    const county = await client.post('/api/places', { level: 'county', name: '衡东县', code: null });
    const typed = await client.post('/api/places', { parentId: county.body.id, level: 'town', name: town.name, code: null });
    expect(typed.status).toBe(200);

    const res = await client.post('/api/places/import-division', {});
    expect(res.status).toBe(200);
    expect(res.body.kept).toBe(2);
    const places = await placesOf(client);
    expect(places.filter((p) => p.level === 'county')).toHaveLength(1);
    expect(places.filter((p) => p.name === town.name)).toEqual([expect.objectContaining({ id: typed.body.id, code: null })]);
    expect(places.filter((p) => p.parentId === typed.body.id)).toHaveLength(town.villages.length);
  });

  it('imports a city without counties (东莞) by its code, under a county-level root of the city’s name', async () => {
    const { client } = await bureau();
    const res = await client.post('/api/places/import-division', { code: '441900' });
    expect(res.status).toBe(200);
    expect(res.body.towns).toBeGreaterThan(20);
    const places = await placesOf(client);
    expect(places.find((p) => p.level === 'county')).toMatchObject({ name: '东莞市', code: '441900000000' });
  });

  it('answers a repeated Idempotency-Key with the first answer', async () => {
    const { client } = await bureau({ divisionCode: '430424' });
    const headers = { 'idempotency-key': `import-${counter}` };
    const first = await client.request('POST', '/api/places/import-division', {}, headers);
    const second = await client.request('POST', '/api/places/import-division', {}, headers);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('is for admins only', async () => {
    const { client } = await bureau({ divisionCode: '430424', role: 'staff' });
    const res = await client.post('/api/places/import-division', {});
    expect(res.status).toBe(403);
    expect(await placesOf(client)).toEqual([]);
    expect((await t.anonymous().post('/api/places/import-division', {})).status).toBe(401);
  });

  it('refuses a province, a city with counties, an unknown code and a malformed one, each with a clear message', async () => {
    const { client } = await bureau();
    const province = await client.post('/api/places/import-division', { code: '430000' });
    expect(province.status).toBe(400);
    expect(province.body.error.message).toBe('“湖南省”是省级区划，只能导入县级区划（县、区、县级市）的乡镇和村（社区）');
    const city = await client.post('/api/places/import-division', { code: '430400' });
    expect(city.status).toBe(400);
    expect(city.body.error.message).toContain('“湖南省衡阳市”是市级区划');
    const unknown = await client.post('/api/places/import-division', { code: '999999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('区划代码“999999”不在全国区划库中');
    const malformed = await client.post('/api/places/import-division', { code: '4304' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION');
    expect(await placesOf(client)).toEqual([]);
  });

  it('tells a signed-in user the division of their organisation, or null', async () => {
    const { client } = await bureau({ divisionCode: '430424', role: 'staff' });
    const own = await client.get('/api/divisions/own');
    expect(own.status).toBe(200);
    expect(own.body.division).toMatchObject({ code: '430424', fullName: '湖南省衡阳市衡东县', hasPlaces: true });
    const none = await (await bureau()).client.get('/api/divisions/own');
    expect(none.body).toEqual({ division: null });
    expect((await t.anonymous().get('/api/divisions/own')).status).toBe(401);
  });

  it('asks for a county when the organisation has no division and none is given', async () => {
    const { client } = await bureau();
    const res = await client.post('/api/places/import-division', {});
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', message: '本单位未设置行政区划，请选择要导入的县（区）' });
  });
});
