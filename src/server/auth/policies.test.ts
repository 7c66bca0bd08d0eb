import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, type TestResponse, createTestApp } from '../test/harness.js';

// What a record's `policies` say is what the server then does: a `false` is a 403, a `true` is not.
// Each test builds a city with a county below it: two sections in the county, staff of each, the
// county's leader and admin, a commissioner, and the city's leader and staff.

let t: TestApp;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const ANY = { 'if-match': '*' };

interface World {
  city: OrgRow;
  county: OrgRow;
  staffA: TestClient;
  staffB: TestClient;
  leader: TestClient;
  admin: TestClient;
  commissioner: TestClient;
  cityLeader: TestClient;
  cityStaff: TestClient;
  staffAId: number;
  commissionerUserId: number;
}

async function world(): Promise<World> {
  const k = ++n;
  const city = await t.factories.org({ name: `政策测试市科技局${k}`, level: 'city' });
  const county = await t.factories.org({ name: `政策测试县科技局${k}`, parent: city });
  const sectionA = await t.factories.section(county, '业务股');
  const sectionB = await t.factories.section(county, '办公室');
  const staffA = await t.factories.user({ org: county, username: `pol_a_${k}`, section: sectionA });
  await t.factories.user({ org: county, username: `pol_b_${k}`, section: sectionB });
  await t.factories.user({ org: county, username: `pol_leader_${k}`, role: 'leader' });
  await t.factories.user({ org: county, username: `pol_admin_${k}`, role: 'admin' });
  const commissioner = await t.factories.user({ org: county, username: `pol_tepai_${k}`, role: 'commissioner' });
  await t.factories.user({ org: city, username: `pol_city_leader_${k}`, role: 'leader' });
  await t.factories.user({ org: city, username: `pol_city_staff_${k}` });
  return {
    city,
    county,
    staffA: t.lazyLogin(`pol_a_${k}`),
    staffB: t.lazyLogin(`pol_b_${k}`),
    leader: t.lazyLogin(`pol_leader_${k}`),
    admin: t.lazyLogin(`pol_admin_${k}`),
    commissioner: t.lazyLogin(`pol_tepai_${k}`),
    cityLeader: t.lazyLogin(`pol_city_leader_${k}`),
    cityStaff: t.lazyLogin(`pol_city_staff_${k}`),
    staffAId: staffA.id,
    commissionerUserId: commissioner.id,
  };
}

function ok<T = any>(res: TestResponse<T>): T {
  if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
  return res.body;
}

/** The server does what the policy said: 403 when it said no, anything but 403 (and 2xx unless `state` says so) when yes. */
async function expectHonoured(policy: boolean, action: Promise<TestResponse>, state?: number): Promise<void> {
  const res = await action;
  if (!policy) expect(res.status, res.text).toBe(403);
  else expect(res.status, res.text).toBe(state ?? 200);
}

describe('ledger records', () => {
  it('a project: its section and the leader may change it; another section and the city leader see update:false and get 403', async () => {
    const w = await world();
    const project = ok(await w.staffA.post('/api/projects', { title: '政策测试项目', field: 'industry', stageDates: { lead: '2024-01-05' } }));
    expect(project.policies).toEqual({ update: true, delete: true });

    for (const client of [w.staffB, w.cityLeader]) {
      const seen = ok(await client.get(`/api/projects/${project.id}`));
      expect(seen.policies).toEqual({ update: false, delete: false });
      await expectHonoured(seen.policies.update, client.patch(`/api/projects/${project.id}`, { title: '改名' }, ANY));
      await expectHonoured(seen.policies.delete, client.delete(`/api/projects/${project.id}`));
    }
    const listed = ok(await w.cityLeader.get('/api/projects?pageSize=200'));
    expect(listed.items.find((p: { id: number }) => p.id === project.id).policies.update).toBe(false);

    const byLeader = ok(await w.leader.get(`/api/projects/${project.id}`));
    expect(byLeader.policies.update).toBe(true);
    await expectHonoured(byLeader.policies.update, w.leader.patch(`/api/projects/${project.id}`, { title: '局领导改名' }, ANY));
    const own = ok(await w.staffA.get(`/api/projects/${project.id}`));
    await expectHonoured(own.policies.delete, w.staffA.delete(`/api/projects/${project.id}`));
  });

  it('lists say whether the user may add to them: staff and leaders yes, a city leader reading a county page yes (for their own city)', async () => {
    const w = await world();
    for (const client of [w.staffA, w.leader, w.cityLeader]) {
      for (const url of ['/api/projects', '/api/enterprises', '/api/visits', '/api/followups', '/api/commissioners']) {
        expect(ok(await client.get(url)).policies, url).toEqual({ create: true });
      }
    }
    expect(ok(await w.commissioner.get('/api/commissioners')).policies).toEqual({ create: false });
    expect(ok(await w.commissioner.get('/api/service-logs')).policies).toEqual({ create: true });
  });

  it('an enterprise, a visit and a follow-up: another section sees delete:false and gets 403; their own section deletes', async () => {
    const w = await world();
    const enterprise = await t.factories.enterprise(w.county, { sectionId: null });
    const sectioned = ok(await w.staffA.post('/api/enterprises', { name: '政策测试企业', kind: '合作社', industry: 'agriculture' }));
    const visit = ok(
      await w.staffA.post('/api/visits', { visitDate: '2024-03-01', staffIds: [w.staffAId], enterpriseIds: [enterprise.id], purpose: '了解需求' }),
    );
    const project = ok(
      await w.staffA.post('/api/projects', { title: '跟踪项目', field: 'industry', stage: 'approved', stageDates: { approved: '2024-01-05' } }),
    );
    const followup = ok(await w.staffA.post(`/api/projects/${project.id}/followups`, { followupDate: '2024-03-02', staffId: w.staffAId, kind: 'phone' }));
    const records = [`/api/enterprises/${sectioned.id}`, `/api/visits/${visit.id}`, `/api/followups/${followup.id}`];
    for (const url of records) {
      for (const client of [w.staffB, w.cityLeader]) {
        const seen = ok(await client.get(url));
        expect(seen.policies, url).toEqual({ update: false, delete: false });
        await expectHonoured(seen.policies.delete, client.delete(url));
      }
    }
    expect(ok(await w.staffB.get(`/api/projects/${project.id}/milestones`)).policies).toEqual({ create: false });
    expect(ok(await w.staffA.get(`/api/projects/${project.id}/milestones`)).policies).toEqual({ create: true });
    expect(ok(await w.staffB.get(`/api/followups?projectId=${project.id}`)).policies).toEqual({ create: false });
    for (const url of records) {
      const seen = ok(await w.staffA.get(url));
      expect(seen.policies, url).toEqual({ update: true, delete: true });
      await expectHonoured(seen.policies.delete, w.staffA.delete(url));
    }
  });
});

describe('events', () => {
  it('an event: staff of another section see the edit buttons away (update:false) and get 403; their own section and the leader change it', async () => {
    const w = await world();
    const type = ok(await w.staffA.get('/api/dictionaries/event_type/items')).items[0].value;
    const body = { type, theme: '科技下乡', startDate: '2024-03-05', role: 'lead' };
    const event = ok(await w.staffA.post('/api/events', body));
    expect(event.policies).toEqual({ update: true, delete: true });
    expect(ok(await w.staffB.get('/api/events')).policies).toEqual({ create: true });
    for (const client of [w.staffB, w.cityLeader]) {
      const seen = ok(await client.get(`/api/events/${event.id}`));
      expect(seen.policies).toEqual({ update: false, delete: false });
      expect(ok(await client.get('/api/events?pageSize=200')).items.find((e: { id: number }) => e.id === event.id).policies.update).toBe(false);
      await expectHonoured(seen.policies.update, client.put(`/api/events/${event.id}`, { ...body, theme: '改' }, ANY));
      await expectHonoured(seen.policies.delete, client.delete(`/api/events/${event.id}`));
    }
    const byLeader = ok(await w.leader.get(`/api/events/${event.id}`));
    await expectHonoured(byLeader.policies.update, w.leader.put(`/api/events/${event.id}`, { ...body, theme: '局领导改' }, ANY));
    await expectHonoured(event.policies.delete, w.staffA.delete(`/api/events/${event.id}`));
  });
});

describe('commissioners and their logs', () => {
  it('the roster is kept by the bureau, support by leaders; a confirmed log is changed only by a leader', async () => {
    const w = await world();
    const entry = ok(
      await w.staffA.post('/api/commissioners', {
        name: '张特派',
        gender: 'male',
        employer: '农科院',
        termStartYear: 2023,
        termEndYear: 2025,
        userId: w.commissionerUserId,
      }),
    );
    expect(entry.policies).toEqual({ update: true, delete: true, createLog: true, manageSupport: false });

    const own = ok(await w.commissioner.get(`/api/commissioners/${entry.id}`));
    expect(own.policies).toEqual({ update: false, delete: false, createLog: true, manageSupport: false });
    await expectHonoured(own.policies.delete, w.commissioner.delete(`/api/commissioners/${entry.id}`));
    const byCity = ok(await w.cityLeader.get(`/api/commissioners/${entry.id}`));
    expect(byCity.policies).toEqual({ update: false, delete: false, createLog: false, manageSupport: false });
    const support = { supportDate: '2024-01-01', kind: 'policy', description: '政策宣讲' };
    await expectHonoured(byCity.policies.manageSupport, w.cityLeader.post(`/api/commissioners/${entry.id}/supports`, support));
    await expectHonoured(entry.policies.manageSupport, w.staffA.post(`/api/commissioners/${entry.id}/supports`, support));
    expect(ok(await w.leader.get(`/api/commissioners/${entry.id}`)).policies.manageSupport).toBe(true);

    const kind = ok(await w.staffA.get('/api/dictionaries/service_kind/items')).items[0].value;
    const log = ok(
      await w.commissioner.post(`/api/commissioners/${entry.id}/service-logs`, {
        logDate: '2024-03-01',
        enterpriseId: (await t.factories.enterprise(w.county)).id,
        kind,
        content: '田间指导',
        peopleServed: 5,
      }),
    );
    expect(log.policies).toEqual({ update: true, delete: true, confirm: false });
    await expectHonoured(log.policies.confirm, w.commissioner.post(`/api/service-logs/${log.id}/confirm`, {}));
    const byLeader = ok(await w.leader.get(`/api/service-logs/${log.id}`));
    expect(byLeader.policies.confirm).toBe(true);
    await expectHonoured(byLeader.policies.confirm, w.leader.post(`/api/service-logs/${log.id}/confirm`, {}));

    const locked = ok(await w.commissioner.get(`/api/service-logs/${log.id}`));
    expect(locked.policies).toEqual({ update: false, delete: false, confirm: false });
    await expectHonoured(locked.policies.delete, w.commissioner.delete(`/api/service-logs/${log.id}`));
    const cityView = ok(await w.cityLeader.get(`/api/service-logs/${log.id}`));
    expect(cityView.policies).toEqual({ update: false, delete: false, confirm: false });
    const leaderView = ok(await w.leader.get(`/api/service-logs/${log.id}`));
    expect(leaderView.policies.delete).toBe(true);
    await expectHonoured(leaderView.policies.delete, w.leader.delete(`/api/service-logs/${log.id}`));
  });
});

describe('work lists', () => {
  it('lists are designed by leaders of their own bureau; items are registered there, not by the city', async () => {
    const w = await world();
    const { items: lists } = ok(await w.leader.post('/api/worklists/starters', { keys: ['opinions'] }));
    const list = lists[0];
    expect(list.policies).toEqual({ update: true, delete: true, createItem: true });
    expect(ok(await w.leader.get('/api/worklists')).policies).toEqual({ create: true });
    expect(ok(await w.staffA.get('/api/worklists')).policies).toEqual({ create: false });

    const byStaff = ok(await w.staffA.get(`/api/worklists/${list.id}`));
    expect(byStaff.policies).toEqual({ update: false, delete: false, createItem: true });
    await expectHonoured(byStaff.policies.delete, w.staffA.delete(`/api/worklists/${list.id}`));
    const byCity = ok(await w.cityLeader.get(`/api/worklists/${list.id}`));
    expect(byCity.policies).toEqual({ update: false, delete: false, createItem: false });
    expect(ok(await w.cityLeader.get(`/api/worklists/${list.id}/items`)).policies).toEqual({ create: false });
    await expectHonoured(byCity.policies.createItem, w.cityLeader.post(`/api/worklists/${list.id}/items`, { values: {} }));
    await expectHonoured(byCity.policies.delete, w.cityLeader.delete(`/api/worklists/${list.id}`));
    await expectHonoured(list.policies.delete, w.leader.delete(`/api/worklists/${list.id}`));
  });
});

describe('summaries and templates', () => {
  it('staff of a city may not draft its summary (me.policies.draftReport false, 403); its leader may', async () => {
    const w = await world();
    const cityStaffMe = ok(await w.cityStaff.get('/api/auth/me')).user;
    expect(cityStaffMe.policies.draftReport).toBe(false);
    expect(ok(await w.cityStaff.get('/api/reports')).policies).toEqual({ create: false });
    await expectHonoured(cityStaffMe.policies.draftReport, w.cityStaff.post('/api/reports', { from: '2024-01-01', to: '2024-06-30' }));

    const countyStaffMe = ok(await w.staffA.get('/api/auth/me')).user;
    expect(countyStaffMe.policies.draftReport).toBe(true);
    const cityLeaderMe = ok(await w.cityLeader.get('/api/auth/me')).user;
    expect(cityLeaderMe.policies).toMatchObject({ draftReport: true, readRollup: true });
    await expectHonoured(cityLeaderMe.policies.draftReport, w.cityLeader.post('/api/reports', { from: '2024-01-01', to: '2024-06-30' }));
  });

  it("a county's summary: its own staff may save versions; the city leader reads it with update:false and gets 403", async () => {
    const w = await world();
    const report = ok(await w.staffA.post('/api/reports', { from: '2024-01-01', to: '2024-03-31' }));
    expect(report.policies).toEqual({ update: true });
    const byCity = ok(await w.cityLeader.get(`/api/reports/${report.id}`));
    expect(byCity.policies).toEqual({ update: false });
    expect(ok(await w.cityLeader.get('/api/reports')).items.find((r: { id: number }) => r.id === report.id).policies.update).toBe(false);
    await expectHonoured(byCity.policies.update, w.cityLeader.post(`/api/reports/${report.id}/redraft`, {}));
    const byStaffB = ok(await w.staffB.get(`/api/reports/${report.id}`));
    await expectHonoured(byStaffB.policies.update, w.staffB.post(`/api/reports/${report.id}/redraft`, {}));
  });

  it('templates are kept by leaders and admins (the default one is never deleted: a 409, not a 403)', async () => {
    const w = await world();
    const byStaff = ok(await w.staffA.get('/api/report-templates'));
    expect(byStaff.policies).toEqual({ create: false });
    const template = byStaff.items[0];
    expect(template.policies).toEqual({ update: false, delete: false });
    await expectHonoured(template.policies.delete, w.staffA.delete(`/api/report-templates/${template.id}`));
    const byLeader = ok(await w.leader.get('/api/report-templates'));
    expect(byLeader.policies).toEqual({ create: true });
    expect(byLeader.items[0].policies).toEqual({ update: true, delete: true });
    await expectHonoured(byLeader.items[0].policies.delete, w.leader.delete(`/api/report-templates/${template.id}`), 409);
  });
});

describe('administration', () => {
  it('departments, places, sections and users are kept by the admins of their organisation', async () => {
    const w = await world();
    const department = ok(await w.admin.post('/api/departments', { name: '县农业农村局' }));
    expect(department.policies).toEqual({ update: true, delete: true });
    const seen = ok(await w.staffA.get('/api/departments'));
    expect(seen.policies).toEqual({ create: false });
    const row = seen.items.find((d: { id: number }) => d.id === department.id);
    expect(row.policies).toEqual({ update: false, delete: false });
    await expectHonoured(row.policies.delete, w.staffA.delete(`/api/departments/${department.id}`));
    await expectHonoured(department.policies.delete, w.admin.delete(`/api/departments/${department.id}`));

    const section = ok(await w.admin.post('/api/sections', { name: '临时股' }));
    expect(ok(await w.admin.get('/api/sections')).policies).toEqual({ create: true });
    const staffSections = ok(await w.staffA.get('/api/sections'));
    expect(staffSections.policies).toEqual({ create: false });
    const sectionSeen = staffSections.items.find((s: { id: number }) => s.id === section.id);
    await expectHonoured(sectionSeen.policies.delete, w.staffA.delete(`/api/sections/${section.id}`));
    await expectHonoured(section.policies.delete, w.admin.delete(`/api/sections/${section.id}`));

    const users = ok(await w.admin.get('/api/users'));
    expect(users.policies).toEqual({ create: true });
    expect(users.items[0].policies).toEqual({ update: true, resetPassword: true });
  });

  it('me.policies: what each role may do in the app as a whole', async () => {
    const w = await world();
    const me = async (client: TestClient) => ok(await client.get('/api/auth/me')).user.policies;
    expect(await me(w.staffA)).toEqual({
      readLedgers: true,
      writeLedgers: true,
      keepOwnLogs: false,
      designWorklists: false,
      editTemplates: false,
      draftReport: true,
      readRollup: false,
      confirmServiceLogs: false,
      manageUsers: false,
      manageOrgs: false,
      manageReference: false,
      readAudit: false,
    });
    expect(await me(w.commissioner)).toMatchObject({ readLedgers: false, writeLedgers: false, keepOwnLogs: true, draftReport: false });
    // A county leader has no subordinates: no roll-up card.
    expect(await me(w.leader)).toMatchObject({
      designWorklists: true,
      editTemplates: true,
      readRollup: false,
      confirmServiceLogs: true,
      readAudit: true,
      manageUsers: false,
    });
    expect(await me(w.admin)).toMatchObject({ manageUsers: true, manageOrgs: true, manageReference: true, confirmServiceLogs: false });
    const cityLeader = await me(w.cityLeader);
    expect(cityLeader.readRollup).toBe(true);
    await expectHonoured(cityLeader.readRollup, w.cityLeader.get('/api/reports/rollup?from=2024-01-01&to=2024-03-31'));
    await expectHonoured((await me(w.staffA)).readAudit, w.staffA.get('/api/audit'));
  });
});
