// A save that changes nothing writes nothing: an empty PATCH or one that repeats the stored values
// answers the record as it is, with the same version, no new update time and no audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let county: OrgRow;
let admin: TestClient;
let staff: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.factories.org({ name: '空保存测试市科技局', level: 'city' });
  county = await t.factories.org({ name: '空保存测试县科技局', parent: city });
  const business = await t.factories.section(county, '业务股');
  await t.factories.user({ org: county, role: 'admin', username: 'noop_admin' });
  await t.factories.user({ org: city, role: 'admin', username: 'noop_city_admin' });
  await t.factories.user({ org: county, section: business, username: 'noop_staff' });
  admin = await t.login('noop_admin');
  staff = await t.login('noop_staff');
});
afterAll(() => t.close());

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

async function auditEntries(entityType: string, id: number): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(id))
    .where('action', '=', 'update')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface Case {
  name: string;
  entityType: string;
  client: () => TestClient;
  create: () => Promise<{ id: number; version: number } & Record<string, unknown>>;
  url: (id: number) => string;
  /** The same values the record already holds. */
  same: (record: Record<string, unknown>) => Record<string, unknown>;
}

const ok = async (res: Promise<{ status: number; body: any; text: string }>) => {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
};

const CASES: Case[] = [
  {
    name: 'organisation',
    entityType: 'org',
    client: () => admin,
    create: async () => (await ok(admin.get('/api/orgs'))).items.find((o: { id: number }) => o.id === county.id),
    url: (id) => `/api/orgs/${id}`,
    same: (r) => ({ name: r.name }),
  },
  {
    name: 'place',
    entityType: 'place',
    client: () => admin,
    create: () => ok(admin.post('/api/places', { level: 'county', name: `空保存县${Date.now()}`, code: null, parentId: null })),
    url: (id) => `/api/places/${id}`,
    same: (r) => ({ name: r.name }),
  },
  {
    name: 'department',
    entityType: 'department',
    client: () => admin,
    create: () => ok(admin.post('/api/departments', { name: `空保存局${Date.now()}`, shortName: null, sortOrder: 5 })),
    url: (id) => `/api/departments/${id}`,
    same: (r) => ({ name: r.name, sortOrder: r.sortOrder }),
  },
  {
    name: 'dictionary item',
    entityType: 'dictionary_item',
    client: () => admin,
    create: () => ok(admin.post('/api/dictionaries/program/items', { value: `空保存计划${Date.now()}`, label: `空保存计划${Date.now()}`, sortOrder: 50 })),
    url: (id) => `/api/dictionary-items/${id}`,
    same: (r) => ({ label: r.label }),
  },
  {
    name: 'project',
    entityType: 'project',
    client: () => staff,
    create: () =>
      ok(
        staff.post('/api/projects', {
          title: `空保存项目${Date.now()}`,
          field: 'industry',
          stage: 'lead',
          stageDates: { lead: '2024-03-01' },
          amountApplied: 12.5,
        }),
      ),
    url: (id) => `/api/projects/${id}`,
    same: (r) => ({ title: r.title, amountApplied: r.amountApplied }),
  },
];

describe('a save that changes nothing', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('writes nothing for the %s: same version, no audit entry, never a 500', async (_name, c) => {
    const record = await c.create();
    const client = c.client();
    for (const body of [{}, c.same(record)]) {
      const res = await client.patch(c.url(record.id), body, ifMatch(record.version));
      expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
      expect(res.body.version).toBe(record.version);
    }
    expect(await auditEntries(c.entityType, record.id)).toBe(0);
    // If-Match holds whatever the body: none is a 400, an outdated one a 409 with the record as it is.
    expect((await client.patch(c.url(record.id), {})).status).toBe(400);
    const stale = await client.patch(c.url(record.id), {}, ifMatch(record.version + 7));
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ id: record.id, version: record.version });
  });
});
