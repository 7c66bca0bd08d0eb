import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { type TestApp, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

/** A valid 统一社会信用代码 whose 17 first characters end in `serial`. */
export function creditCode(serial: number): string {
  const first17 = `91360724MA3${String(serial).padStart(6, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * A county bureau of its own (credit codes and lists are per bureau): 业务股 (staff), 办公室, an admin,
 * a commissioner, another bureau's staff member, and the town 东山镇.
 */
async function bureau() {
  const f = t.factories;
  const county = await f.org({ name: '上犹县科技局' });
  const other = await f.org({ name: '崇义县科技局' });
  const business = await f.section(county, '业务股');
  const staffUser = await f.user({ org: county, role: 'staff', section: business });
  const officeUser = await f.user({ org: county, role: 'staff', section: await f.section(county, '办公室') });
  const commissioner = await f.user({ org: county, role: 'commissioner' });
  const foreignUser = await f.user({ org: other, role: 'staff' });
  const admin = await t.login((await f.user({ org: county, role: 'admin' })).username);
  const countyPlace = await admin.post('/api/places', { level: 'county', name: '上犹县', code: '360724000000' });
  const townId: number = (await admin.post('/api/places', { level: 'town', name: '东山镇', code: '360724100000', parentId: countyPlace.body.id })).body.id;
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: '江西犹江茶业有限公司',
    creditCode: creditCode(1),
    kind: '科技型中小企业',
    industry: 'agriculture',
    townId,
    address: '东山镇工业园',
    contactPerson: '张经理',
    contactPhone: '0797-8500001',
    notes: null,
    ...overrides,
  });
  return {
    business,
    admin,
    body,
    staff: await t.login(staffUser.username),
    office: () => t.login(officeUser.username),
    commissioner: () => t.login(commissioner.username),
    foreign: () => t.login(foreignUser.username),
  };
}

/** A bureau with the three enterprises of the list: 江西犹江茶业有限公司, 元鱼村蔬菜合作社 and 上犹县稀土新材料有限公司. */
async function bureauWithThree() {
  const b = await bureau();
  for (const extra of [
    {},
    { creditCode: '', name: '元鱼村蔬菜合作社', kind: '合作社' },
    { name: '上犹县稀土新材料有限公司', creditCode: creditCode(4), industry: 'industry', kind: '高新技术企业' },
  ]) {
    const res = await b.staff.post('/api/enterprises', b.body(extra));
    expect(res.status, res.text).toBe(200);
  }
  return b;
}

describe('enterprises', () => {
  it("are registered with a validated credit code, belong to the staff member's section, and are audited", async () => {
    const { staff, admin, business, body } = await bureau();
    const res = await staff.post('/api/enterprises', body());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '江西犹江茶业有限公司', townName: '东山镇', sectionId: business.id, projectCount: 0 });
    const audit = await admin.get(`/api/audit?entityType=enterprise&entityId=${res.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'create', after: { name: '江西犹江茶业有限公司' } });
  });

  it('refuse a wrong check digit, a wrong length, and a missing code for a company, in Chinese', async () => {
    const { staff, body } = await bureau();
    const code = creditCode(2);
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const res = await staff.post('/api/enterprises', body({ creditCode: wrong, name: '错码公司' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'creditCode', message: '统一社会信用代码校验位不正确,请核对' }]);
    const short = await staff.post('/api/enterprises', body({ creditCode: '9136', name: '短码' }));
    expect(short.body.error.details[0].message).toBe('统一社会信用代码应为18位');
    const missing = await staff.post('/api/enterprises', body({ creditCode: null, name: '无码公司' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('creditCode');
  });

  it('allow a cooperative or demonstration base without a code', async () => {
    const { staff, body } = await bureau();
    const res = await staff.post('/api/enterprises', body({ creditCode: '', name: '元鱼村蔬菜合作社', kind: '合作社' }));
    expect(res.status).toBe(200);
    expect(res.body.creditCode).toBeNull();
  });

  it('answer a duplicate credit code with 409 naming the existing record', async () => {
    const { staff, body } = await bureau();
    expect((await staff.post('/api/enterprises', body())).status).toBe(200);
    const res = await staff.post('/api/enterprises', body({ name: '另一个名字' }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`统一社会信用代码 ${creditCode(1)} 已登记为"江西犹江茶业有限公司"`);
    expect(res.body.error.details.existingName).toBe('江西犹江茶业有限公司');
  });

  it('refuse a kind that is not in the dictionary', async () => {
    const { staff, body } = await bureau();
    const res = await staff.post('/api/enterprises', body({ kind: '皮包公司', creditCode: creditCode(3) }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('kind');
  });

  it('are listed with filters, search and sorting', async () => {
    const { staff } = await bureauWithThree();
    const all = await staff.get('/api/enterprises?sort=name&order=asc');
    expect(all.body.total).toBe(3);
    const industry = await staff.get('/api/enterprises?industry=industry');
    expect(industry.body.items.map((e: { name: string }) => e.name)).toEqual(['上犹县稀土新材料有限公司']);
    const q = await staff.get(`/api/enterprises?q=${encodeURIComponent('茶业')}`);
    expect(q.body.items).toHaveLength(1);
    const kind = await staff.get(`/api/enterprises?kind=${encodeURIComponent('合作社')}`);
    expect(kind.body.items.map((e: { name: string }) => e.name)).toEqual(['元鱼村蔬菜合作社']);
    expect((await staff.get('/api/enterprises?sort=bogus')).status).toBe(400);
  });

  it('refuse deletion while a project refers to them, with a clear message', async () => {
    const { staff } = await bureauWithThree();
    const e = (await staff.get(`/api/enterprises?q=${encodeURIComponent('稀土')}`)).body.items[0];
    await staff.post('/api/projects', { title: '稀土永磁材料研发', enterpriseId: e.id, field: 'industry', stage: 'lead', stageDates: { lead: '2014-02-10' } });
    const res = await staff.delete(`/api/enterprises/${e.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('"上犹县稀土新材料有限公司"还关联着1个项目,不能删除;请先处理这些记录');
    expect((await staff.get(`/api/enterprises/${e.id}`)).body.projects).toHaveLength(1);
  });

  it('are deleted when nothing refers to them', async () => {
    const { staff, body } = await bureau();
    const e = (await staff.post('/api/enterprises', body({ name: '待删合作社', kind: '合作社', creditCode: null }))).body;
    expect((await staff.delete(`/api/enterprises/${e.id}`)).status).toBe(200);
    expect((await staff.get(`/api/enterprises/${e.id}`)).status).toBe(404);
  });

  it('may not be changed by staff of another section (403), and changes nothing', async () => {
    const b = await bureauWithThree();
    const { staff, body } = b;
    const e = (await staff.get(`/api/enterprises?q=${encodeURIComponent('茶业')}`)).body.items[0];
    const officeStaff = await b.office();
    expect((await officeStaff.get(`/api/enterprises/${e.id}`)).status).toBe(200);
    const res = await officeStaff.request('PUT', `/api/enterprises/${e.id}`, body({ name: '被改名' }), ANY_VERSION);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('只能修改本股室的记录');
    expect((await officeStaff.delete(`/api/enterprises/${e.id}`)).status).toBe(403);
    expect((await staff.get(`/api/enterprises/${e.id}`)).body.name).toBe('江西犹江茶业有限公司');
    const updated = await staff.request('PUT', `/api/enterprises/${e.id}`, body({ name: '江西犹江茶业股份有限公司' }), ANY_VERSION);
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('江西犹江茶业股份有限公司');
  });

  it('are invisible to another bureau (404) and closed to commissioners (403)', async () => {
    const b = await bureauWithThree();
    const { staff, body } = b;
    const e = (await staff.get('/api/enterprises')).body.items[0];
    const foreign = await b.foreign();
    const get = await foreign.get(`/api/enterprises/${e.id}`);
    expect(get.status).toBe(404);
    expect(get.text).not.toContain(e.name);
    expect((await foreign.request('PUT', `/api/enterprises/${e.id}`, body({ creditCode: creditCode(9) }), ANY_VERSION)).status).toBe(404);
    expect((await foreign.delete(`/api/enterprises/${e.id}`)).status).toBe(404);
    expect((await foreign.get('/api/enterprises')).body.total).toBe(0);
    const commissioner = await b.commissioner();
    expect((await commissioner.get('/api/enterprises')).status).toBe(403);
    expect((await commissioner.get(`/api/enterprises/${e.id}`)).status).toBe(403);
  });
});
