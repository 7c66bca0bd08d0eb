import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { insertSection } from '../orgs/repo.js';
import { type TestApp, type TestResponse, createTestApp } from '../test/harness.js';

// Requests that race on a "one per …" rule (a credit code per bureau, a version number per report,
// an evaluation per commissioner and year, a commissioner per account). A service checks first, but
// on PostgreSQL ten requests check at the same moment and all see nothing; the unique index stops
// all but one, and that violation must answer 409 CONFLICT in Chinese, never 500.

const GENERIC_CONFLICT = '与现有记录冲突(可能已被他人同时提交),请刷新后重试';
const RACERS = 10;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      beforeReady: (app) => {
        // A write no service pre-checks: the second insert breaks a unique key of either kind.
        app.post('/test/duplicate-section', async () => {
          const org = await t.factories.org();
          await insertSection(app.deps.db, org.id, '重复的股室', 0);
          await insertSection(app.deps.db, org.id, '重复的股室', 1);
          return { ok: true };
        });
        app.post('/test/duplicate-key', async () => {
          const key = `race-${Date.now()}-${Math.random()}`;
          await app.deps.db.insertInto('app_meta').values({ key, value: '1' }).execute();
          await app.deps.db.insertInto('app_meta').values({ key, value: '2' }).execute();
          return { ok: true };
        });
      },
    },
  );
});
afterAll(() => t.close());

let serial = 0;
/** A valid 统一社会信用代码 not used by any other test of this file. */
function creditCode(): string {
  const first17 = `91360799MA3${String(++serial + process.pid * 100)
    .slice(-6)
    .padStart(6, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

async function bureau() {
  const org = await t.factories.org();
  const section = await t.factories.section(org);
  const staffUser = await t.factories.user({ org, role: 'staff', section });
  const leaderUser = await t.factories.user({ org, role: 'leader' });
  return { org, staff: await t.login(staffUser.username), leader: await t.login(leaderUser.username) };
}

/** Fires `count` requests at once; returns their answers. */
function race(count: number, send: (i: number) => Promise<TestResponse>): Promise<TestResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/** Every answer is 200 or a coded Chinese 409; none is a 500. */
function expectOnlyWinsAndConflicts(answers: TestResponse[]): void {
  const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 409);
  expect(unexpected.map((a) => `${a.status} ${a.text}`)).toEqual([]);
  for (const a of answers.filter((x) => x.status === 409)) {
    expect(a.body.error.code).toBe('CONFLICT');
    expect(a.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  }
}

const statusCount = (answers: TestResponse[], status: number) => answers.filter((a) => a.status === status).length;

function commissioner(overrides: Record<string, unknown> = {}) {
  return {
    name: '赛跑特派员',
    gender: 'male',
    employer: '赣南师范大学',
    title: null,
    specialty: null,
    phone: null,
    termStartYear: 2013,
    termEndYear: 2015,
    notes: null,
    ...overrides,
  };
}

describe('racing on a unique rule', () => {
  it('ten registrations of one credit code at once: one enterprise, nine 409, no 500', async () => {
    const { staff } = await bureau();
    const code = creditCode();
    const answers = await race(RACERS, (i) =>
      staff.post('/api/enterprises', {
        name: `同码企业${i}`,
        creditCode: code,
        kind: '科技型中小企业',
        industry: 'agriculture',
        townId: null,
        address: null,
        contactPerson: null,
        contactPhone: null,
        notes: null,
      }),
    );
    expectOnlyWinsAndConflicts(answers);
    expect(statusCount(answers, 200)).toBe(1);
    expect(statusCount(answers, 409)).toBe(RACERS - 1);
    expect((await staff.get(`/api/enterprises?q=${code}`)).body.total).toBe(1);
  });

  it('ten saves on top of the same report version at once: one new version, nine 409, no 500', async () => {
    const { staff } = await bureau();
    const report = await staff.post('/api/reports', { from: '2013-01-01', to: '2013-06-30' });
    expect(report.status).toBe(200);
    const doc = report.body.latest.doc;
    const answers = await race(RACERS, (i) =>
      staff.post(`/api/reports/${report.body.id}/versions`, {
        doc: { ...doc, title: `${doc.title}(第${i}稿)` },
        note: `第${i}个窗口`,
        baseVersion: report.body.latest.versionNo,
      }),
    );
    expectOnlyWinsAndConflicts(answers);
    expect(statusCount(answers, 200)).toBe(1);
    expect(statusCount(answers, 409)).toBe(RACERS - 1);
    const versions = await staff.get(`/api/reports/${report.body.id}/versions`);
    expect(versions.body.items.map((v: { versionNo: number }) => v.versionNo).sort()).toEqual([1, 2]);
  });

  it('ten yearly evaluations of one commissioner at once: one evaluation, the rest saved over it or 409, no 500', async () => {
    const { staff, leader } = await bureau();
    const created = await staff.post('/api/commissioners', commissioner());
    expect(created.status).toBe(200);
    const grades = ['excellent', 'qualified'];
    const answers = await race(RACERS, (i) =>
      leader.request('PUT', `/api/commissioners/${created.body.id}/evaluations/2014`, { grade: grades[i % 2], note: `第${i}个窗口` }),
    );
    // The PUT replaces the year's grade, so a request that arrives after the first insert updates
    // it (200); one that raced the first insert meets the unique key (409).
    expectOnlyWinsAndConflicts(answers);
    expect(statusCount(answers, 200)).toBeGreaterThanOrEqual(1);
    const detail = await leader.get(`/api/commissioners/${created.body.id}`);
    expect(detail.body.evaluations.filter((e: { year: number }) => e.year === 2014)).toHaveLength(1);
  });

  it('ten commissioners linked to one account at once: one link, nine 409, no 500', async () => {
    const { org, staff } = await bureau();
    const account = await t.factories.user({ org, role: 'commissioner' });
    const answers = await race(RACERS, (i) => staff.post('/api/commissioners', commissioner({ name: `关联特派员${i}`, userId: account.id })));
    expectOnlyWinsAndConflicts(answers);
    expect(statusCount(answers, 200)).toBe(1);
    expect(statusCount(answers, 409)).toBe(RACERS - 1);
    const roster = await staff.get('/api/commissioners?pageSize=100');
    expect(roster.body.items.filter((c: { userId: number | null }) => c.userId === account.id)).toHaveLength(1);
  });

  it('a unique or primary key broken where nothing checked first answers CONFLICT with the generic Chinese message', async () => {
    for (const url of ['/test/duplicate-section', '/test/duplicate-key']) {
      const res = await t.anonymous().post(url);
      expect([url, res.status]).toEqual([url, 409]);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: GENERIC_CONFLICT });
      expect(res.text).not.toMatch(/UNIQUE|duplicate|constraint|sections|app_meta/i);
    }
  });
});
