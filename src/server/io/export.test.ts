import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/plugin.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import type { ColumnSpec } from './columns.js';
import { mapHeaders } from './headers.js';
import { commissionerBody, logBody } from '../commissioners/test-world.js';
import { COMMISSIONERS, ENTERPRISES, EVENTS, type LedgerExport, PROJECTS, SERVICE_LOGS, VISITS } from './ledgers.js';
import { describeSkipped, openSheet, readRecords } from './read.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A bureau of its own (a test sees only its records), its staff, and another bureau's staff with records of their own. */
async function bureau() {
  const f = t.factories;
  const county = await f.org();
  const other = await f.org();
  const user = await f.user({ org: county, displayName: '王科员' });
  const stranger = await f.user({ org: other });
  return { county, other, user, staff: await t.login(user.username), foreign: await t.login(stranger.username), strangerId: stranger.id };
}

/** GET an export as bytes (the test client reads bodies as text). */
async function download(client: TestClient, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}` } });
  return { status: res.statusCode, headers: res.headers, bytes: new Uint8Array(res.rawPayload), json: () => res.json() };
}

/** The sheet's records as the import step would read them, through the ledger's own column declaration. */
async function readBack(bytes: Uint8Array, columns: ColumnSpec[]) {
  const sheet = await openSheet(bytes, { columns });
  const mapping = mapHeaders(sheet.layout.headers, columns);
  expect(mapping.unmapped).toEqual([]);
  const rows: Record<string, unknown>[] = [];
  for await (const row of readRecords(sheet, columns, mapping)) {
    expect(row.issues).toEqual([]);
    rows.push(row.values);
  }
  return { rows, titleLines: sheet.layout.titleLines, skipped: describeSkipped(sheet) };
}

/** The list's records as the export should write them: blanks read back as null. */
function expected<T>(ledger: LedgerExport<never, T>, items: T[]) {
  return items.map((item) => Object.fromEntries(Object.entries(ledger.row(item)).map(([k, v]) => [k, v === '' || v === undefined ? null : v])));
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('list exports', () => {
  it('exports the filtered projects with the title, the filters in words and a Chinese file name, never another bureau’s', async () => {
    const { county, staff, foreign } = await bureau();
    const enterpriseId = (await t.factories.enterprise(county, { name: '上犹县茶业合作社' })).id;
    const project = (title: string, stage: string, extra: Record<string, unknown> = {}) =>
      staff.post('/api/projects', { title, field: 'agriculture', stage, stageDates: {}, enterpriseId, ...extra });
    const dates = { lead: '2025-01-02', pool: '2025-01-03', applied: '2025-02-10', approved: '2025-03-05' };
    for (const res of [
      await project('高山茶叶深加工技术研究', 'approved', {
        stageDates: dates,
        level: 'province',
        program: '星火计划',
        amountApplied: 50,
        amountApproved: 30.25,
      }),
      await project('茶园绿色防控示范', 'approved', { stageDates: { ...dates, applied: '2025-05-20', approved: '2025-06-18' }, amountApproved: 12.5 }),
      await project('茶叶新品种引进', 'applied', { stageDates: { lead: '2025-01-02', pool: '2025-01-03', applied: '2025-02-10' } }),
      await project('脐橙黄龙病防控', 'approved', { stageDates: dates, enterpriseId: null }),
    ]) {
      expect(res.status, res.text).toBe(200);
    }
    const foreignProject = await foreign.post('/api/projects', { title: '外县茶叶项目', field: 'agriculture', stage: 'approved', stageDates: dates });
    expect(foreignProject.status, foreignProject.text).toBe(200);

    const query = `stage=approved&q=${encodeURIComponent('茶')}&dateField=applied&from=2025-01-01&to=2025-06-30&sort=title&order=asc`;
    const list = (await staff.get(`/api/projects?${query}`)).body;
    expect(list.items.map((p: { title: string }) => p.title).sort()).toEqual(['茶园绿色防控示范', '高山茶叶深加工技术研究'].sort());

    const res = await download(staff, `/api/projects/export?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`项目库-${today()}.xlsx`)}`);
    const sheet = await readBack(res.bytes, PROJECTS.columns);
    expect(sheet.rows).toEqual(expected(PROJECTS, list.items));
    expect(sheet.rows.map((r) => r.amountApproved)).toContain(30.25);
    expect(sheet.titleLines).toEqual([`${county.name}科技项目台账`, `导出日期：${today()}　筛选：阶段为立项；申报日期 2025-01-01 至 2025-06-30；关键词“茶”`]);

    // The other bureau exports only its own, through the same route.
    const theirs = await readBack((await download(foreign, `/api/projects/export?q=${encodeURIComponent('茶')}`)).bytes, PROJECTS.columns);
    expect(theirs.rows.map((r) => r.title)).toEqual(['外县茶叶项目']);
  });

  it('refuses a bad filter or a reader the list refuses, as the list does, before any file', async () => {
    const { county, staff } = await bureau();
    const res = await download(staff, '/api/projects/export?stage=nonsense');
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    const commissioner = await t.login((await t.factories.user({ org: county, role: 'commissioner' })).username);
    expect((await commissioner.get('/api/projects')).status).toBe(403);
    const refused = await download(commissioner, '/api/projects/export');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-disposition']).toBeUndefined();
  });

  it('exports the filtered events with a totals row of the figures', async () => {
    const { staff, foreign } = await bureau();
    const event = (theme: string, extra: Record<string, unknown>) =>
      staff.post('/api/events', { type: '送科技下乡', theme, startDate: '2025-03-05', role: 'lead', organiser: '县科技局', ...extra });
    expect((await event('科技下乡进东山', { materials: 3000, books: 1000, expertCount: 12, notes: '春季' })).status).toBe(200);
    expect((await event('科技下乡进社溪', { startDate: '2025-04-01', endDate: '2025-04-02', materials: 500, attendees: 80 })).status).toBe(200);
    const other = await event('专家培训', { type: '培训班', role: 'participate', trainees: 40 });
    expect(other.status, other.text).toBe(200);
    expect((await foreign.post('/api/events', { type: '送科技下乡', theme: '外县下乡', startDate: '2025-03-05', role: 'lead' })).status).toBe(200);

    const query = `type=${encodeURIComponent('送科技下乡')}&order=asc`;
    const list = (await staff.get(`/api/events?${query}`)).body;
    expect(list.total).toBe(2);
    const res = await download(staff, `/api/events/export?${query}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`活动台账-${today()}.xlsx`));
    const sheet = await readBack(res.bytes, EVENTS.columns);
    expect(sheet.rows).toEqual(expected(EVENTS, list.items));
    expect(sheet.titleLines[1]).toBe(`导出日期：${today()}　筛选：类型为送科技下乡`);
    expect(sheet.skipped.some((s) => s.includes('合计'))).toBe(true);
  });

  it('exports enterprises and visits under their filters', async () => {
    const { county, user, staff } = await bureau();
    const coop = await t.factories.enterprise(county, { name: '东山茶叶合作社' });
    const base = await t.factories.enterprise(county, { name: '营前脐橙基地' });
    const enterprises = (await staff.get(`/api/enterprises?q=${encodeURIComponent('茶叶')}`)).body;
    expect(enterprises.items.map((e: { name: string }) => e.name)).toEqual(['东山茶叶合作社']);
    const e = await download(staff, `/api/enterprises/export?q=${encodeURIComponent('茶叶')}`);
    expect(String(e.headers['content-disposition'])).toContain(encodeURIComponent(`企业与基地-${today()}.xlsx`));
    expect((await readBack(e.bytes, ENTERPRISES.columns)).rows).toEqual(expected(ENTERPRISES, enterprises.items));

    const visit = (visitDate: string, enterpriseIds: number[], purpose: string) =>
      staff.post('/api/visits', { visitDate, staffIds: [user.id], enterpriseIds, purpose });
    expect((await visit('2025-03-12', [coop.id, base.id], '了解茶叶、脐橙技术需求')).status).toBe(200);
    expect((await visit('2025-05-20', [base.id], '脐橙黄龙病防控')).status).toBe(200);
    expect((await visit('2025-05-21', [coop.id], '茶园病虫害')).status).toBe(200);
    const query = `enterpriseId=${base.id}&from=2025-01-01&to=2025-12-31`;
    const visits = (await staff.get(`/api/visits?${query}`)).body;
    expect(visits.total).toBe(2);
    const v = await readBack((await download(staff, `/api/visits/export?${query}`)).bytes, VISITS.columns);
    expect(v.rows).toEqual(expected(VISITS, visits.items));
    expect(v.titleLines[1]).toBe(`导出日期：${today()}　筛选：企业为营前脐橙基地；调研日期 2025-01-01 至 2025-12-31`);
  });

  it('reads a ledger longer than one page of the list, page by page, every record once', async () => {
    const { county, staff } = await bureau();
    const count = 501 + 7; // the export reads 500 at a time
    for (let i = 0; i < count; i++) await t.factories.enterprise(county, { name: `合作社${String(i).padStart(4, '0')}` });
    const res = await download(staff, '/api/enterprises/export?sort=name&order=asc');
    const names = (await readBack(res.bytes, ENTERPRISES.columns)).rows.map((r) => r.name);
    expect(names).toHaveLength(count);
    expect(new Set(names).size).toBe(count);
    expect(names[0]).toBe('合作社0000');
    expect(names.at(-1)).toBe(`合作社${String(count - 1).padStart(4, '0')}`);
  });

  it('exports commissioners and their service logs under their filters, the logs with a totals row', async () => {
    const { county, staff, foreign } = await bureau();
    const enterpriseId = (await t.factories.enterprise(county, { name: '东山茶叶合作社' })).id;
    const zhang = await staff.post('/api/commissioners', commissionerBody());
    const li = await staff.post('/api/commissioners', commissionerBody({ name: '李春华', gender: 'female', status: 'expired', notes: '已期满' }));
    expect([zhang.status, li.status]).toEqual([200, 200]);
    expect((await foreign.post('/api/commissioners', commissionerBody({ name: '外县特派员' }))).status).toBe(200);

    const commissioners = (await staff.get('/api/commissioners?status=active')).body;
    expect(commissioners.items.map((c: { name: string }) => c.name)).toEqual(['张建国']);
    const c = await readBack((await download(staff, '/api/commissioners/export?status=active')).bytes, COMMISSIONERS.columns);
    expect(c.rows).toEqual(expected(COMMISSIONERS, commissioners.items));
    expect(c.titleLines[1]).toBe(`导出日期：${today()}　筛选：状态为在岗`);

    const log = (id: number, body: Record<string, unknown>) => staff.post(`/api/commissioners/${id}/service-logs`, logBody({ enterpriseId, ...body }));
    const first = await log(zhang.body.id, {});
    expect(first.status, first.text).toBe(200);
    expect((await log(zhang.body.id, { logDate: '2014-04-02', kind: '培训', content: '茶园培训', peopleServed: 45 })).status).toBe(200);
    expect((await log(li.body.id, { logDate: '2014-04-03' })).status).toBe(200);
    const query = `commissionerId=${zhang.body.id}&from=2014-01-01&to=2014-12-31`;
    const logs = (await staff.get(`/api/service-logs?${query}`)).body;
    expect(logs.total).toBe(2);
    const res = await download(staff, `/api/service-logs/export?${query}`);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`服务日志-${today()}.xlsx`));
    const l = await readBack(res.bytes, SERVICE_LOGS.columns);
    expect(l.rows).toEqual(expected(SERVICE_LOGS, logs.items));
    expect(l.rows.map((r) => r.confirmed)).toEqual([false, false]);
    expect(l.titleLines[1]).toBe(`导出日期：${today()}　筛选：科技特派员为张建国；服务日期 2014-01-01 至 2014-12-31`);
    expect(l.skipped.some((s) => s.includes('合计'))).toBe(true);
  });
});
