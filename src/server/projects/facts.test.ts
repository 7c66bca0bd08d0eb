import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let county: OrgRow;
let staff: TestClient;
let staffId: number;
let enterpriseId: number;
const ids: Record<string, number> = {};

async function project(key: string, body: Record<string, unknown>, moves: { to: string; date: string }[] = []) {
  const created = await staff.post('/api/projects', { title: key, field: 'industry', enterpriseId, ...body });
  if (created.status !== 200) throw new Error(created.text);
  for (const m of moves) {
    const res = await staff.post(`/api/projects/${created.body.id}/stage`, m);
    if (res.status !== 200) throw new Error(res.text);
  }
  ids[key] = created.body.id;
}

const H1 = 'from=2014-01-01&to=2014-06-30';

beforeAll(async () => {
  t = await createTestApp();
  county = await t.factories.org({ name: '上犹县科技局' });
  staffId = (await t.factories.user({ org: county, username: 'yewu' })).id;
  enterpriseId = (await t.factories.enterprise(county)).id;
  staff = await t.login('yewu');
  // Applied on the first and the last day of the half-year, and one day outside on each side.
  await project('first-day', { program: '科技富民强县专项行动计划', level: 'ministry', stage: 'applied', stageDates: { applied: '2014-01-01' } });
  await project('last-day', { program: '科技型中小企业技术创新基金', level: 'ministry', stage: 'applied', stageDates: { applied: '2014-06-30' } });
  await project('day-before', { program: '星火计划', level: 'province', stage: 'applied', stageDates: { applied: '2013-12-31' } });
  await project('day-after', { program: '星火计划', level: 'province', stage: 'applied', stageDates: { applied: '2014-07-01' } });
  // A project with no date in the period at all.
  await project('old-accepted', { stage: 'accepted', stageDates: { accepted: '2012-05-01' } });
  // Approved in the period with money, then under way; approved before and accepted in the period.
  await project('approved-h1', { program: '县科技计划', level: 'county', stage: 'applied', stageDates: { applied: '2013-11-01' }, amountApproved: 12.5, amountReceived: 10 },
    [{ to: 'approved', date: '2014-03-01' }, { to: 'ongoing', date: '2014-04-01' }]);
  await project('accepted-h1', { stage: 'ongoing', stageDates: { ongoing: '2013-06-01' } }, [{ to: 'accepted', date: '2014-05-05' }]);
  // Approved in H1 but accepted after the period ends: under way on 2014-06-30.
  await project('accepted-later', { stage: 'approved', stageDates: { approved: '2014-02-02' }, amountApproved: 30, amountReceived: 30 },
    [{ to: 'accepted', date: '2014-08-01', stageDates: { ongoing: '2014-03-01' } } as never]);
  // Leads and pool entries.
  await project('lead-h1', { stageDates: { lead: '2014-02-14' } }, [{ to: 'pool', date: '2014-06-30' }]);
  await project('lead-h2', { stageDates: { lead: '2014-07-01' } });
  // Follow-ups inside and outside.
  for (const [key, date] of [['approved-h1', '2014-01-01'], ['approved-h1', '2014-06-30'], ['accepted-h1', '2014-07-01']] as const) {
    await staff.post(`/api/projects/${ids[key]}/followups`, { followupDate: date, staffId, kind: 'visit' });
  }
  await staff.post('/api/visits', { visitDate: '2014-06-30', staffIds: [staffId], enterpriseIds: [enterpriseId], purpose: '调研' });
  await staff.post('/api/visits', { visitDate: '2013-12-31', staffIds: [staffId], enterpriseIds: [enterpriseId], purpose: '调研' });
});
afterAll(() => t.close());

describe('project facts for a period', () => {
  it('count applications whose 申报 date falls in the period, first and last day included', async () => {
    const res = await staff.get(`/api/projects/facts?${H1}`);
    expect(res.status).toBe(200);
    expect(res.body.applied).toEqual({ value: 2, recordType: 'project', ids: [ids['first-day'], ids['last-day']].sort((a, b) => a - b) });
  });

  it('group applications by program and level, as the summary states them (各1项)', async () => {
    const res = await staff.get(`/api/projects/facts?${H1}`);
    expect(res.body.appliedByProgram).toEqual(expect.arrayContaining([
      { program: '科技富民强县专项行动计划', fact: { value: 1, recordType: 'project', ids: [ids['first-day']] } },
      { program: '科技型中小企业技术创新基金', fact: { value: 1, recordType: 'project', ids: [ids['last-day']] } },
    ]));
    expect(res.body.appliedByProgram).toHaveLength(2);
    expect(res.body.appliedByLevel).toEqual([{ level: 'ministry', fact: expect.objectContaining({ value: 2 }) }]);
    expect(res.body.appliedByProgramAndLevel).toHaveLength(2);
  });

  it('count approvals with their money, acceptances, and what was under way on the last day', async () => {
    const res = await staff.get(`/api/projects/facts?${H1}`);
    expect(res.body.approved.ids).toEqual([ids['approved-h1'], ids['accepted-later']].sort((a, b) => a - b));
    expect(res.body.amountApproved.value).toBe(42.5);
    expect(res.body.amountReceived.value).toBe(40);
    expect(res.body.accepted.ids).toEqual([ids['accepted-h1']]);
    expect(res.body.ongoingAtEnd.ids).toEqual([ids['approved-h1'], ids['accepted-later']].sort((a, b) => a - b));
    expect(res.body.accepted.ids).not.toContain(ids['old-accepted']);
  });

  it('count leads found and projects entered into the pool, visits and follow-ups in the period', async () => {
    const res = await staff.get(`/api/projects/facts?${H1}`);
    expect(res.body.leadsFound.ids).toEqual([ids['lead-h1']]);
    expect(res.body.enteredPool.ids).toEqual([ids['lead-h1']]);
    expect(res.body.visits.value).toBe(1);
    expect(res.body.enterprisesVisited).toEqual({ value: 1, recordType: 'enterprise', ids: [enterpriseId] });
    expect(res.body.followups.value).toBe(2);
    expect(res.body.projectsFollowedUp.ids).toEqual([ids['approved-h1']]);
  });

  it('count nothing for a period with no dates in it, and the second half on its own', async () => {
    const empty = await staff.get('/api/projects/facts?from=2010-01-01&to=2010-12-31');
    for (const key of ['applied', 'approved', 'accepted', 'ongoingAtEnd', 'leadsFound', 'visits', 'followups']) {
      expect(empty.body[key]).toMatchObject({ value: 0, ids: [] });
    }
    const h2 = await staff.get('/api/projects/facts?from=2014-07-01&to=2014-12-31');
    expect(h2.body.applied.ids).toEqual([ids['day-after']]);
    expect(h2.body.accepted.ids).toEqual([ids['accepted-later']]);
    expect(h2.body.leadsFound.ids).toEqual([ids['lead-h2']]);
  });

  it('narrow by program and level', async () => {
    const res = await staff.get(`/api/projects/facts?${H1}&level=ministry&program=${encodeURIComponent('科技富民强县专项行动计划')}`);
    expect(res.body.applied.ids).toEqual([ids['first-day']]);
  });

  it('refuse a period that ends before it starts', async () => {
    const res = await staff.get('/api/projects/facts?from=2014-06-30&to=2014-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'to', message: '开始日期不能晚于结束日期' });
  });
});
