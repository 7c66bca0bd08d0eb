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
  /** Clients by role, each signed in on its first request. */
  admin: TestClient;
  leader: TestClient;
  staff: TestClient;
  officeStaff: TestClient;
  provinceLeader: TestClient;
  foreignAdmin: TestClient;
  foreignLeader: TestClient;
  foreignStaff: TestClient;
  /** The commissioner accounts 张建国, 李春华, 赵未关联 (never linked) and the other bureau's one. */
  zhang: TestClient;
  li: TestClient;
  unlinked: TestClient;
  foreignCommissioner: TestClient;
  /** User ids of the commissioner accounts (and of 王丽 of 业务股). */
  users: { zhang: number; li: number; unlinked: number; staff: number; foreignCommissioner: number };
  /** Usernames, unique to this world. */
  usernames: { zhang: string; li: string };
  places: { county: number; dongshan: number; yingqian: number; yuanyu: number; foreignTown: number };
  enterpriseId: number;
  foreignEnterpriseId: number;
}

/**
 * 上犹县科技局 under 江西省科技厅, with 业务股 (王丽) and 办公室 (陈明), and 崇义县科技局 on its own. Places of
 * 上犹: 东山镇 with 元鱼村, and 营前镇. Commissioner accounts 张建国, 李春华 and 赵未关联 (never linked).
 * Every call builds a new world with usernames of its own, so each test can have one.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const f = t.factories;
  const province = await f.org({ name: '江西省科技厅', level: 'province' });
  const county = await f.org({ name: '上犹县科技局', parent: province });
  const other = await f.org({ name: '崇义县科技局' });
  const business = await f.section(county, '业务股');
  const office = await f.section(county, '办公室');
  const signIn = async (input: Parameters<typeof f.user>[0]) => {
    const user = await f.user(input);
    return { id: user.id, username: user.username, client: t.lazyLogin(user.username) };
  };
  const admin = await signIn({ org: county, role: 'admin', displayName: '管理员' });
  const leader = await signIn({ org: county, role: 'leader', displayName: '刘局长' });
  const staff = await signIn({ org: county, role: 'staff', section: business, displayName: '王丽' });
  const officeStaff = await signIn({ org: county, role: 'staff', section: office, displayName: '陈明' });
  const zhang = await signIn({ org: county, role: 'commissioner', displayName: '张建国' });
  const li = await signIn({ org: county, role: 'commissioner', displayName: '李春华' });
  const unlinked = await signIn({ org: county, role: 'commissioner', displayName: '赵未关联' });
  const provinceLeader = await signIn({ org: province, role: 'leader', displayName: '省厅领导' });
  const foreignAdmin = await signIn({ org: other, role: 'admin' });
  const foreignLeader = await signIn({ org: other, role: 'leader' });
  const foreignStaff = await signIn({ org: other, role: 'staff' });
  const foreignCommissioner = await signIn({ org: other, role: 'commissioner' });

  const place = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.post('/api/places', body);
    if (res.status !== 200) throw new Error(res.text);
    return res.body.id as number;
  };
  const countyPlace = await place(admin.client, { level: 'county', name: '上犹县', code: '360724000000' });
  const dongshan = await place(admin.client, { level: 'town', name: '东山镇', code: '360724100000', parentId: countyPlace });
  const yingqian = await place(admin.client, { level: 'town', name: '营前镇', code: '360724101000', parentId: countyPlace });
  const yuanyu = await place(admin.client, { level: 'village', name: '元鱼村', code: '360724100201', parentId: dongshan });
  const foreignCounty = await place(foreignAdmin.client, { level: 'county', name: '崇义县', code: '360725000000' });
  const foreignTown = await place(foreignAdmin.client, { level: 'town', name: '横水镇', code: '360725100000', parentId: foreignCounty });

  return {
    t,
    county,
    other,
    admin: admin.client,
    leader: leader.client,
    staff: staff.client,
    officeStaff: officeStaff.client,
    provinceLeader: provinceLeader.client,
    foreignAdmin: foreignAdmin.client,
    foreignLeader: foreignLeader.client,
    foreignStaff: foreignStaff.client,
    zhang: zhang.client,
    li: li.client,
    unlinked: unlinked.client,
    foreignCommissioner: foreignCommissioner.client,
    users: { zhang: zhang.id, li: li.id, unlinked: unlinked.id, staff: staff.id, foreignCommissioner: foreignCommissioner.id },
    usernames: { zhang: zhang.username, li: li.username },
    places: { county: countyPlace, dongshan, yingqian, yuanyu, foreignTown },
    enterpriseId: (await f.enterprise(county, { name: '元鱼村蔬菜合作社', townId: dongshan })).id,
    foreignEnterpriseId: (await f.enterprise(other, { name: '横水镇茶叶合作社' })).id,
  };
}

/** Registers a roster entry through the API (as 业务股's staff unless told) and returns its id. */
export async function register(w: World, overrides: Record<string, unknown> = {}, client: TestClient = w.staff): Promise<number> {
  const res = await client.post('/api/commissioners', commissionerBody(overrides));
  if (res.status !== 200) throw new Error(`register failed: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Writes a service log through the API and returns its id. */
export async function writeLog(client: TestClient, commissionerId: number, overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await client.post(`/api/commissioners/${commissionerId}/service-logs`, logBody(overrides));
  if (res.status !== 200) throw new Error(`service log failed: ${res.status} ${res.text}`);
  return res.body.id;
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
