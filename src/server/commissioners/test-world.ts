// Test data shared by the commissioners tests: two county bureaus (one under a province), their
// people, places and an enterprise, built through the API where the API builds them.
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

/** The real app on a fresh database. */
export function createCommissionerTestApp(): Promise<TestApp> {
  return createTestApp();
}

// A 1×1 PNG: a real image, small enough for any upload limit.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Uploads one file through POST /api/files as a browser would (multipart/form-data). */
export async function upload(client: TestClient, filename: string, content: Buffer = PNG): Promise<number> {
  const boundary = '----keguanCommissionerBoundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`, 'utf8'),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return res.body.id;
}

export interface World {
  t: TestApp;
  county: OrgRow;
  other: OrgRow;
  /** Signed-in clients, by role. */
  admin: TestClient;
  leader: TestClient;
  staff: TestClient;
  officeStaff: TestClient;
  provinceLeader: TestClient;
  foreignAdmin: TestClient;
  foreignLeader: TestClient;
  foreignStaff: TestClient;
  /** User ids of the commissioner accounts. */
  users: { zhang: number; li: number; unlinked: number; staff: number; foreignCommissioner: number };
  places: { county: number; dongshan: number; yingqian: number; yuanyu: number; foreignTown: number };
  enterpriseId: number;
  foreignEnterpriseId: number;
}

/**
 * 上犹县科技局 under 江西省科技厅, with 业务股 and 办公室, and 崇义县科技局 on its own. Places of
 * 上犹: 东山镇 with 元鱼村, and 营前镇. Commissioner accounts tp_zhang, tp_li and tp_free (never linked).
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const f = t.factories;
  const province = await f.org({ name: '江西省科技厅', level: 'province' });
  const county = await f.org({ name: '上犹县科技局', parent: province });
  const other = await f.org({ name: '崇义县科技局' });
  const business = await f.section(county, '业务股');
  const office = await f.section(county, '办公室');
  await f.user({ org: county, role: 'admin', username: 'sy_admin', displayName: '管理员' });
  await f.user({ org: county, role: 'leader', username: 'sy_leader', displayName: '刘局长' });
  const staffUser = await f.user({ org: county, role: 'staff', section: business, username: 'sy_staff', displayName: '王丽' });
  await f.user({ org: county, role: 'staff', section: office, username: 'sy_office', displayName: '陈明' });
  const zhang = await f.user({ org: county, role: 'commissioner', username: 'tp_zhang', displayName: '张建国' });
  const li = await f.user({ org: county, role: 'commissioner', username: 'tp_li', displayName: '李春华' });
  const unlinked = await f.user({ org: county, role: 'commissioner', username: 'tp_free', displayName: '赵未关联' });
  await f.user({ org: province, role: 'leader', username: 'prov_leader', displayName: '省厅领导' });
  await f.user({ org: other, role: 'admin', username: 'cy_admin' });
  await f.user({ org: other, role: 'leader', username: 'cy_leader' });
  await f.user({ org: other, role: 'staff', username: 'cy_staff' });
  const foreignCommissioner = await f.user({ org: other, role: 'commissioner', username: 'cy_tp' });

  const admin = await t.login('sy_admin');
  const place = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.post('/api/places', body);
    if (res.status !== 200) throw new Error(res.text);
    return res.body.id as number;
  };
  const countyPlace = await place(admin, { level: 'county', name: '上犹县', code: '360724000000' });
  const dongshan = await place(admin, { level: 'town', name: '东山镇', code: '360724100000', parentId: countyPlace });
  const yingqian = await place(admin, { level: 'town', name: '营前镇', code: '360724101000', parentId: countyPlace });
  const yuanyu = await place(admin, { level: 'village', name: '元鱼村', code: '360724100201', parentId: dongshan });
  const foreignAdmin = await t.login('cy_admin');
  const foreignCounty = await place(foreignAdmin, { level: 'county', name: '崇义县', code: '360725000000' });
  const foreignTown = await place(foreignAdmin, { level: 'town', name: '横水镇', code: '360725100000', parentId: foreignCounty });

  return {
    t,
    county,
    other,
    admin,
    leader: await t.login('sy_leader'),
    staff: await t.login('sy_staff'),
    officeStaff: await t.login('sy_office'),
    provinceLeader: await t.login('prov_leader'),
    foreignAdmin,
    foreignLeader: await t.login('cy_leader'),
    foreignStaff: await t.login('cy_staff'),
    users: { zhang: zhang.id, li: li.id, unlinked: unlinked.id, staff: staffUser.id, foreignCommissioner: foreignCommissioner.id },
    places: { county: countyPlace, dongshan, yingqian, yuanyu, foreignTown },
    enterpriseId: (await f.enterprise(county, { name: '元鱼村蔬菜合作社', townId: dongshan })).id,
    foreignEnterpriseId: (await f.enterprise(other, { name: '横水镇茶叶合作社' })).id,
  };
}

/** A full roster entry body, to be varied by each test. */
export function commissionerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '张建国',
    gender: 'male',
    employer: '上犹县农业局',
    title: '高级农艺师',
    specialty: '茶叶栽培与加工',
    phone: '13907970001',
    placeIds: [],
    enterpriseIds: [],
    termStartYear: 2013,
    termEndYear: 2015,
    status: 'active',
    userId: null,
    notes: null,
    ...overrides,
  };
}

/** A full service log body, to be varied by each test. */
export function logBody(overrides: Record<string, unknown> = {}) {
  return {
    logDate: '2014-03-15',
    placeId: null,
    enterpriseId: null,
    kind: '技术指导',
    content: '指导茶园春季修剪与施肥',
    peopleServed: 20,
    problemsSolved: '茶园修剪方法不当',
    newTechniques: null,
    fileIds: [],
    ...overrides,
  };
}
