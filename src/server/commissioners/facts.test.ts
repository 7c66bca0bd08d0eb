import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../test/harness.js';
import { type CommissionerFactRows, tallyCommissionerFacts } from './facts.js';
import { commissionerFactsSchema } from '../../shared/commissioners.js';
import { type World, buildWorld, commissionerBody, createCommissionerTestApp, logBody } from './test-world.js';

const H1 = { from: '2014-01-01', to: '2014-06-30' };

type LogRow = CommissionerFactRows['logs'][number];
const TOWN = { place_id: 10, place_level: 'town', place_name: '东山镇', parent_id: 1, parent_name: '上犹县' };
const VILLAGE = { place_id: 11, place_level: 'village', place_name: '元鱼村', parent_id: 10, parent_name: '东山镇' };
const OTHER_TOWN = { place_id: 20, place_level: 'town', place_name: '营前镇', parent_id: 1, parent_name: '上犹县' };
const NO_PLACE = { place_id: null, place_level: null, place_name: null, parent_id: null, parent_name: null };

function log(
  id: number,
  date: string,
  at: Omit<LogRow, 'id' | 'commissioner_id' | 'log_date' | 'people_served' | 'new_techniques'>,
  extra: Partial<LogRow> = {},
): LogRow {
  return { id, commissioner_id: 1, log_date: date, people_served: null, new_techniques: null, ...at, ...extra };
}

const none: CommissionerFactRows = { commissioners: [], logs: [], supports: [], evaluations: [] };

describe('counting commissioner figures (pure)', () => {
  it('counts logs on the first and the last day of the period, not the day before or after', () => {
    const facts = tallyCommissionerFacts(
      {
        ...none,
        logs: [
          log(1, '2013-12-31', TOWN, { people_served: 1000 }),
          log(2, '2014-01-01', TOWN, { people_served: 30 }),
          log(3, '2014-06-30', VILLAGE, { people_served: 12, commissioner_id: 2 }),
          log(4, '2014-07-01', TOWN, { people_served: 1000, commissioner_id: 3 }),
        ],
      },
      H1,
    );
    expect(facts.serviceLogs).toEqual({ value: 2, recordType: 'service_log', ids: [2, 3] });
    expect(facts.peopleServed).toEqual({ value: 42, recordType: 'service_log', ids: [2, 3] });
    expect(facts.commissionersWhoLogged).toEqual({ value: 2, recordType: 'commissioner', ids: [1, 2] });
    expect(() => commissionerFactsSchema.parse(facts)).not.toThrow();
  });

  it("counts a village's log for its town, and logs without a place under 未填地点, last", () => {
    const facts = tallyCommissionerFacts(
      {
        ...none,
        logs: [
          log(1, '2014-02-01', OTHER_TOWN),
          log(2, '2014-02-01', NO_PLACE),
          log(3, '2014-02-01', VILLAGE),
          log(4, '2014-03-01', TOWN),
          log(5, '2014-03-01', NO_PLACE),
        ],
      },
      H1,
    );
    expect(facts.logsByTown).toEqual([
      { townId: 10, townName: '东山镇', fact: { value: 2, recordType: 'service_log', ids: [3, 4] } },
      { townId: 20, townName: '营前镇', fact: { value: 1, recordType: 'service_log', ids: [1] } },
      { townId: null, townName: '未填地点', fact: { value: 2, recordType: 'service_log', ids: [2, 5] } },
    ]);
  });

  it('leaves out of 服务人次 the logs that do not state it, and counts new techniques where named', () => {
    const facts = tallyCommissionerFacts(
      {
        ...none,
        logs: [
          log(1, '2014-02-01', TOWN, { people_served: 0, new_techniques: '脐橙无病毒苗' }),
          log(2, '2014-02-01', TOWN, { new_techniques: '  ' }),
          log(3, '2014-02-01', TOWN, { people_served: 8 }),
          log(4, '2014-08-01', TOWN, { new_techniques: '期外' }),
        ],
      },
      H1,
    );
    expect(facts.peopleServed).toEqual({ value: 8, recordType: 'service_log', ids: [1, 3] });
    expect(facts.newTechniques.ids).toEqual([1]);
  });

  it("counts as active a term that reaches into the period's years, unless withdrawn", () => {
    const facts = tallyCommissionerFacts(
      {
        ...none,
        commissioners: [
          { id: 1, status: 'active', term_start_year: 2014, term_end_year: 2014 },
          { id: 2, status: 'expired', term_start_year: 2011, term_end_year: 2013 },
          { id: 3, status: 'expired', term_start_year: 2012, term_end_year: 2014 },
          { id: 4, status: 'withdrawn', term_start_year: 2013, term_end_year: 2015 },
          { id: 5, status: 'active', term_start_year: 2015, term_end_year: 2017 },
        ],
      },
      H1,
    );
    expect(facts.activeCommissioners).toEqual({ value: 2, recordType: 'commissioner', ids: [1, 3] });
    // A period across two years reaches both.
    const across = tallyCommissionerFacts(
      {
        ...none,
        commissioners: [
          { id: 2, status: 'expired', term_start_year: 2011, term_end_year: 2013 },
          { id: 5, status: 'active', term_start_year: 2015, term_end_year: 2017 },
        ],
      },
      { from: '2013-07-01', to: '2015-06-30' },
    );
    expect(across.activeCommissioners.ids).toEqual([2, 5]);
  });

  it("sums supports of the period in 元 (first and last day in, the day after out), and counts evaluations of the last day's year by grade", () => {
    const facts = tallyCommissionerFacts(
      {
        ...none,
        supports: [
          { id: 1, support_date: '2014-01-01', amount: 1500 },
          { id: 2, support_date: '2014-06-30', amount: '2000' },
          { id: 3, support_date: '2014-03-01', amount: null },
          { id: 4, support_date: '2014-07-01', amount: 9999 },
        ],
        evaluations: [
          { id: 1, year: 2014, grade: 'excellent' },
          { id: 2, year: 2014, grade: 'qualified' },
          { id: 3, year: 2014, grade: 'excellent' },
          { id: 4, year: 2013, grade: 'unqualified' },
        ],
      },
      H1,
    );
    expect(facts.supports).toEqual({ value: 3, recordType: 'commissioner_support', ids: [1, 2, 3] });
    expect(facts.supportAmount).toEqual({ value: 3500, recordType: 'commissioner_support', ids: [1, 2] });
    expect(facts.evaluationYear).toBe(2014);
    expect(facts.evaluationsByGrade).toEqual([
      { grade: 'excellent', fact: { value: 2, recordType: 'commissioner_evaluation', ids: [1, 3] } },
      { grade: 'qualified', fact: { value: 1, recordType: 'commissioner_evaluation', ids: [2] } },
      { grade: 'basic', fact: { value: 0, recordType: 'commissioner_evaluation', ids: [] } },
      { grade: 'unqualified', fact: { value: 0, recordType: 'commissioner_evaluation', ids: [] } },
    ]);
  });

  it('counts nothing from nothing', () => {
    const facts = tallyCommissionerFacts(none, H1);
    expect(facts.serviceLogs).toEqual({ value: 0, recordType: 'service_log', ids: [] });
    expect(facts.logsByTown).toEqual([]);
    expect(facts.supportAmount.value).toBe(0);
  });
});

describe('GET /api/commissioners/facts', () => {
  let w: World;
  let zhang: TestClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const t = await createCommissionerTestApp();
    w = await buildWorld(t);
    zhang = w.zhang;
    const register = async (key: string, body: Record<string, unknown>) => {
      const res = await w.staff.post('/api/commissioners', commissionerBody(body));
      if (res.status !== 200) throw new Error(res.text);
      ids[key] = res.body.id;
    };
    await register('zhang', { name: '张建国', userId: w.users.zhang, termStartYear: 2013, termEndYear: 2015 });
    await register('li', { name: '李春华', termStartYear: 2014, termEndYear: 2016 });
    await register('old', { name: '王老师', termStartYear: 2010, termEndYear: 2013, status: 'expired' });
    await register('gone', { name: '退出者', termStartYear: 2013, termEndYear: 2015, status: 'withdrawn' });
    const logOf = async (key: string, who: string, body: Record<string, unknown>) => {
      const res = await w.staff.post(`/api/commissioners/${ids[who]}/service-logs`, logBody(body));
      if (res.status !== 200) throw new Error(res.text);
      ids[key] = res.body.id;
    };
    await logOf('dayBefore', 'old', { logDate: '2013-12-31', placeId: w.places.dongshan, peopleServed: 500 });
    await logOf('firstDay', 'zhang', { logDate: '2014-01-01', placeId: w.places.yuanyu, peopleServed: 30, newTechniques: '茶树新品种' });
    await logOf('middle', 'zhang', { logDate: '2014-04-10', enterpriseId: w.enterpriseId, peopleServed: null, kind: '咨询' });
    await logOf('lastDay', 'li', { logDate: '2014-06-30', placeId: w.places.yingqian, peopleServed: 45, kind: '培训' });
    await logOf('dayAfter', 'li', { logDate: '2014-07-01', placeId: w.places.yingqian, peopleServed: 100 });
    const support = async (key: string, body: Record<string, unknown>) => {
      const res = await w.leader.post(`/api/commissioners/${ids.zhang}/supports`, body);
      if (res.status !== 200) throw new Error(res.text);
      ids[key] = res.body.id;
    };
    await support('s1', { supportDate: '2014-01-01', kind: 'subsidy', description: '交通补助', amount: 1500 });
    await support('s2', { supportDate: '2014-06-30', kind: 'meeting', description: '座谈慰问' });
    await support('s3', { supportDate: '2014-07-01', kind: 'subsidy', description: '下半年补助', amount: 2000 });
    ids.e2014 = (await w.leader.request('PUT', `/api/commissioners/${ids.zhang}/evaluations/2014`, { grade: 'excellent' })).body.id;
    await w.leader.request('PUT', `/api/commissioners/${ids.li}/evaluations/2013`, { grade: 'qualified' });
  });
  afterAll(() => w.t.close());

  it('counts the half-year from the records, each figure with its records', async () => {
    const res = await w.staff.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30');
    expect(res.status).toBe(200);
    const sorted = (...keys: string[]) => keys.map((k) => ids[k]).sort((a, b) => a - b);
    expect(res.body.period).toEqual(H1);
    expect(res.body.activeCommissioners).toEqual({ value: 2, recordType: 'commissioner', ids: sorted('zhang', 'li') });
    expect(res.body.commissionersWhoLogged.ids).toEqual(sorted('zhang', 'li'));
    expect(res.body.serviceLogs).toEqual({ value: 3, recordType: 'service_log', ids: sorted('firstDay', 'middle', 'lastDay') });
    expect(res.body.peopleServed).toEqual({ value: 75, recordType: 'service_log', ids: sorted('firstDay', 'lastDay') });
    expect(res.body.logsByTown).toEqual([
      { townId: w.places.dongshan, townName: '东山镇', fact: { value: 1, recordType: 'service_log', ids: [ids.firstDay] } },
      { townId: w.places.yingqian, townName: '营前镇', fact: { value: 1, recordType: 'service_log', ids: [ids.lastDay] } },
      { townId: null, townName: '未填地点', fact: { value: 1, recordType: 'service_log', ids: [ids.middle] } },
    ]);
    expect(res.body.newTechniques.ids).toEqual([ids.firstDay]);
    expect(res.body.supports).toEqual({ value: 2, recordType: 'commissioner_support', ids: sorted('s1', 's2') });
    expect(res.body.supportAmount).toEqual({ value: 1500, recordType: 'commissioner_support', ids: [ids.s1] });
    expect(res.body.evaluationYear).toBe(2014);
    expect(res.body.evaluationsByGrade[0]).toEqual({ grade: 'excellent', fact: { value: 1, recordType: 'commissioner_evaluation', ids: [ids.e2014] } });
    expect(res.body.evaluationsByGrade.slice(1).every((g: { fact: { value: number } }) => g.fact.value === 0)).toBe(true);
  });

  it('gives the summary the towns served and their count (logs with no place name no town)', async () => {
    const res = await w.staff.post('/api/report-templates/preview', {
      pattern: '深入{commissioners.towns}等{commissioners.townCount}乡镇',
      from: '2014-01-01',
      to: '2014-06-30',
    });
    expect(res.body).toMatchObject({ text: '深入东山镇、营前镇等2个乡镇', problems: [] });
    expect(res.body.figures[1]).toMatchObject({ factKey: 'commissioners.townCount', value: 2, ids: [ids.firstDay, ids.lastDay].sort((a, b) => a - b) });
  });

  it('counts the second half on its own, with the day after the first half in it', async () => {
    const res = await w.leader.get('/api/commissioners/facts?from=2014-07-01&to=2014-12-31');
    expect(res.body.serviceLogs.ids).toEqual([ids.dayAfter]);
    expect(res.body.peopleServed.value).toBe(100);
    expect(res.body.supportAmount.value).toBe(2000);
  });

  it('is read by leaders, staff and admins, not commissioners; another bureau counts nothing of ours', async () => {
    expect((await w.admin.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30')).status).toBe(200);
    const commissioner = await zhang.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30');
    expect(commissioner.status).toBe(403);
    const foreign = await w.foreignLeader.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30');
    expect(foreign.body.serviceLogs).toEqual({ value: 0, recordType: 'service_log', ids: [] });
    const province = await w.provinceLeader.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30');
    expect(province.body.serviceLogs.value).toBe(3);
  });

  it('refuses a period that ends before it starts, or no period', async () => {
    const backwards = await w.staff.get('/api/commissioners/facts?from=2014-06-30&to=2014-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'to', message: '开始日期不能晚于结束日期' }]);
    const missing = await w.staff.get('/api/commissioners/facts');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['from', 'to']);
  });
});
