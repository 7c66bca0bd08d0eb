import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let staff: TestClient;
let admin: TestClient;
const towns: number[] = [];
const departments: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const org = await t.factories.org({ name: '培训测试县科技局' });
  await t.factories.user({ org, role: 'admin', username: 'tr_admin' });
  await t.factories.user({ org, username: 'tr_staff' });
  admin = await t.login('tr_admin');
  staff = await t.login('tr_staff');
  const county = (await admin.post('/api/places', { level: 'county', name: '培训县' })).body.id;
  for (let i = 1; i <= 10; i++) towns.push((await admin.post('/api/places', { level: 'town', name: `第${i}镇`, parentId: county, sortOrder: i })).body.id);
  for (let i = 1; i <= 9; i++) departments.push((await admin.post('/api/departments', { name: `县第${i}局`, shortName: `第${i}局`, sortOrder: i })).body.id);
});
afterAll(() => t.close());

async function event(body: Record<string, unknown>): Promise<number> {
  const res = await staff.post('/api/events', { type: '培训班', theme: '培训', startDate: '2023-03-01', role: 'lead', ...body });
  if (res.status !== 200) throw new Error(res.text);
  return res.body.id;
}

describe('person-times trained (培训人次)', () => {
  it('are a figure of their own on an event: recorded, shown, edited, summed in the list', async () => {
    const id = await event({ theme: '油茶栽培技术培训班', trainees: 320, attendees: 150, startDate: '2022-03-01' });
    const shown = await staff.get(`/api/events/${id}`);
    expect(shown.body).toMatchObject({ trainees: 320, attendees: 150 });
    const edited = await staff.put(
      `/api/events/${id}`,
      { type: '培训班', theme: '油茶栽培技术培训班', startDate: '2022-03-01', role: 'lead', trainees: 330 },
      { 'if-match': '"1"' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.trainees).toBe(330);
    const list = await staff.get('/api/events?from=2022-01-01&to=2022-12-31');
    expect(list.body.totals.trainees).toBe(330);
    const bad = await staff.post('/api/events', { type: '培训班', theme: '培训', startDate: '2022-03-01', role: 'lead', trainees: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({ path: 'trainees', message: '培训人次不能为负数' });
  });

  it('are summed over the period’s events, and the events that trained people are counted as trainings', async () => {
    const a = await event({ startDate: '2023-02-01', trainees: 1200 });
    const b = await event({ startDate: '2023-05-01', trainees: 86, role: 'participate' });
    const zero = await event({ startDate: '2023-05-02', trainees: 0 });
    await event({ startDate: '2023-05-03', materials: 100 });
    await event({ startDate: '2023-07-01', trainees: 50 });
    const res = await staff.get('/api/events/facts?from=2023-01-01&to=2023-06-30');
    expect(res.status).toBe(200);
    expect(res.body.totals.trainees).toEqual({ value: 1286, recordType: 'event', ids: [a, b, zero].sort((x, y) => x - y) });
    expect(res.body.trainings).toEqual({ value: 2, recordType: 'event', ids: [a, b].sort((x, y) => x - y) });
    const preview = await staff.post('/api/report-templates/preview', {
      pattern: '举办各类培训{events.trainings},培训{events.trainees}',
      from: '2023-01-01',
      to: '2023-06-30',
    });
    expect(preview.body).toMatchObject({ text: '举办各类培训2次，培训近1300人次', problems: [] });
    expect(preview.body.figures[1]).toMatchObject({ factKey: 'events.trainees', value: 1286, ids: [a, b, zero].sort((x, y) => x - y) });
    const quiet = await staff.get('/api/events/facts?from=2021-01-01&to=2021-12-31');
    expect(quiet.body.trainings).toEqual({ value: 0, recordType: 'event', ids: [] });
    expect(quiet.body.totals.trainees.value).toBe(0);
  });
});

describe('departments and towns counted', () => {
  it('count the distinct departments mobilised and towns reached in the period, with the events behind them', async () => {
    const first = await event({ type: '送科技下乡', startDate: '2024-03-05', departmentIds: departments.slice(0, 5), placeIds: towns.slice(0, 6) });
    const second = await event({ type: '送科技下乡', startDate: '2024-04-05', departmentIds: departments.slice(3), placeIds: towns.slice(4) });
    const res = await staff.get(`/api/events/facts?from=2024-01-01&to=2024-06-30&type=${encodeURIComponent('送科技下乡')}&role=lead`);
    expect(res.body.departments.value).toBe(9);
    expect(res.body.departments.items.map((d: { shortName: string }) => d.shortName)).toEqual(departments.map((_, i) => `第${i + 1}局`));
    expect(res.body.departments.eventIds).toEqual([first, second].sort((x, y) => x - y));
    expect(res.body.townsReached.value).toBe(10);
    expect(res.body.townsReached.items.map((town: { name: string }) => town.name)).toEqual(towns.map((_, i) => `第${i + 1}镇`));
  });

  it('are written as counts (N个部门, N个乡镇), and a list longer than eight names as its count', async () => {
    await event({ type: '送科技下乡', startDate: '2025-03-05', departmentIds: departments, placeIds: towns.slice(0, 3), materials: 1500 });
    await event({ type: '送科技下乡', startDate: '2025-03-06', departmentIds: departments.slice(0, 2), placeIds: towns.slice(0, 1) });
    const preview = async (pattern: string, from: string, to: string) =>
      (await staff.post('/api/report-templates/preview', { pattern, from, to })).body.text as string | null;
    expect(await preview('动员{outreach.departmentCount}部门,深入{outreach.townCount}乡镇', '2025-01-01', '2025-06-30')).toBe('动员9个部门，深入3个乡镇');
    expect(await preview('牵头组织了{outreach.departments}', '2025-01-01', '2025-06-30')).toBe('牵头组织了9个部门');
    expect(await preview('深入{outreach.towns}', '2025-01-01', '2025-06-30')).toBe('深入第1镇、第2镇和第3镇');
    expect(await preview('牵头组织了{outreach.departments}', '2025-03-06', '2025-03-06')).toBe('牵头组织了第1局和第2局');
    expect(await preview('动员{outreach.departmentCount}部门', '2026-01-01', '2026-06-30')).toBeNull();
  });
});
