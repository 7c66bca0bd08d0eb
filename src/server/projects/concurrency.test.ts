// Conflicting operations sent at the same moment: exactly one wins, the others are told (409 in
// Chinese), the history gains one row, and nothing answers 500. On PostgreSQL the requests really
// run in parallel on the pool's connections; on SQLite they queue for the one writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import type { TestApp, TestClient, TestResponse } from '../test/harness.js';
import { createTestApp } from '../test/harness.js';
import { commissionerBody, logBody } from '../commissioners/test-world.js';

let t: TestApp;
let county: OrgRow;
let staff: TestClient;
let leader: TestClient;
let leaderId: number;

beforeAll(async () => {
  t = await createTestApp();
  county = await t.factories.org({ name: '并发测试县科技局' });
  const business = await t.factories.section(county, '业务股');
  await t.factories.user({ org: county, section: business, username: 'yewu' });
  leaderId = (await t.factories.user({ org: county, role: 'leader', username: 'juzhang' })).id;
  staff = await t.login('yewu');
  leader = await t.login('juzhang');
});
afterAll(() => t.close());

/** Tally of answers by status; every loser must be a coded 409 with a Chinese message. */
function tally(responses: TestResponse[]) {
  const byStatus: Record<number, number> = {};
  for (const r of responses) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  for (const r of responses.filter((x) => x.status === 409)) {
    expect(r.body.error.code).toBe('CONFLICT');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  return byStatus;
}

async function newLead(title: string) {
  const res = await staff.post('/api/projects', { title, field: 'industry', stage: 'lead', stageDates: { lead: '2014-01-08' } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('concurrent conflicting operations', () => {
  it('50 parallel moves of one project to 储备: one wins, one history row, the rest 409', async () => {
    const p = await newLead('并发入库');
    const responses = await Promise.all(Array.from({ length: 50 }, () => staff.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-20' })));
    expect(tally(responses)).toEqual({ 200: 1, 409: 49 });
    const history = await t.database.db.selectFrom('project_stage_events').select(['to_stage']).where('project_id', '=', p.id).execute();
    expect(history.map((h) => h.to_stage)).toEqual(['lead', 'pool']);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'project')
      .where('entity_id', '=', String(p.id))
      .where('action', '=', 'update')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('30 parallel undos of the version they saw (a double click): one takes the move back, the others 409', async () => {
    const p = await newLead('并发撤销');
    await staff.post(`/api/projects/${p.id}/stage`, { to: 'pool', date: '2014-02-20' });
    const seen = await staff.post(`/api/projects/${p.id}/stage`, { to: 'applied', date: '2014-03-20' });
    const ifMatch = { 'if-match': `"${seen.body.version}"` };
    const responses = await Promise.all(Array.from({ length: 30 }, () => staff.request('POST', `/api/projects/${p.id}/stage/undo`, {}, ifMatch)));
    expect(tally(responses)).toEqual({ 200: 1, 409: 29 });
    const after = await staff.get(`/api/projects/${p.id}`);
    expect(after.body.stage).toBe('pool');
    expect(after.body.history.map((h: { toStage: string }) => h.toStage)).toEqual(['lead', 'pool']);
  });

  it('30 parallel closings of one work-list item: one closes it, one progress row', async () => {
    const list = await leader.post('/api/worklists', {
      name: '并发台账',
      topic: null,
      description: null,
      titleFieldKey: 'task',
      fields: [{ key: 'task', label: '任务', type: 'text', required: true }],
      statuses: [
        { key: 'open', label: '未完成' },
        { key: 'done', label: '已完成', done: true },
      ],
      hasDeadline: false,
      hasResponsible: true,
      figures: [],
    });
    expect(list.status).toBe(200);
    const item = await staff.post(`/api/worklists/${list.body.id}/items`, {
      values: { task: '并发销号' },
      responsibleId: leaderId,
      registeredDate: '2014-01-02',
    });
    expect(item.status).toBe(200);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        staff.post(`/api/worklist-items/${item.body.id}/progress`, { entryDate: '2014-03-01', content: `已完成${i}`, toStatus: 'done' }),
      ),
    );
    expect(tally(responses)).toEqual({ 200: 1, 409: 29 });
    const progress = await t.database.db.selectFrom('worklist_progress').select(['to_status']).where('item_id', '=', item.body.id).execute();
    expect(progress.map((p) => p.to_status)).toEqual(['open', 'done']);
  });

  it('20 parallel confirmations of one service log: one confirms it', async () => {
    const commissioner = await staff.post('/api/commissioners', commissionerBody({ name: '并发特派员' }));
    expect(commissioner.status).toBe(200);
    const log = await staff.post(
      `/api/commissioners/${commissioner.body.id}/service-logs`,
      logBody({ enterpriseId: (await t.factories.enterprise(county)).id }),
    );
    expect(log.status, log.text).toBe(200);
    const responses = await Promise.all(Array.from({ length: 20 }, () => leader.post(`/api/service-logs/${log.body.id}/confirm`, {})));
    expect(tally(responses)).toEqual({ 200: 1, 409: 19 });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'service_log')
      .where('entity_id', '=', String(log.body.id))
      .where('action', '=', 'update')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('20 parallel saves of a work summary on the same version: one becomes version 2', async () => {
    const report = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' });
    expect(report.status, report.text).toBe(200);
    const doc = report.body.latest.doc;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => staff.post(`/api/reports/${report.body.id}/versions`, { doc, note: `并发保存${i}`, baseVersion: 1 })),
    );
    expect(tally(responses)).toEqual({ 200: 1, 409: 19 });
    const versions = await staff.get(`/api/reports/${report.body.id}/versions`);
    expect(versions.body.items.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
  });
});
