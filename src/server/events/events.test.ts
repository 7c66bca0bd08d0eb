import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * A county bureau of its own, so a test that counts events sees only its own: 业务股 (staff) and
 * 办公室 (office), an admin, a commissioner and a foreign bureau's staff; towns 东山镇 (with 元鱼村),
 * 社溪镇 and 营前镇; four departments; an enterprise in 社溪镇.
 */
async function bureau() {
  const f = t.factories;
  const county = await f.org({ name: '上犹县科技局' });
  const other = await f.org({ name: '崇义县科技局' });
  const admin = await f.user({ org: county, role: 'admin' });
  const staffUser = await f.user({ org: county, section: await f.section(county, '业务股') });
  const officeUser = await f.user({ org: county, section: await f.section(county, '办公室') });
  const commissioner = await f.user({ org: county, role: 'commissioner' });
  const foreignUser = await f.user({ org: other });
  const adminClient = await t.login(admin.username);
  const place: Record<string, number> = {};
  const dept: Record<string, number> = {};
  const c = (await adminClient.post('/api/places', { level: 'county', name: '上犹县' })).body.id;
  place.dongshan = (await adminClient.post('/api/places', { level: 'town', name: '东山镇', parentId: c, sortOrder: 1 })).body.id;
  place.sheshi = (await adminClient.post('/api/places', { level: 'town', name: '社溪镇', parentId: c, sortOrder: 2 })).body.id;
  place.yingqian = (await adminClient.post('/api/places', { level: 'town', name: '营前镇', parentId: c, sortOrder: 3 })).body.id;
  place.yuanyu = (await adminClient.post('/api/places', { level: 'village', name: '元鱼村', parentId: place.dongshan })).body.id;
  for (const [i, [key, name, shortName]] of [
    ['forestry', '县林业局', '林业'],
    ['agri', '县农业局', '农业'],
    ['tea', '县果茶局', '茶果'],
    ['weather', '县气象局', '气象'],
  ].entries()) {
    dept[key] = (await adminClient.post('/api/departments', { name, shortName, sortOrder: (i + 1) * 10 })).body.id;
  }
  const enterpriseInSheshi = (await f.enterprise(county, { name: '社溪镇某合作社', townId: place.sheshi })).id;
  const event = (overrides: Record<string, unknown> = {}) => ({
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    startDate: '2014-03-05',
    role: 'lead',
    organiser: '上犹县科技局',
    placeIds: [place.yuanyu],
    departmentIds: [dept.agri, dept.forestry],
    expertCount: 12,
    materials: 3000,
    books: 1000,
    leaflets: 2000,
    boards: 16,
    consultations: 2400,
    ...overrides,
  });
  return {
    admin: adminClient,
    staff: await t.login(staffUser.username),
    office: () => t.login(officeUser.username),
    commissioner: () => t.login(commissioner.username),
    foreign: () => t.login(foreignUser.username),
    place,
    dept,
    enterpriseInSheshi,
    event,
  };
}

type Bureau = Awaited<ReturnType<typeof bureau>>;

/** Three events of the first half of 2014: 送科技下乡 in 元鱼村 (lead), 科技活动周 at the enterprise in 社溪镇 (lead), and a 培训班 that sent seven people. */
async function threeEvents({ staff, event, dept, enterpriseInSheshi }: Bureau) {
  const posted = [
    await staff.post('/api/events', event()),
    await staff.post(
      '/api/events',
      event({
        startDate: '2014-05-18',
        endDate: '2014-05-24',
        type: '科技活动周',
        placeIds: [],
        enterpriseIds: [enterpriseInSheshi],
        departmentIds: [dept.tea],
        materials: 5000,
        books: null,
        leaflets: null,
        boards: 30,
        consultations: 4000,
      }),
    ),
    await staff.post(
      '/api/events',
      event({
        startDate: '2014-04-12',
        type: '培训班',
        role: 'send',
        theme: '科技列车赣南行',
        placeIds: [],
        departmentIds: [],
        expertCount: null,
        materials: null,
        books: null,
        leaflets: null,
        boards: null,
        consultations: null,
        peopleSent: 7,
      }),
    ),
  ];
  for (const res of posted) expect(res.status, res.text).toBe(200);
}

describe('events', () => {
  it('are recorded with places, departments and figures, and audited', async () => {
    const { staff, admin, place, event } = await bureau();
    const res = await staff.post('/api/events', event());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: '送科技下乡',
      role: 'lead',
      materials: 3000,
      boards: 16,
      consultations: 2400,
      attendees: null,
      places: [{ name: '元鱼村', level: 'village', townId: place.dongshan }],
    });
    // Departments come back in the order of the department list.
    expect(res.body.departments.map((d: { shortName: string }) => d.shortName)).toEqual(['林业', '农业']);
    const audit = await admin.get(`/api/audit?entityType=event&entityId=${res.body.id}`);
    expect(audit.body.items[0].action).toBe('create');
  });

  it('refuse negative or fractional figures, books and leaflets above the materials, and an end before the start', async () => {
    const { staff, event } = await bureau();
    const res = await staff.post('/api/events', event({ boards: -1, consultations: 2.5, books: 4000, endDate: '2014-03-01' }));
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toMatchObject({ boards: '展板不能为负数', consultations: '咨询应为整数' });
    const other = await staff.post('/api/events', event({ books: 4000, endDate: '2014-03-01' }));
    const paths = other.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['books', 'endDate']);
    expect((await staff.post('/api/events', event({ type: '联欢会' }))).body.error.details[0].path).toBe('type');
  });

  it('list with filters and a totals row over all the filtered events', async () => {
    const b = await bureau();
    const { staff, place, dept } = b;
    await threeEvents(b);
    const all = await staff.get('/api/events');
    expect(all.body.total).toBe(3);
    expect(all.body.totals).toMatchObject({ count: 3, materials: 8000, boards: 46, consultations: 6400, peopleSent: 7 });
    const page = await staff.get('/api/events?pageSize=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.totals.materials).toBe(8000);
    const lead = await staff.get('/api/events?role=lead');
    expect(lead.body.totals).toMatchObject({ count: 2, materials: 8000 });
    expect((await staff.get(`/api/events?townId=${place.dongshan}`)).body.total).toBe(1);
    expect((await staff.get(`/api/events?townId=${place.sheshi}`)).body.total).toBe(1);
    expect((await staff.get(`/api/events?departmentId=${dept.tea}`)).body.total).toBe(1);
    expect((await staff.get(`/api/events?type=${encodeURIComponent('培训班')}`)).body.items[0].peopleSent).toBe(7);
    expect((await staff.get('/api/events?from=2014-04-01&to=2014-04-30')).body.total).toBe(1);
  });

  it('are changed by their section only, invisible to another bureau, closed to commissioners', async () => {
    const b = await bureau();
    const { staff, place, event } = b;
    const e = (await staff.post('/api/events', event({ startDate: '2014-06-01' }))).body;
    const office = await b.office();
    expect((await office.request('PUT', `/api/events/${e.id}`, event({ theme: '改' }), ANY_VERSION)).status).toBe(403);
    expect((await office.delete(`/api/events/${e.id}`)).status).toBe(403);
    const foreign = await b.foreign();
    for (const res of [
      await foreign.get(`/api/events/${e.id}`),
      await foreign.request('PUT', `/api/events/${e.id}`, event(), ANY_VERSION),
      await foreign.delete(`/api/events/${e.id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await foreign.get('/api/events')).body.total).toBe(0);
    expect((await (await b.commissioner()).get('/api/events')).status).toBe(403);
    const edited = await staff.request(
      'PUT',
      `/api/events/${e.id}`,
      event({ startDate: '2014-06-01', theme: '科普进社区', placeIds: [place.yingqian] }),
      ANY_VERSION,
    );
    expect(edited.body).toMatchObject({ theme: '科普进社区', places: [{ name: '营前镇' }] });
    expect((await staff.delete(`/api/events/${e.id}`)).status).toBe(200);
  });
});

describe('event facts for a period', () => {
  it('count events by type and role, totals with the events behind them, departments, towns, and people sent', async () => {
    const b = await bureau();
    const { staff } = b;
    await threeEvents(b);
    // A deleted event counts for nothing.
    const deleted = (await staff.post('/api/events', b.event({ startDate: '2014-06-01' }))).body;
    expect((await staff.delete(`/api/events/${deleted.id}`)).status).toBe(200);
    const res = await staff.get('/api/events/facts?from=2014-01-01&to=2014-06-30');
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.events.value).toBe(3);
    expect(f.byRole).toEqual(
      expect.arrayContaining([
        { role: 'lead', fact: expect.objectContaining({ value: 2 }) },
        { role: 'send', fact: expect.objectContaining({ value: 1 }) },
      ]),
    );
    expect(f.totals.materials.value).toBe(8000);
    expect(f.totals.materials.ids).toHaveLength(2);
    expect(f.departments.items.map((d: { shortName: string }) => d.shortName)).toEqual(['林业', '农业', '茶果']);
    expect(f.townsReached.items.map((t: { name: string }) => t.name)).toEqual(['东山镇', '社溪镇']);
    expect(f.trainingsSentTo.value).toBe(1);
    expect(f.peopleSent.value).toBe(7);
    const typed = await staff.get(`/api/events/facts?from=2014-01-01&to=2014-06-30&type=${encodeURIComponent('送科技下乡')}`);
    expect(typed.body.events.value).toBe(1);
    expect(typed.body.totals.boards.value).toBe(16);
  });

  it('count an event that spans the period boundary once, in the period of its start date', async () => {
    const b = await bureau();
    const { staff } = b;
    await threeEvents(b);
    await staff.post('/api/events', b.event({ startDate: '2014-06-28', endDate: '2014-07-03', materials: 100, books: null, leaflets: null }));
    const h1 = await staff.get('/api/events/facts?from=2014-01-01&to=2014-06-30');
    const h2 = await staff.get('/api/events/facts?from=2014-07-01&to=2014-12-31');
    expect(h1.body.events.value).toBe(4);
    expect(h1.body.totals.materials.value).toBe(8100);
    expect(h2.body.events.value).toBe(0);
    const firstDay = await staff.get('/api/events/facts?from=2014-03-05&to=2014-03-05');
    expect(firstDay.body.events.value).toBe(1);
    const dayAfter = await staff.get('/api/events/facts?from=2014-03-06&to=2014-03-31');
    expect(dayAfter.body.events.value).toBe(0);
  });
});
