import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phraseWan } from '../../shared/phrasing.js';
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
  await project(
    'approved-h1',
    { program: '县科技计划', level: 'county', stage: 'applied', stageDates: { applied: '2013-11-01' }, amountApproved: 12.5, amountReceived: 10 },
    [
      { to: 'approved', date: '2014-03-01' },
      { to: 'ongoing', date: '2014-04-01' },
    ],
  );
  await project('accepted-h1', { stage: 'ongoing', stageDates: { ongoing: '2013-06-01' } }, [{ to: 'accepted', date: '2014-05-05' }]);
  // Approved in H1 but accepted after the period ends: under way on 2014-06-30.
  await project('accepted-later', { stage: 'approved', stageDates: { approved: '2014-02-02' }, amountApproved: 30, amountReceived: 30 }, [
    { to: 'accepted', date: '2014-08-01', stageDates: { ongoing: '2014-03-01' } } as never,
  ]);
  // Leads and pool entries.
  await project('lead-h1', { stageDates: { lead: '2014-02-14' } }, [{ to: 'pool', date: '2014-06-30' }]);
  await project('lead-h2', { stageDates: { lead: '2014-07-01' } });
  // Follow-ups inside and outside.
  for (const [key, date] of [
    ['approved-h1', '2014-01-01'],
    ['approved-h1', '2014-06-30'],
    ['accepted-h1', '2014-07-01'],
  ] as const) {
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
    expect(res.body.appliedByProgram).toEqual(
      expect.arrayContaining([
        { program: '科技富民强县专项行动计划', fact: { value: 1, recordType: 'project', ids: [ids['first-day']] } },
        { program: '科技型中小企业技术创新基金', fact: { value: 1, recordType: 'project', ids: [ids['last-day']] } },
      ]),
    );
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

describe('project figures split by level, field and programme', () => {
  let client: TestClient;
  const p: Record<string, number> = {};
  const sorted = (...keys: string[]) => keys.map((k) => p[k]).sort((a, b) => a - b);
  const PERIOD = 'from=2023-01-01&to=2023-06-30';

  beforeAll(async () => {
    const org = await t.factories.org({ name: '分组测试县科技局' });
    await t.factories.user({ org, username: 'split_staff' });
    await t.factories.user({ org, username: 'split_admin', role: 'admin' });
    const admin = await t.login('split_admin');
    // A programme of the bureau's own, counted with its own measure word.
    const centre = await admin.post('/api/dictionaries/program/items', { value: '研发中心', label: '研发中心', measure: '个', sortOrder: 999 });
    if (centre.status !== 200) throw new Error(centre.text);
    client = await t.login('split_staff');
    const make = async (
      key: string,
      body: Record<string, unknown>,
      stageDates: Record<string, string>,
      stage: string,
      moves: { to: string; date: string }[] = [],
    ) => {
      const res = await client.post('/api/projects', { title: key, field: 'industry', stage, stageDates, ...body });
      if (res.status !== 200) throw new Error(res.text);
      for (const m of moves) {
        const moved = await client.post(`/api/projects/${res.body.id}/stage`, m);
        if (moved.status !== 200) throw new Error(moved.text);
      }
      p[key] = res.body.id;
    };
    const approved = (key: string, body: Record<string, unknown>) => make(key, body, { approved: '2023-03-01' }, 'approved');
    await approved('city-ind-1', { level: 'city', program: '市科技计划', amountApproved: 20, amountReceived: 15 });
    await approved('city-ind-2', { level: 'city', program: '市科技计划', amountApproved: 12.5, amountReceived: 10 });
    await approved('city-agr', { level: 'city', field: 'agriculture', program: '市科技计划', amountApproved: 6.1 });
    await approved('national', { level: 'national', field: 'social', program: '研发中心', amountApproved: 100, amountReceived: 100 });
    await approved('ministry', { level: 'ministry', program: '星火计划', amountApproved: 3 });
    await approved('no-level', { field: 'agriculture' });
    await approved('county', { level: 'county', program: '研发中心', amountApproved: 8 });
    await make('applied', { level: 'province', program: '省科技支撑计划' }, { applied: '2023-05-05' }, 'applied');
    await make('rejected', { level: 'province', field: 'agriculture', program: '省科技支撑计划' }, { applied: '2022-10-01' }, 'applied', [
      { to: 'rejected', date: '2023-04-04' },
    ]);
    await make('accepted', { level: 'county', field: 'agriculture', program: '县科技计划' }, { ongoing: '2022-01-01' }, 'ongoing', [
      { to: 'accepted', date: '2023-06-30' },
    ]);
    // Approved before the period and still under way at its end; approved after it.
    await make('earlier', { level: 'city', program: '市科技计划' }, { approved: '2022-12-31' }, 'approved');
    await make('later', { level: 'city', program: '市科技计划', amountApproved: 50 }, { approved: '2023-07-01' }, 'approved');
  });

  it('split approvals by level in hierarchy order, labelled 国家级 … 县级 (never 部级级), then 未定级别', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}`);
    const byLevel = res.body.groups.approved.level;
    expect(byLevel.map((g: { key: string; label: string; fact: { value: number } }) => [g.key, g.label, g.fact.value])).toEqual([
      ['national', '国家级', 1],
      ['ministry', '部级', 1],
      ['city', '市级', 3],
      ['county', '县级', 1],
      ['', '未定级别', 1],
    ]);
    expect(byLevel[2].fact).toEqual({ value: 3, recordType: 'project', ids: sorted('city-ind-1', 'city-ind-2', 'city-agr') });
  });

  it('split each level again by field and programme, for 市级项目3项(工业2项、农业1项)', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}`);
    const city = res.body.groups.approved.level.find((g: { key: string }) => g.key === 'city');
    expect(city.sub.field).toEqual([
      { key: 'industry', label: '工业', measure: null, fact: { value: 2, recordType: 'project', ids: sorted('city-ind-1', 'city-ind-2') } },
      { key: 'agriculture', label: '农业', measure: null, fact: { value: 1, recordType: 'project', ids: [p['city-agr']] } },
    ]);
    expect(city.sub.program.map((g: { label: string; fact: { value: number } }) => [g.label, g.fact.value])).toEqual([['市科技计划', 3]]);
    expect(city.sub).not.toHaveProperty('level');
  });

  it('split by field (工业 → 农业 → 社会发展) and by programme in the dictionary’s order, with its measure word', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}`);
    expect(res.body.groups.approved.field.map((g: { label: string; fact: { ids: number[] } }) => [g.label, g.fact.ids])).toEqual([
      ['工业', sorted('city-ind-1', 'city-ind-2', 'ministry', 'county')],
      ['农业', sorted('city-agr', 'no-level')],
      ['社会发展', [p.national]],
    ]);
    expect(
      res.body.groups.approved.program.map((g: { label: string; measure: string | null; fact: { value: number } }) => [g.label, g.measure, g.fact.value]),
    ).toEqual([
      ['星火计划', null, 1],
      ['市科技计划', null, 3],
      ['研发中心', '个', 2],
      ['未填计划类别', null, 1],
    ]);
    const centre = res.body.groups.approved.program.find((g: { key: string }) => g.key === '研发中心');
    expect(centre.sub.level.map((g: { label: string }) => g.label)).toEqual(['国家级', '县级']);
  });

  it('split applications, rejections, acceptances and projects under way at the end alike', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}`);
    const levels = (count: string) => res.body.groups[count].level.map((g: { label: string; fact: { ids: number[] } }) => [g.label, g.fact.ids]);
    expect(levels('applied')).toEqual([['省级', [p.applied]]]);
    expect(levels('rejected')).toEqual([['省级', [p.rejected]]]);
    expect(levels('accepted')).toEqual([['县级', [p.accepted]]]);
    expect(res.body.groups.accepted.field.map((g: { label: string }) => g.label)).toEqual(['农业']);
    expect(res.body.groups.ongoingAtEnd.level.find((g: { key: string }) => g.key === 'city').fact.ids).toEqual(
      sorted('city-ind-1', 'city-ind-2', 'city-agr', 'earlier'),
    );
    expect(res.body.ongoingAtEnd.ids).not.toContain(p.later);
  });

  it('sum the funds of the projects approved in the period, and by level, in 万元', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}`);
    expect(res.body.amountApproved.value).toBeCloseTo(149.6, 6);
    expect(res.body.amountReceived.value).toBe(125);
    const approved = res.body.amountApprovedByLevel.map((g: { label: string; fact: { value: number; ids: number[] } }) => [
      g.label,
      Number(g.fact.value.toFixed(4)),
      g.fact.ids,
    ]);
    expect(approved).toEqual([
      ['国家级', 100, [p.national]],
      ['部级', 3, [p.ministry]],
      ['市级', 38.6, sorted('city-ind-1', 'city-ind-2', 'city-agr')],
      ['县级', 8, [p.county]],
      ['未定级别', 0, [p['no-level']]],
    ]);
    expect(res.body.amountReceivedByLevel.find((g: { key: string }) => g.key === 'city').fact.value).toBe(25);
    // As the summary writes them.
    expect(phraseWan(38.6)).toBe('38万余元');
    expect(phraseWan(res.body.amountApproved.value)).toBe('近150万元');
    expect(phraseWan(res.body.amountApproved.value, { mode: 'exact' })).toBe('149.6万元');
  });

  it('are written as the summary writes them: nested by field, programmes with their measure words, funds rounded', async () => {
    const preview = async (pattern: string) => {
      const res = await client.post('/api/report-templates/preview', { pattern, from: '2023-01-01', to: '2023-06-30' });
      expect(res.status).toBe(200);
      expect(res.body.problems).toEqual([]);
      return res.body.text as string;
    };
    expect(await preview('{projects.approvedByLevel|suffix:项目|nest:field}')).toContain('市级项目3项（工业2项、农业1项）');
    expect(await preview('{projects.approvedByLevel|suffix:项目|list}')).toBe('国家级项目1项、部级项目1项、市级项目3项、县级项目1项、未定级别项目1项');
    expect(await preview('{projects.approvedByProgram|list}')).toBe('星火计划1项、市科技计划3项、研发中心2个、未填计划类别1项');
    expect(await preview('争取立项资金{projects.amountApproved},到位{projects.amountReceived}')).toBe('争取立项资金近150万元，到位120余万元');
    expect(await preview('{projects.amountApproved|exact}')).toBe('149.6万元');
    expect(await preview('{projects.amountApprovedByLevel|list}')).toBe('国家级100万元、部级3万元、市级38万余元、县级8万元');
    expect(await preview('其中市级{projects.amountApprovedByLevel.市级}')).toBe('其中市级38万余元');
  });

  it('narrow every split by the filters', async () => {
    const res = await client.get(`/api/projects/facts?${PERIOD}&field=agriculture`);
    expect(res.body.groups.approved.level.map((g: { label: string }) => g.label)).toEqual(['市级', '未定级别']);
    expect(res.body.amountApproved.value).toBeCloseTo(6.1, 6);
  });

  it('give empty splits for a quiet period', async () => {
    const res = await client.get('/api/projects/facts?from=2025-01-01&to=2025-06-30');
    for (const count of ['applied', 'approved', 'accepted', 'rejected']) {
      for (const dimension of ['level', 'field', 'program']) expect(res.body.groups[count][dimension]).toEqual([]);
    }
    expect(res.body.amountApprovedByLevel).toEqual([]);
    expect(res.body.amountApproved.value).toBe(0);
  });
});

describe('a programme’s measure word', () => {
  it('is given, changed and cleared by an admin on the dictionary item, and carried by the programme’s groups', async () => {
    const org = await t.factories.org();
    await t.factories.user({ org, username: 'measure_admin', role: 'admin' });
    const admin = await t.login('measure_admin');
    const item = await admin.post('/api/dictionaries/program/items', { value: '众创空间', label: '众创空间', measure: '家' });
    expect(item.status).toBe(200);
    expect(item.body.measure).toBe('家');
    const created = await admin.post('/api/projects', {
      title: '众创空间认定',
      field: 'industry',
      program: '众创空间',
      stage: 'approved',
      stageDates: { approved: '2023-02-02' },
    });
    expect(created.status).toBe(200);
    const groupOf = async () => (await admin.get('/api/projects/facts?from=2023-01-01&to=2023-12-31')).body.groups.approved.program[0];
    expect(await groupOf()).toMatchObject({ key: '众创空间', measure: '家', fact: { value: 1, ids: [created.body.id] } });

    const changed = await admin.patch(`/api/dictionary-items/${item.body.id}`, { measure: '个' }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ measure: '个', label: '众创空间', version: 2 });
    expect((await groupOf()).measure).toBe('个');
    const cleared = await admin.patch(`/api/dictionary-items/${item.body.id}`, { measure: '' }, { 'if-match': '"2"' });
    expect(cleared.body.measure).toBeNull();
    expect((await groupOf()).measure).toBeNull();
    const tooLong = await admin.patch(`/api/dictionary-items/${item.body.id}`, { measure: '五个字的词' }, { 'if-match': '*' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('measure');
  });
});
