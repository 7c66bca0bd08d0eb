// Lost updates and double submissions, through the API on a real database: every ledger's PATCH or
// PUT names the version it read (If-Match); a stale one is a 409 with the record as it is now, and
// the stale writer's change is not written. Creates with one Idempotency-Key make one record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import { commissionerBody, logBody } from '../commissioners/test-world.js';

let t: TestApp;
let county: OrgRow;
let admin: TestClient;
let leader: TestClient;
let a: TestClient;
let b: TestClient;
let staffId: number;
let enterpriseId: number;

beforeAll(async () => {
  t = await createTestApp();
  county = await t.factories.org({ name: '版本测试县科技局' });
  const business = await t.factories.section(county, '业务股');
  await t.factories.user({ org: county, role: 'admin', username: 'v_admin' });
  await t.factories.user({ org: county, role: 'leader', username: 'v_leader' });
  staffId = (await t.factories.user({ org: county, section: business, username: 'v_a', displayName: '甲' })).id;
  await t.factories.user({ org: county, section: business, username: 'v_b', displayName: '乙' });
  enterpriseId = (await t.factories.enterprise(county, { name: '版本测试合作社' })).id;
  admin = await t.login('v_admin');
  leader = await t.login('v_leader');
  a = await t.login('v_a');
  b = await t.login('v_b');
});
afterAll(() => t.close());

const ifMatch = (version: number | string) => ({ 'if-match': typeof version === 'number' ? `"${version}"` : version });

async function created(res: Promise<{ status: number; body: any; text: string }>) {
  const r = await res;
  if (r.status !== 200) throw new Error(`create failed: ${r.status} ${r.text}`);
  return r.body;
}

interface Ledger {
  name: string;
  /** Who writes the record (both A and B in the story use this client and a second one of the same rights). */
  writers: () => [TestClient, TestClient];
  create: () => Promise<{ id: number; version: number }>;
  method: 'PATCH' | 'PUT';
  url: (id: number) => string;
  /** A full (or partial, for PATCH) body whose marked text field holds `text`. */
  body: (text: string) => Record<string, unknown>;
  /** The marked text as the record presents it. */
  text: (record: any) => unknown;
}

const worklistDef = (name: string) => ({
  name,
  topic: null,
  description: null,
  titleFieldKey: 'task',
  fields: [{ key: 'task', label: '任务', type: 'text', required: true }],
  statuses: [
    { key: 'open', label: '未完成' },
    { key: 'done', label: '已完成', done: true },
  ],
  hasDeadline: false,
  hasResponsible: false,
  figures: [],
});

const templateDef = (name: string) => ({
  name,
  title: '工作总结',
  opening: '以来,我局扎实开展各项工作。',
  sections: [{ key: 'main', heading: '主要工作', sentences: ['全年各项工作有序推进。'], enumerate: false }],
  plan: null,
});

let serial = 0;
const uniq = (prefix: string) => `${prefix}${++serial}`;

const LEDGERS: Ledger[] = [
  {
    name: 'project',
    writers: () => [a, b],
    method: 'PATCH',
    url: (id) => `/api/projects/${id}`,
    create: () => created(a.post('/api/projects', { title: uniq('项目'), field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } })),
    body: (text) => ({ title: text }),
    text: (r) => r.title,
  },
  {
    name: 'enterprise',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/enterprises/${id}`,
    create: () => created(a.post('/api/enterprises', { name: uniq('合作社'), kind: '合作社', industry: 'agriculture', townId: null })),
    body: (text) => ({ name: text, kind: '合作社', industry: 'agriculture', townId: null }),
    text: (r) => r.name,
  },
  {
    name: 'visit',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/visits/${id}`,
    create: () => created(a.post('/api/visits', { visitDate: '2014-03-01', staffIds: [staffId], enterpriseIds: [enterpriseId], purpose: uniq('调研') })),
    body: (text) => ({ visitDate: '2014-03-01', staffIds: [staffId], enterpriseIds: [enterpriseId], purpose: text }),
    text: (r) => r.purpose,
  },
  {
    name: 'follow-up',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/followups/${id}`,
    create: async () => {
      const project = await created(a.post('/api/projects', { title: uniq('跟踪项目'), field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } }));
      return created(a.post(`/api/projects/${project.id}/followups`, { followupDate: '2014-04-10', staffId, kind: 'visit', found: '初始' }));
    },
    body: (text) => ({ followupDate: '2014-04-10', staffId, kind: 'visit', found: text }),
    text: (r) => r.found,
  },
  {
    name: 'event',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/events/${id}`,
    create: () => created(a.post('/api/events', { type: '培训班', theme: uniq('培训'), startDate: '2014-03-01', role: 'lead' })),
    body: (text) => ({ type: '培训班', theme: text, startDate: '2014-03-01', role: 'lead' }),
    text: (r) => r.theme,
  },
  {
    name: 'commissioner',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/commissioners/${id}`,
    create: () => created(a.post('/api/commissioners', commissionerBody({ name: uniq('特派员') }))),
    body: (text) => commissionerBody({ notes: text }),
    text: (r) => r.notes,
  },
  {
    name: 'service log',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/service-logs/${id}`,
    create: async () => {
      const c = await created(a.post('/api/commissioners', commissionerBody({ name: uniq('特派员') })));
      return created(a.post(`/api/commissioners/${c.id}/service-logs`, logBody({ enterpriseId })));
    },
    body: (text) => logBody({ enterpriseId, content: text }),
    text: (r) => r.content,
  },
  {
    name: 'yearly evaluation',
    writers: () => [leader, admin],
    method: 'PUT',
    url: (id) => `/api/commissioners/${id}/evaluations/2014`,
    create: async () => {
      const c = await created(a.post('/api/commissioners', commissionerBody({ name: uniq('特派员') })));
      const evaluation = await created(leader.put(`/api/commissioners/${c.id}/evaluations/2014`, { grade: 'qualified', note: '初评' }));
      // The URL names the commissioner; the version is the evaluation's.
      return { id: c.id, version: evaluation.version };
    },
    body: (text) => ({ grade: 'excellent', note: text }),
    text: (r) => r.note,
  },
  {
    name: 'work list',
    writers: () => [leader, admin],
    method: 'PUT',
    url: (id) => `/api/worklists/${id}`,
    create: () => created(leader.post('/api/worklists', worklistDef(uniq('台账')))),
    body: (text) => worklistDef(text),
    text: (r) => r.name,
  },
  {
    name: 'work-list item',
    writers: () => [a, b],
    method: 'PUT',
    url: (id) => `/api/worklist-items/${id}`,
    create: async () => {
      const list = await created(leader.post('/api/worklists', worklistDef(uniq('台账'))));
      return created(a.post(`/api/worklists/${list.id}/items`, { values: { task: '初始任务' }, registeredDate: '2014-01-02' }));
    },
    body: (text) => ({ values: { task: text } }),
    text: (r) => r.values.task,
  },
  {
    name: 'place',
    writers: () => [admin, admin],
    method: 'PATCH',
    url: (id) => `/api/places/${id}`,
    create: () => created(admin.post('/api/places', { level: 'county', name: uniq('某县') })),
    body: (text) => ({ name: text }),
    text: (r) => r.name,
  },
  {
    name: 'department',
    writers: () => [admin, admin],
    method: 'PATCH',
    url: (id) => `/api/departments/${id}`,
    create: () => created(admin.post('/api/departments', { name: uniq('部门') })),
    body: (text) => ({ name: text }),
    text: (r) => r.name,
  },
  {
    name: 'dictionary item',
    writers: () => [admin, admin],
    method: 'PATCH',
    url: (id) => `/api/dictionary-items/${id}`,
    create: () => created(admin.post('/api/dictionaries/program/items', { value: uniq('计划'), label: '某计划' })),
    body: (text) => ({ label: text }),
    text: (r) => r.label,
  },
  {
    name: 'section',
    writers: () => [admin, admin],
    method: 'PATCH',
    url: (id) => `/api/sections/${id}`,
    create: () => created(admin.post('/api/sections', { name: uniq('股室') })),
    body: (text) => ({ name: text, sortOrder: 0 }),
    text: (r) => r.name,
  },
  {
    name: 'organisation',
    writers: () => [admin, admin],
    method: 'PATCH',
    url: (id) => `/api/orgs/${id}`,
    create: async () => {
      const orgs = (await admin.get('/api/orgs')).body.items as { id: number; version: number }[];
      return orgs.find((o) => o.id === county.id)!;
    },
    body: (text) => ({ shortName: text }),
    text: (r) => r.shortName,
  },
  {
    name: 'report template',
    writers: () => [leader, admin],
    method: 'PUT',
    url: (id) => `/api/report-templates/${id}`,
    create: () => created(leader.post('/api/report-templates', templateDef(uniq('模板')))),
    body: (text) => templateDef(text),
    text: (r) => r.name,
  },
];

describe('a stale write on every ledger', () => {
  for (const ledger of LEDGERS) {
    it(`${ledger.name}: A and B read version n; A saves; B's save is a 409 with the current record, B's change not written`, async () => {
      const [writerA, writerB] = ledger.writers();
      const record = await ledger.create();
      const body = async (text: string) => ledger.body(text);
      const textA = uniq('甲的修改');
      const textB = uniq('乙的修改');

      const saved = await writerA.request(ledger.method, ledger.url(record.id), await body(textA), ifMatch(record.version));
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body.version).toBe(record.version + 1);
      expect(saved.headers.etag).toBe(`"${record.version + 1}"`);

      const stale = await writerB.request(ledger.method, ledger.url(record.id), await body(textB), ifMatch(record.version));
      expect(stale.status, stale.text).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'CONFLICT', message: '该记录已被他人修改,请刷新后再保存' });
      expect(stale.body.error.details.current.version).toBe(record.version + 1);
      expect(ledger.text(stale.body.error.details.current)).toBe(textA);

      const missing = await writerB.request(ledger.method, ledger.url(record.id), await body(textB));
      if (ledger.name === 'yearly evaluation') {
        // Without If-Match a PUT of a year's evaluation registers a new one, which that year has already.
        expect(missing.status).toBe(409);
      } else {
        expect(missing.status).toBe(400);
        expect(missing.body.error).toMatchObject({ code: 'VALIDATION', message: '缺少记录版本(If-Match),请刷新后重试' });
      }

      // B reloads and saves on top of the current version ("overwrite"): that one goes through.
      const overwrite = await writerB.request(ledger.method, ledger.url(record.id), await body(textB), ifMatch(stale.body.error.details.current.version));
      expect(overwrite.status, overwrite.text).toBe(200);
      expect(ledger.text(overwrite.body)).toBe(textB);
      expect(overwrite.body.version).toBe(record.version + 2);
    });
  }
});

describe('versions', () => {
  it('start at 1, go up by one on every change (stage moves and progress included), and come back as ETag', async () => {
    const p = await created(a.post('/api/projects', { title: '版本号', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } }));
    expect(p.version).toBe(1);
    const read = await a.get(`/api/projects/${p.id}`);
    expect(read.headers.etag).toBe('"1"');
    const moved = await a.request('POST', `/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-01' }, ifMatch(1));
    expect(moved.body.version).toBe(2);
    const staleMove = await a.request('POST', `/api/projects/${p.id}/stage`, { to: 'applied', date: '2014-03-01' }, ifMatch(1));
    expect(staleMove.status).toBe(409);
    expect(staleMove.body.error.details.current.stage).toBe('pool');
    const patched = await a.patch(`/api/projects/${p.id}`, { description: '说明' }, ifMatch('W/"2"'));
    expect(patched.body.version).toBe(3);
    const any = await a.patch(`/api/projects/${p.id}`, { description: '任意版本' }, ifMatch('*'));
    expect(any.status).toBe(200);
    expect(any.body.version).toBe(4);

    const list = await created(leader.post('/api/worklists', worklistDef('版本号台账')));
    const item = await created(a.post(`/api/worklists/${list.id}/items`, { values: { task: '条目' }, registeredDate: '2014-01-02' }));
    const progressed = await a.post(`/api/worklist-items/${item.id}/progress`, { entryDate: '2014-02-01', content: '推进中' });
    expect(progressed.body.version).toBe(item.version + 1);
    const closedStale = await a.request(
      'POST',
      `/api/worklist-items/${item.id}/progress`,
      { entryDate: '2014-02-02', content: '完成', toStatus: 'done' },
      ifMatch(item.version),
    );
    expect(closedStale.status).toBe(409);
  });

  it('refuse a malformed If-Match with 400, and a stale delete with 409 (the record stays)', async () => {
    const p = await created(a.post('/api/projects', { title: '格式', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } }));
    const bad = await a.patch(`/api/projects/${p.id}`, { title: 'x' }, { 'if-match': '"a", "b"' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    await a.patch(`/api/projects/${p.id}`, { title: '改过' }, ifMatch(1));
    const staleDelete = await a.request('DELETE', `/api/projects/${p.id}`, undefined, ifMatch(1));
    expect(staleDelete.status).toBe(409);
    expect((await a.get(`/api/projects/${p.id}`)).status).toBe(200);
    expect((await a.request('DELETE', `/api/projects/${p.id}`, undefined, ifMatch(2))).status).toBe(200);
  });

  it('check access before the version: another bureau gets 404, not 400, without If-Match', async () => {
    const other = await t.factories.org({ name: '别的县科技局' });
    await t.factories.user({ org: other, username: 'v_foreign' });
    const foreign = await t.login('v_foreign');
    const p = await created(a.post('/api/projects', { title: '别人的', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } }));
    expect((await foreign.patch(`/api/projects/${p.id}`, { title: 'x' })).status).toBe(404);
    expect((await t.anonymous().patch(`/api/projects/${p.id}`, { title: 'x' })).status).toBe(401);
  });

  it('a yearly evaluation sent without If-Match is a new one: when the year has one already, 409 with it', async () => {
    const c = await created(a.post('/api/commissioners', commissionerBody({ name: '考核对象' })));
    const first = await leader.put(`/api/commissioners/${c.id}/evaluations/2013`, { grade: 'qualified' });
    expect(first.status).toBe(200);
    const second = await admin.put(`/api/commissioners/${c.id}/evaluations/2013`, { grade: 'excellent' });
    expect(second.status).toBe(409);
    expect(second.body.error.details.current).toMatchObject({ grade: 'qualified', version: 1 });
    const update = await admin.put(`/api/commissioners/${c.id}/evaluations/2013`, { grade: 'excellent' }, ifMatch(1));
    expect(update.body).toMatchObject({ grade: 'excellent', version: 2 });
  });

  it('keep the work summary saved on the version it was based on (baseVersion), with the current report in the 409', async () => {
    const report = await created(a.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' }));
    expect(report.version).toBe(1);
    const doc = report.latest.doc;
    expect((await a.post(`/api/reports/${report.id}/versions`, { doc, note: '甲', baseVersion: 1 })).status).toBe(200);
    const stale = await b.post(`/api/reports/${report.id}/versions`, { doc, note: '乙', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ latestVersion: 2, current: { id: report.id, version: 2, latestVersion: 2 } });
    expect((await a.get(`/api/reports/${report.id}`)).headers.etag).toBe('"2"');
  });
});

describe('idempotent creates', () => {
  const key = () => `k-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const countProjects = async (title: string) => (await t.database.db.selectFrom('projects').select('id').where('title', '=', title).execute()).length;

  it('a second POST with the same key returns the first result (same id) instead of a second record', async () => {
    const headers = { 'idempotency-key': key() };
    const body = { title: '双击提交', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } };
    const first = await a.request('POST', '/api/projects', body, headers);
    const second = await a.request('POST', '/api/projects', body, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countProjects('双击提交')).toBe(1);
  });

  it('10 POSTs with one key at the same moment make one record', async () => {
    const headers = { 'idempotency-key': key() };
    const body = { visitDate: '2014-03-02', staffIds: [staffId], enterpriseIds: [enterpriseId], purpose: '并发提交的调研' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => a.request('POST', '/api/visits', body, headers)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const rows = await t.database.db.selectFrom('visits').select('id').where('purpose', '=', '并发提交的调研').execute();
    expect(rows).toHaveLength(1);
  });

  it('keys belong to one user, a key reused for another body is a 409, no key makes a new record each time', async () => {
    const k = key();
    const body = { title: '各自的键', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } };
    const mine = await a.request('POST', '/api/projects', body, { 'idempotency-key': k });
    const theirs = await b.request('POST', '/api/projects', body, { 'idempotency-key': k });
    expect(theirs.body.id).not.toBe(mine.body.id);
    const reused = await a.request('POST', '/api/projects', { ...body, title: '别的内容' }, { 'idempotency-key': k });
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toContain('幂等键');
    await a.post('/api/projects', body);
    await a.post('/api/projects', body);
    expect(await countProjects('各自的键')).toBe(4);
    const bad = await a.request('POST', '/api/projects', body, { 'idempotency-key': '有空格 的键' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
  });

  it('a failed create stores nothing, so the same key can be sent again once the form is fixed', async () => {
    const headers = { 'idempotency-key': key() };
    const refused = await a.request(
      'POST',
      '/api/projects',
      { title: '先错后对', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' }, program: '不存在的计划' },
      headers,
    );
    expect(refused.status).toBe(400);
    const fixed = await a.request(
      'POST',
      '/api/projects',
      { title: '先错后对', field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } },
      headers,
    );
    expect(fixed.status).toBe(200);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a key after 24 hours', async () => {
    const k = key();
    const body = { name: '过期的键', kind: '合作社', industry: 'agriculture', townId: null };
    const first = await a.request('POST', '/api/enterprises', body, { 'idempotency-key': k });
    expect(first.status).toBe(200);
    await t.database.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
      .where('key', '=', k)
      .execute();
    const again = await a.request('POST', '/api/enterprises', { ...body, name: '过期的键(二)' }, { 'idempotency-key': k });
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(first.body.id);
  });
});
