import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/common.js';
import { type World, buildWorld, commissionerBody, createCommissionerTestApp, logBody } from '../commissioners/test-world.js';
import type { DB } from '../db/types.js';
import type { TestApp, TestClient } from '../test/harness.js';

// Bad input never reaches the database: text it cannot hold (control characters, what XML cannot
// carry), dates of things that happened set in the future, numbers sent as strings, fields a body
// does not take. Each answers 400 VALIDATION with a Chinese message and changes nothing.

let t: TestApp;
let w: World;
let projectId: number;
let commissionerId: number;
let listId: number;
let itemId: number;
let reportId: number;

/** Writes name the version they change (If-Match); these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

const today = chinaToday();
const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const tomorrow = dayAfter(today, 1);

/** Tables a refused request must leave as they were. */
const WATCHED: (keyof DB)[] = [
  'enterprises',
  'visits',
  'projects',
  'project_followups',
  'events',
  'commissioners',
  'service_logs',
  'commissioner_supports',
  'worklists',
  'worklist_items',
  'worklist_progress',
  'places',
  'departments',
  'dictionaries',
  'sections',
  'users',
  'report_templates',
  'report_versions',
  'audit_log',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WATCHED) {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

beforeAll(async () => {
  t = await createCommissionerTestApp();
  w = await buildWorld(t);
  projectId = (await ok(w.staff.post('/api/projects', { title: '茶叶深加工', field: 'agriculture', stageDates: { lead: '2014-02-10' } }))).id;
  commissionerId = (await ok(w.staff.post('/api/commissioners', commissionerBody()))).id;
  listId = (
    await ok(
      w.leader.post('/api/worklists', {
        name: '整改台账',
        fields: [
          { key: 'problem', label: '问题', type: 'text', required: true },
          { key: 'people', label: '人数', type: 'number', unit: '人' },
        ],
        statuses: [
          { key: 'open', label: '未整改' },
          { key: 'done', label: '已整改', done: true },
        ],
        hasDeadline: true,
      }),
    )
  ).id;
  itemId = (await ok(w.staff.post(`/api/worklists/${listId}/items`, { values: { problem: '会议偏多' }, registeredDate: '2014-03-01' }))).id;
  reportId = (await ok(w.staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' }))).id;
});
afterAll(() => t.close());

interface Ledger {
  name: string;
  client: () => TestClient;
  method?: 'POST' | 'PUT' | 'PATCH';
  url: () => string;
  /** A valid body with `text` inside one of its text fields. */
  body: (text: string) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const LEDGERS: Ledger[] = [
  { name: 'enterprise', client: () => w.staff, url: () => '/api/enterprises', body: (s) => ({ name: `合作社${s}`, kind: '合作社', industry: 'agriculture' }) },
  {
    name: 'visit',
    client: () => w.staff,
    url: () => '/api/visits',
    body: (s) => ({ visitDate: '2014-03-01', staffIds: [w.users.staff], enterpriseIds: [w.enterpriseId], purpose: `了解需求${s}` }),
  },
  {
    name: 'project',
    client: () => w.staff,
    url: () => '/api/projects',
    body: (s) => ({ title: `项目${s}`, field: 'industry', stageDates: { lead: '2014-02-01' } }),
  },
  { name: 'project (PATCH)', client: () => w.staff, method: 'PATCH', url: () => `/api/projects/${projectId}`, body: (s) => ({ description: `简介${s}` }) },
  {
    name: 'follow-up',
    client: () => w.staff,
    url: () => `/api/projects/${projectId}/followups`,
    body: (s) => ({ followupDate: '2014-03-01', staffId: w.users.staff, kind: 'visit', found: `情况${s}` }),
  },
  {
    name: 'event',
    client: () => w.staff,
    url: () => '/api/events',
    body: (s) => ({ type: '送科技下乡', theme: `科技下乡${s}`, startDate: '2014-03-05', role: 'lead' }),
  },
  { name: 'commissioner', client: () => w.staff, url: () => '/api/commissioners', body: (s) => commissionerBody({ specialty: `茶叶${s}` }) },
  {
    name: 'service log',
    client: () => w.staff,
    url: () => `/api/commissioners/${commissionerId}/service-logs`,
    body: (s) => logBody({ placeId: w.places.dongshan, content: `指导${s}` }),
  },
  {
    name: 'commissioner support',
    client: () => w.leader,
    url: () => `/api/commissioners/${commissionerId}/supports`,
    body: (s) => ({ supportDate: '2014-03-01', kind: 'other', description: `支持${s}` }),
  },
  { name: 'work-list item', client: () => w.staff, url: () => `/api/worklists/${listId}/items`, body: (s) => ({ values: { problem: `问题${s}` } }) },
  {
    name: 'progress entry',
    client: () => w.staff,
    url: () => `/api/worklist-items/${itemId}/progress`,
    body: (s) => ({ entryDate: '2014-03-02', content: `进展${s}` }),
  },
  { name: 'place', client: () => w.admin, url: () => '/api/places', body: (s) => ({ level: 'village', name: `新村${s}`, parentId: w.places.dongshan }) },
  { name: 'department', client: () => w.admin, url: () => '/api/departments', body: (s) => ({ name: `县卫生局${s}` }) },
  { name: 'dictionary', client: () => w.admin, url: () => '/api/dictionaries', body: (s) => ({ code: 'soil_type', name: `土壤${s}` }) },
  { name: 'section', client: () => w.admin, url: () => '/api/sections', body: (s) => ({ name: `综合股${s}` }) },
  {
    name: 'report template',
    client: () => w.leader,
    url: () => '/api/report-templates',
    body: (s) => ({
      name: '简报',
      title: '{org.name}工作简报',
      opening: `现汇报如下${s}`,
      sections: [{ key: 'a', heading: '项目', sentences: ['申报{projects.applied}'] }],
      plan: null,
    }),
  },
  {
    name: 'report version',
    client: () => w.staff,
    url: () => `/api/reports/${reportId}/versions`,
    body: async (s) => {
      const report = await ok(w.staff.get(`/api/reports/${reportId}`));
      const doc = structuredClone(report.latest.doc);
      doc.opening.text += s;
      return { doc, baseVersion: report.latestVersion };
    },
  },
  {
    name: 'user',
    client: () => w.admin,
    url: () => '/api/users',
    body: (s) => ({ username: 'new_clerk', displayName: `新同事${s}`, role: 'staff', password: 'Ky7#qLm2vRx9' }),
  },
];

/** NUL (500 on PostgreSQL), BEL and ESC (stored unseen), DEL, a C1 control, U+FFFE/U+FFFF and a lone surrogate (a .docx cannot hold them). */
const BAD = { NUL: '\u0000', BEL: '\u0007', ESC: '\u001b', DEL: '\u007f', NEL: '\u0085', 'U+FFFE': '\ufffe', 'U+FFFF': '\uffff', 'lone surrogate': '\ud800' };

describe('text no database or .docx can hold', () => {
  it.each(LEDGERS.map((l) => [l.name, l] as const))('is refused in a %s body with a Chinese message, and nothing is stored', async (_name, ledger) => {
    const before = await rowCounts();
    for (const [label, ch] of Object.entries(BAD)) {
      const res = await ledger.client().request(ledger.method ?? 'POST', ledger.url(), await ledger.body(`前${ch}后`), ANY_VERSION);
      expect({ label, status: res.status, code: res.body?.error?.code }).toEqual({ label, status: 400, code: 'VALIDATION' });
      expect(res.body.error.message).toContain('不能包含控制字符');
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('is refused in the login name, without a 500', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'sy_staff\u0000', password: 'whatever1' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION' });
    expect(res.body.error.message).toContain('不能包含控制字符');
  });

  it('is refused in list filters and path parameters with 400, never 500', async () => {
    const urls = [
      '/api/projects?q=%00',
      '/api/projects?program=%07',
      '/api/enterprises?q=%1B',
      '/api/enterprises?kind=%00',
      '/api/visits?q=%00',
      '/api/events?q=%00',
      '/api/events?type=%00',
      '/api/commissioners?q=%00',
      '/api/service-logs?kind=%00',
      '/api/users?q=%00',
      '/api/places?q=%00',
      `/api/worklists/${listId}/items?q=%00`,
      `/api/worklists/${listId}/items?f.problem=%00`,
      '/api/audit?entityType=%00',
      '/api/audit?entityId=%EF%BF%BE',
      '/api/dictionaries/%00/items',
    ];
    for (const url of urls) {
      const res = await w.admin.get(url);
      expect({ url, status: res.status, code: res.body?.error?.code }).toEqual({ url, status: 400, code: 'VALIDATION' });
      expect(res.body.error.message).toContain('不能包含控制字符');
    }
  });

  it('is refused in the trace filter: record ids are numbers and nothing else', async () => {
    for (const url of [
      '/api/reports/trace?recordType=event&ids=1,%002',
      '/api/reports/trace?recordType=event&ids=1,x',
      '/api/reports/trace?recordType=ev%00ent&ids=1',
    ]) {
      const res = await w.staff.get(url);
      expect({ url, status: res.status, code: res.body?.error?.code }).toEqual({ url, status: 400, code: 'VALIDATION' });
    }
    expect((await w.staff.get('/api/reports/trace?recordType=event&ids=')).status).toBe(200);
  });

  it('leaves tab, line feed and carriage return alone', async () => {
    const notes = '第一行\t附注\r\n第二行\n第三行';
    const event = await w.staff.post('/api/events', { type: '送科技下乡', theme: '科技\t下乡', startDate: '2014-03-05', role: 'lead', notes });
    expect(event.status).toBe(200);
    expect(event.body).toMatchObject({ theme: '科技\t下乡', notes });
    const item = await w.staff.post(`/api/worklists/${listId}/items`, { values: { problem: '会议\n偏多' } });
    expect(item.status).toBe(200);
    expect(item.body.values.problem).toBe('会议\n偏多');
  });
});

describe('dates of things that happened', () => {
  it('may be today but not tomorrow (China time): visits, events, follow-ups, service logs, supports, progress', async () => {
    const cases: [string, TestClient, string, Record<string, unknown>, string][] = [
      ['visit', w.staff, '/api/visits', { staffIds: [w.users.staff], enterpriseIds: [w.enterpriseId], purpose: '了解需求' }, 'visitDate'],
      ['event', w.staff, '/api/events', { type: '送科技下乡', theme: '科技下乡', role: 'lead' }, 'startDate'],
      ['follow-up', w.staff, `/api/projects/${projectId}/followups`, { staffId: w.users.staff, kind: 'phone' }, 'followupDate'],
      ['service log', w.staff, `/api/commissioners/${commissionerId}/service-logs`, logBody({ placeId: w.places.dongshan }), 'logDate'],
      ['support', w.leader, `/api/commissioners/${commissionerId}/supports`, { kind: 'other', description: '慰问' }, 'supportDate'],
      ['progress', w.staff, `/api/worklist-items/${itemId}/progress`, { content: '已督办' }, 'entryDate'],
    ];
    for (const [name, client, url, body, field] of cases) {
      const future = await client.post(url, { ...body, [field]: tomorrow });
      expect({ name, status: future.status }).toEqual({ name, status: 400 });
      expect(future.body.error.details).toContainEqual({ path: field, message: '日期不能晚于今天' });
      const now = await client.post(url, { ...body, [field]: today });
      expect({ name, status: now.status }).toEqual({ name, status: 200 });
    }
  });

  it('lets an event that has begun end later', async () => {
    const res = await w.staff.post('/api/events', { type: '科技活动周', theme: '科技活动周', role: 'lead', startDate: today, endDate: dayAfter(today, 5) });
    expect(res.status).toBe(200);
  });

  it('refuse a follow-up dated before its project was first registered', async () => {
    const project = await ok(w.staff.post('/api/projects', { title: '脐橙储藏保鲜', field: 'agriculture', stageDates: { lead: '2014-04-01' } }));
    const url = `/api/projects/${project.id}/followups`;
    const early = await w.staff.post(url, { followupDate: '2014-03-31', staffId: w.users.staff, kind: 'visit' });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'followupDate', message: '不能早于 2014-04-01(项目开始登记的日期)' }] });
    const onTheDay = await ok(w.staff.post(url, { followupDate: '2014-04-01', staffId: w.users.staff, kind: 'visit' }));
    const moved = await w.staff.request(
      'PUT',
      `/api/followups/${onTheDay.id}`,
      { followupDate: '2014-01-05', staffId: w.users.staff, kind: 'visit' },
      ANY_VERSION,
    );
    expect(moved.status).toBe(400);
    expect((await ok(w.staff.get(`/api/followups/${onTheDay.id}`))).followupDate).toBe('2014-04-01');
  });

  it('refuse a work-list deadline before the item was registered, on create and on update', async () => {
    const url = `/api/worklists/${listId}/items`;
    const both = await w.staff.post(url, { values: { problem: '文山会海' }, registeredDate: '2014-05-01', deadline: '2014-04-30' });
    expect(both.status).toBe(400);
    expect(both.body.error.details).toContainEqual({ path: 'deadline', message: '期限不能早于登记日期' });
    // Registered today by default: a deadline yesterday is before it.
    const implicit = await w.staff.post(url, { values: { problem: '文山会海' }, deadline: dayAfter(today, -1) });
    expect(implicit.status).toBe(400);
    expect(implicit.body.error.details[0].path).toBe('deadline');
    const item = await ok(w.staff.post(url, { values: { problem: '文山会海' }, registeredDate: '2014-05-01', deadline: '2014-05-01' }));
    const update = await w.staff.request('PUT', `/api/worklist-items/${item.id}`, { values: { problem: '文山会海' }, deadline: '2014-04-15' }, ANY_VERSION);
    expect(update.status).toBe(400);
    expect(update.body.error.message).toContain('期限不能早于登记日期(2014-05-01)');
    expect((await ok(w.staff.get(`/api/worklist-items/${item.id}`))).deadline).toBe('2014-05-01');
  });
});

describe('numbers in JSON bodies', () => {
  it('are real numbers: numeric strings for amounts, ids and figures are refused', async () => {
    const before = await rowCounts();
    const bodies: [string, string, Record<string, unknown>][] = [
      ['/api/projects', 'amountApplied', { title: '项目', field: 'industry', stageDates: { lead: '2014-02-01' }, amountApplied: '12' }],
      ['/api/projects', 'managerId', { title: '项目', field: 'industry', stageDates: { lead: '2014-02-01' }, managerId: String(w.users.staff) }],
      ['/api/visits', 'staffIds.0', { visitDate: '2014-03-01', staffIds: [String(w.users.staff)], enterpriseIds: [w.enterpriseId], purpose: '调研' }],
      ['/api/events', 'placeIds.0', { type: '送科技下乡', theme: '下乡', startDate: '2014-03-05', role: 'lead', placeIds: [String(w.places.dongshan)] }],
      ['/api/events', 'boards', { type: '送科技下乡', theme: '下乡', startDate: '2014-03-05', role: 'lead', boards: '16' }],
    ];
    for (const [url, path, body] of bodies) {
      const res = await w.staff.post(url, body);
      expect({ url, path, status: res.status }).toEqual({ url, path, status: 400 });
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('may still come as text in query strings and paths', async () => {
    expect((await w.staff.get(`/api/visits?enterpriseId=${w.enterpriseId}&staffId=${w.users.staff}`)).status).toBe(200);
    expect((await w.staff.get(`/api/projects?townId=${w.places.dongshan}&page=1&pageSize=5`)).status).toBe(200);
    expect((await w.staff.get(`/api/projects/${projectId}`)).status).toBe(200);
  });
});

describe('fields a body does not take', () => {
  it('are refused by name: PATCH /api/projects/:id cannot set the stage, and nothing is written', async () => {
    const before = await ok(w.staff.get(`/api/projects/${projectId}`));
    const auditBefore = await ok(w.admin.get(`/api/audit?entityType=project&entityId=${projectId}`));
    const res = await w.staff.request('PATCH', `/api/projects/${projectId}`, { stage: 'pool' }, ANY_VERSION);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toContain('stage');
    expect(res.body.error.message).toContain('未知字段');
    const after = await ok(w.staff.get(`/api/projects/${projectId}`));
    expect(after).toEqual(before);
    expect((await ok(w.admin.get(`/api/audit?entityType=project&entityId=${projectId}`))).total).toBe(auditBefore.total);
  });

  it('are refused in create and replace bodies too', async () => {
    const event = await w.staff.post('/api/events', {
      type: '送科技下乡',
      theme: '下乡',
      startDate: '2014-03-05',
      role: 'lead',
      id: 99,
      createdAt: '2014-01-01',
    });
    expect(event.status).toBe(400);
    expect(event.body.error.message).toContain('id、createdAt');
    const followup = await w.staff.post(`/api/projects/${projectId}/followups`, {
      followupDate: '2014-03-01',
      staffId: w.users.staff,
      kind: 'visit',
      projectId: 1,
    });
    expect(followup.status).toBe(400);
    expect(followup.body.error.message).toContain('projectId');
  });
});

describe('the audit trail', () => {
  it('keeps no entry for a save that changed nothing', async () => {
    const body = { type: '送科技下乡', theme: '科技下乡', startDate: '2014-03-06', role: 'lead', boards: 8 };
    const event = await ok(w.staff.post('/api/events', body));
    const trail = () => ok(w.admin.get(`/api/audit?entityType=event&entityId=${event.id}`));
    expect((await trail()).total).toBe(1);
    expect((await w.staff.request('PUT', `/api/events/${event.id}`, body, ANY_VERSION)).status).toBe(200);
    expect((await trail()).total).toBe(1);
    const projectTrail = () => ok(w.admin.get(`/api/audit?entityType=project&entityId=${projectId}`));
    const projectEntries = (await projectTrail()).total;
    expect((await w.staff.request('PATCH', `/api/projects/${projectId}`, {}, ANY_VERSION)).status).toBe(200);
    expect((await projectTrail()).total).toBe(projectEntries);
    expect((await w.staff.request('PUT', `/api/events/${event.id}`, { ...body, boards: 9 }, ANY_VERSION)).status).toBe(200);
    const entries = (await trail()).items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(entries[0].before.boards).toBe(8);
    expect(entries[0].after.boards).toBe(9);
  });
});
