import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../test/harness.js';
import { type World, buildWorld, commissionerBody, createCommissionerTestApp, logBody, register } from './test-world.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

beforeAll(async () => {
  t = await createCommissionerTestApp();
});
afterAll(() => t.close());

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body, ANY_VERSION);

async function audit(w: World, entityType: string, entityId: number) {
  const res = await w.admin.get(`/api/audit?entityType=${entityType}&entityId=${entityId}`);
  return res.body.items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

/** 张建国 on the roster: 东山镇 and 元鱼村, the bureau's enterprise, 2013–2015, linked to his account. */
const registerZhang = (w: World) => register(w, { placeIds: [w.places.dongshan, w.places.yuanyu], enterpriseIds: [w.enterpriseId], userId: w.users.zhang });

/** 李春华 on the roster: 元鱼村, 2014–2016, linked to her account. */
const registerLi = (w: World) =>
  register(w, {
    name: '李春华',
    gender: 'female',
    employer: '上犹县林业局',
    specialty: '油茶低改',
    placeIds: [w.places.yuanyu],
    userId: w.users.li,
    termStartYear: 2014,
    termEndYear: 2016,
  });

/** 王老师, whose term (2010–2012, 营前镇) has run out. */
const registerOld = (w: World) =>
  register(w, { name: '王老师', employer: '赣南师范学院', placeIds: [w.places.yingqian], termStartYear: 2010, termEndYear: 2012, status: 'expired' });

describe('the roster', () => {
  it('registers a commissioner with the places and enterprises served and a linked account, audited', async () => {
    const w = await buildWorld(t);
    const res = await w.staff.post(
      '/api/commissioners',
      commissionerBody({
        placeIds: [w.places.dongshan, w.places.yuanyu, w.places.dongshan],
        enterpriseIds: [w.enterpriseId],
        userId: w.users.zhang,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '张建国',
      gender: 'male',
      employer: '上犹县农业局',
      termStartYear: 2013,
      termEndYear: 2015,
      status: 'active',
      userId: w.users.zhang,
      username: w.usernames.zhang,
      logCount: 0,
      lastLogDate: null,
      supports: [],
      evaluations: [],
      enterprises: [{ id: w.enterpriseId, name: '元鱼村蔬菜合作社' }],
    });
    expect(res.body.places.map((p: { name: string; level: string }) => `${p.name}/${p.level}`).sort()).toEqual(['东山镇/town', '元鱼村/village']);
    const trail = await audit(w, 'commissioner', res.body.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', after: { name: '张建国', username: w.usernames.zhang } });
  });

  it('refuses missing and inconsistent fields with Chinese messages naming each field', async () => {
    const w = await buildWorld(t);
    const res = await w.staff.post(
      '/api/commissioners',
      commissionerBody({ name: '', gender: 'x', termStartYear: 2015, termEndYear: 2013, status: 'retired' }),
    );
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toMatchObject({ name: '请填写姓名', gender: '请选择性别', status: '请选择状态(在岗/期满/退出)' });
    const years = await w.staff.post('/api/commissioners', commissionerBody({ termStartYear: 2015, termEndYear: 2013 }));
    expect(years.status).toBe(400);
    expect(years.body.error.details).toEqual([{ path: 'termEndYear', message: '任期结束年份不能早于开始年份' }]);
    const badYear = await w.staff.post('/api/commissioners', commissionerBody({ termStartYear: 2013.5 }));
    expect(badYear.status).toBe(400);
    expect(badYear.body.error.details[0].path).toBe('termStartYear');
    expect((await w.staff.get('/api/commissioners')).body.total).toBe(0);
  });

  it('refuses places that are not towns or villages of the bureau, and enterprises of another bureau', async () => {
    const w = await buildWorld(t);
    const countyLevel = await w.staff.post('/api/commissioners', commissionerBody({ placeIds: [w.places.county] }));
    expect(countyLevel.status).toBe(400);
    expect(countyLevel.body.error.message).toBe('服务地点应为乡镇或村/社区,"上犹县"是县');
    expect(countyLevel.body.error.details).toEqual([{ path: 'placeIds', message: '请选择乡镇或村/社区' }]);
    const foreignPlace = await w.staff.post('/api/commissioners', commissionerBody({ placeIds: [w.places.foreignTown] }));
    expect(foreignPlace.status).toBe(400);
    expect(foreignPlace.body.error.details[0].path).toBe('placeIds');
    const foreignEnterprise = await w.staff.post('/api/commissioners', commissionerBody({ enterpriseIds: [w.foreignEnterpriseId] }));
    expect(foreignEnterprise.status).toBe(400);
    expect(foreignEnterprise.body.error.details[0].path).toBe('enterpriseIds');
  });

  it('links only an unlinked commissioner account of the bureau (409 when already linked)', async () => {
    const w = await buildWorld(t);
    await registerZhang(w);
    const notCommissioner = await w.staff.post('/api/commissioners', commissionerBody({ userId: w.users.staff }));
    expect(notCommissioner.status).toBe(400);
    expect(notCommissioner.body.error.details).toEqual([{ path: 'userId', message: '账号"王丽"不是科技特派员账号' }]);
    const foreign = await w.staff.post('/api/commissioners', commissionerBody({ userId: w.users.foreignCommissioner }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('userId');
    const taken = await w.staff.post('/api/commissioners', commissionerBody({ name: '另一人', userId: w.users.zhang }));
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('账号"张建国"已关联科技特派员"张建国"');
    expect((await w.staff.get('/api/commissioners')).body.total).toBe(1);
  });

  it('lists with filters: keyword, status, term year, and place served (a town includes its villages)', async () => {
    const w = await buildWorld(t);
    await registerZhang(w);
    await registerLi(w);
    await registerOld(w);
    const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((c) => c.name).sort();
    expect((await w.staff.get('/api/commissioners')).body.total).toBe(3);
    expect(names(await w.staff.get(`/api/commissioners?q=${encodeURIComponent('林业')}`))).toEqual(['李春华']);
    expect(names(await w.staff.get(`/api/commissioners?q=${encodeURIComponent('油茶')}`))).toEqual(['李春华']);
    expect(names(await w.staff.get('/api/commissioners?status=expired'))).toEqual(['王老师']);
    expect(names(await w.staff.get('/api/commissioners?year=2013'))).toEqual(['张建国']);
    expect(names(await w.staff.get('/api/commissioners?year=2014'))).toEqual(['张建国', '李春华'].sort());
    expect(names(await w.staff.get(`/api/commissioners?placeId=${w.places.yuanyu}`))).toEqual(['张建国', '李春华'].sort());
    expect(names(await w.staff.get(`/api/commissioners?placeId=${w.places.dongshan}`))).toEqual(['张建国', '李春华'].sort());
    expect(names(await w.staff.get(`/api/commissioners?placeId=${w.places.yingqian}`))).toEqual(['王老师']);
    expect((await w.staff.get('/api/commissioners?status=gone')).status).toBe(400);
  });

  it('are changed in full by their section, a leader or an admin, not by another section (403)', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const body = commissionerBody({ placeIds: [w.places.yingqian], enterpriseIds: [], userId: w.users.zhang, title: '正高级农艺师' });
    const office = await put(w.officeStaff, `/api/commissioners/${zhangId}`, body);
    expect(office.status).toBe(403);
    expect(office.body.error.message).toBe('只能修改本股室的记录');
    const res = await put(w.leader, `/api/commissioners/${zhangId}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '正高级农艺师', enterprises: [], places: [{ id: w.places.yingqian, name: '营前镇', level: 'town' }] });
    const trail = await audit(w, 'commissioner', zhangId);
    expect(trail[0]).toMatchObject({ action: 'update', before: { title: '高级农艺师' }, after: { title: '正高级农艺师' } });
    // Keeping the same linked account is not a clash with itself.
    expect((await put(w.staff, `/api/commissioners/${zhangId}`, commissionerBody({ userId: w.users.zhang, placeIds: [w.places.dongshan] }))).status).toBe(200);
    expect((await put(w.admin, `/api/commissioners/${zhangId}`, commissionerBody({ userId: w.users.zhang, title: '农艺师' }))).body.title).toBe('农艺师');
  });
});

describe('a commissioner', () => {
  it('reads their own profile at /commissioners/me and by id', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const me = await w.zhang.get('/api/commissioners/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: zhangId, name: '张建国', supports: [], evaluations: [] });
    expect((await w.zhang.get(`/api/commissioners/${zhangId}`)).status).toBe(200);
  });

  it('without a linked profile gets 404 with a clear message', async () => {
    const w = await buildWorld(t);
    await registerZhang(w);
    const res = await w.unlinked.get('/api/commissioners/me');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('未关联科技特派员档案');
    expect((await w.unlinked.get('/api/commissioners')).body.total).toBe(0);
  });

  it("sees no other commissioner: another's profile is 404, and the roster lists only themselves", async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const liId = await registerLi(w);
    const other = await w.zhang.get(`/api/commissioners/${liId}`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('李春华');
    const list = await w.zhang.get('/api/commissioners');
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([zhangId]);
  });

  it('cannot register, change or delete roster entries (403 on their own, 404 on others)', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const liId = await registerLi(w);
    expect((await w.zhang.post('/api/commissioners', commissionerBody({ name: '自荐' }))).status).toBe(403);
    const own = await put(w.zhang, `/api/commissioners/${zhangId}`, commissionerBody({ name: '改名', userId: w.users.zhang }));
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('科技特派员档案由科技局维护,特派员本人不能修改');
    expect((await w.zhang.delete(`/api/commissioners/${zhangId}`)).status).toBe(403);
    expect((await put(w.zhang, `/api/commissioners/${liId}`, commissionerBody())).status).toBe(404);
    expect((await w.zhang.delete(`/api/commissioners/${liId}`)).status).toBe(404);
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.name).toBe('张建国');
    expect((await w.staff.get('/api/commissioners')).body.total).toBe(2);
  });

  it('cannot read the period figures (403)', async () => {
    const w = await buildWorld(t);
    await registerZhang(w);
    expect((await w.zhang.get('/api/commissioners/facts?from=2014-01-01&to=2014-06-30')).status).toBe(403);
  });
});

describe('support given', () => {
  it('is recorded by a leader in whole 元, shown in the detail (to the commissioner too), and audited', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const res = await w.leader.post(`/api/commissioners/${zhangId}/supports`, {
      supportDate: '2014-05-20',
      kind: 'subsidy',
      description: '发放下乡交通补助',
      amount: 1500,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ commissionerId: zhangId, supportDate: '2014-05-20', kind: 'subsidy', amount: 1500 });
    const meeting = await w.admin.post(`/api/commissioners/${zhangId}/supports`, { supportDate: '2014-02-10', kind: 'meeting', description: '春节座谈慰问' });
    expect(meeting.status).toBe(200);
    expect(meeting.body.amount).toBeNull();
    const detail = await w.zhang.get('/api/commissioners/me');
    expect(detail.body.supports.map((s: { supportDate: string }) => s.supportDate)).toEqual(['2014-05-20', '2014-02-10']);
    expect(await audit(w, 'commissioner_support', res.body.id)).toMatchObject([{ action: 'create', after: { amount: 1500 } }]);
  });

  it('refuses a negative or fractional amount, a future date and an unknown kind', async () => {
    const w = await buildWorld(t);
    const url = `/api/commissioners/${await registerZhang(w)}/supports`;
    const base = { supportDate: '2014-05-20', kind: 'subsidy', description: '补助' };
    const negative = await w.leader.post(url, { ...base, amount: -100 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details).toEqual([{ path: 'amount', message: '金额不能为负数' }]);
    const fraction = await w.leader.post(url, { ...base, amount: 100.5 });
    expect(fraction.status).toBe(400);
    expect(fraction.body.error.details).toEqual([{ path: 'amount', message: '金额应为整数(元)' }]);
    const future = await w.leader.post(url, { ...base, supportDate: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'supportDate', message: '日期不能晚于今天' }]);
    const kind = await w.leader.post(url, { ...base, kind: 'gift' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.details).toEqual([{ path: 'kind', message: '请选择支持方式' }]);
    const description = await w.leader.post(url, { ...base, description: ' ' });
    expect(description.body.error.details).toEqual([{ path: 'description', message: '请填写支持内容' }]);
  });

  it('is for leaders and admins only: staff and the commissioner get 403', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const liId = await registerLi(w);
    const support = await w.leader.post(`/api/commissioners/${zhangId}/supports`, {
      supportDate: '2014-05-20',
      kind: 'subsidy',
      description: '交通补助',
      amount: 1500,
    });
    expect(support.status).toBe(200);
    const body = { supportDate: '2014-05-20', kind: 'policy', description: '职称评定倾斜' };
    const staff = await w.staff.post(`/api/commissioners/${zhangId}/supports`, body);
    expect(staff.status).toBe(403);
    expect(staff.body.error.message).toBe('只有局领导或管理员可以登记对特派员的支持和考核');
    expect((await w.zhang.post(`/api/commissioners/${zhangId}/supports`, body)).status).toBe(403);
    expect((await w.zhang.post(`/api/commissioners/${liId}/supports`, body)).status).toBe(404);
    expect((await w.staff.delete(`/api/commissioner-supports/${support.body.id}`)).status).toBe(403);
    expect((await w.zhang.delete(`/api/commissioner-supports/${support.body.id}`)).status).toBe(403);
    expect((await w.li.delete(`/api/commissioner-supports/${support.body.id}`)).status).toBe(404);
    // Staff read it.
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.supports).toMatchObject([{ id: support.body.id, description: '交通补助' }]);
  });

  it('is deleted by a leader, audited', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const extra = await w.leader.post(`/api/commissioners/${zhangId}/supports`, { supportDate: '2014-06-01', kind: 'other', description: '误录', amount: 1 });
    expect(extra.status).toBe(200);
    expect((await w.leader.delete(`/api/commissioner-supports/${extra.body.id}`)).status).toBe(200);
    expect((await w.leader.delete(`/api/commissioner-supports/${extra.body.id}`)).status).toBe(404);
    expect((await audit(w, 'commissioner_support', extra.body.id))[0]).toMatchObject({ action: 'delete', before: { description: '误录' } });
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.supports).toEqual([]);
  });
});

describe('yearly evaluations', () => {
  it('are one per commissioner and year: the first PUT creates, the next updates (audited as such)', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const created = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2013`, { grade: 'qualified', note: '服务记录完整' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ commissionerId: zhangId, year: 2013, grade: 'qualified', note: '服务记录完整' });
    const updated = await put(w.admin, `/api/commissioners/${zhangId}/evaluations/2013`, { year: 2013, grade: 'excellent', note: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, year: 2013, grade: 'excellent', note: null });
    const trail = await audit(w, 'commissioner_evaluation', created.body.id);
    expect(trail.map((e) => e.action)).toEqual(['update', 'create']);
    expect(trail[0]).toMatchObject({ before: { grade: 'qualified' }, after: { grade: 'excellent' } });
    await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'basic' });
    const detail = await w.zhang.get('/api/commissioners/me');
    expect(detail.body.evaluations.map((e: { year: number; grade: string }) => `${e.year}:${e.grade}`)).toEqual(['2014:basic', '2013:excellent']);
  });

  it('take the year from the path: a different year in the body, a bad year or grade is refused', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const mismatch = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { year: 2013, grade: 'basic' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details).toEqual([{ path: 'year', message: '应为2014' }]);
    const grade = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'A' });
    expect(grade.status).toBe(400);
    expect(grade.body.error.details).toEqual([{ path: 'grade', message: '请选择考核等次' }]);
    const year = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/1800`, { grade: 'basic' });
    expect(year.status).toBe(400);
    expect(year.body.error.details[0]).toEqual({ path: 'year', message: '年份不正确' });
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.evaluations).toEqual([]);
  });

  it('are for leaders and admins only, and deleted by them', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const liId = await registerLi(w);
    const evaluation = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'basic' });
    expect(evaluation.status).toBe(200);
    expect((await put(w.staff, `/api/commissioners/${zhangId}/evaluations/2015`, { grade: 'basic' })).status).toBe(403);
    expect((await put(w.zhang, `/api/commissioners/${zhangId}/evaluations/2015`, { grade: 'excellent' })).status).toBe(403);
    expect((await put(w.zhang, `/api/commissioners/${liId}/evaluations/2015`, { grade: 'excellent' })).status).toBe(404);
    expect((await w.staff.delete(`/api/commissioner-evaluations/${evaluation.body.id}`)).status).toBe(403);
    expect((await w.zhang.delete(`/api/commissioner-evaluations/${evaluation.body.id}`)).status).toBe(403);
    const extra = await put(w.leader, `/api/commissioners/${liId}/evaluations/2014`, { grade: 'unqualified' });
    expect((await w.leader.delete(`/api/commissioner-evaluations/${extra.body.id}`)).status).toBe(200);
    expect((await audit(w, 'commissioner_evaluation', extra.body.id))[0]).toMatchObject({ action: 'delete', before: { grade: 'unqualified' } });
    expect((await w.staff.get(`/api/commissioners/${liId}`)).body.evaluations).toEqual([]);
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.evaluations).toMatchObject([{ year: 2014, grade: 'basic' }]);
  });
});

describe('deleting a roster entry', () => {
  it('is refused with 409 while it has service logs', async () => {
    const w = await buildWorld(t);
    const liId = await registerLi(w);
    const log = await w.staff.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.yuanyu }));
    expect(log.status).toBe(200);
    const res = await w.staff.delete(`/api/commissioners/${liId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('"李春华"还有1条服务日志,不能删除;如已不再担任特派员,请将状态改为"退出"');
    expect((await w.staff.get(`/api/commissioners/${liId}`)).body.logCount).toBe(1);
  });

  it('removes an entry without logs together with its support and evaluations, audited', async () => {
    const w = await buildWorld(t);
    const oldId = await registerOld(w);
    await w.leader.post(`/api/commissioners/${oldId}/supports`, { supportDate: '2012-01-10', kind: 'subsidy', description: '补助', amount: 800 });
    await put(w.leader, `/api/commissioners/${oldId}/evaluations/2012`, { grade: 'qualified' });
    expect((await w.officeStaff.delete(`/api/commissioners/${oldId}`)).status).toBe(403);
    expect((await w.staff.delete(`/api/commissioners/${oldId}`)).status).toBe(200);
    expect((await w.staff.get(`/api/commissioners/${oldId}`)).status).toBe(404);
    const trail = await audit(w, 'commissioner', oldId);
    expect(trail[0]).toMatchObject({ action: 'delete', before: { name: '王老师' } });
    expect((trail[0].before as { supports: unknown[] }).supports).toHaveLength(1);
    const left = await t.database.db.selectFrom('commissioner_supports').select('id').where('commissioner_id', '=', oldId).execute();
    expect(left).toEqual([]);
    const evaluations = await t.database.db.selectFrom('commissioner_evaluations').select('id').where('commissioner_id', '=', oldId).execute();
    expect(evaluations).toEqual([]);
  });
});

describe('another bureau', () => {
  it('gets 404 on every roster, support and evaluation endpoint and an empty list, and leaves our records as they were', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const support = await w.leader.post(`/api/commissioners/${zhangId}/supports`, {
      supportDate: '2014-05-20',
      kind: 'subsidy',
      description: '交通补助',
      amount: 1500,
    });
    const evaluation = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2013`, { grade: 'excellent' });
    await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'basic' });
    for (const client of [w.foreignAdmin, w.foreignLeader, w.foreignStaff]) {
      const get = await client.get(`/api/commissioners/${zhangId}`);
      expect(get.status).toBe(404);
      expect(get.text).not.toContain('张建国');
      expect((await put(client, `/api/commissioners/${zhangId}`, commissionerBody())).status).toBe(404);
      expect((await client.delete(`/api/commissioners/${zhangId}`)).status).toBe(404);
      expect((await client.get('/api/commissioners')).body.total).toBe(0);
      expect((await client.post(`/api/commissioners/${zhangId}/supports`, { supportDate: '2014-05-20', kind: 'policy', description: '支持' })).status).toBe(
        404,
      );
      expect((await client.delete(`/api/commissioner-supports/${support.body.id}`)).status).toBe(404);
      expect((await put(client, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'excellent' })).status).toBe(404);
      expect((await client.delete(`/api/commissioner-evaluations/${evaluation.body.id}`)).status).toBe(404);
      expect((await client.post(`/api/commissioners/${zhangId}/service-logs`, logBody())).status).toBe(404);
    }
    expect((await w.foreignCommissioner.get(`/api/commissioners/${zhangId}`)).status).toBe(404);
    expect((await w.foreignCommissioner.get('/api/commissioners/me')).status).toBe(404);
    const facts = await w.foreignStaff.get('/api/commissioners/facts?from=2014-01-01&to=2014-12-31');
    expect(facts.body.activeCommissioners).toEqual({ value: 0, recordType: 'commissioner', ids: [] });
    const ours = await w.staff.get(`/api/commissioners/${zhangId}`);
    expect(ours.body).toMatchObject({
      name: '张建国',
      supports: [{ id: support.body.id }],
      evaluations: [
        { year: 2014, grade: 'basic' },
        { year: 2013, grade: 'excellent' },
      ],
      logCount: 0,
    });
  });
});

describe('a leader of the province above', () => {
  it('reads the county roster but changes nothing (403)', async () => {
    const w = await buildWorld(t);
    const zhangId = await registerZhang(w);
    const liId = await registerLi(w);
    const evaluation = await put(w.leader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'basic' });
    expect((await w.provinceLeader.get(`/api/commissioners/${zhangId}`)).status).toBe(200);
    expect((await w.provinceLeader.get('/api/commissioners')).body.total).toBe(2);
    expect((await put(w.provinceLeader, `/api/commissioners/${zhangId}`, commissionerBody({ userId: w.users.zhang }))).status).toBe(403);
    expect((await w.provinceLeader.delete(`/api/commissioners/${zhangId}`)).status).toBe(403);
    expect(
      (await w.provinceLeader.post(`/api/commissioners/${zhangId}/supports`, { supportDate: '2014-05-20', kind: 'policy', description: '支持' })).status,
    ).toBe(403);
    expect((await put(w.provinceLeader, `/api/commissioners/${zhangId}/evaluations/2014`, { grade: 'excellent' })).status).toBe(403);
    expect((await w.provinceLeader.delete(`/api/commissioner-evaluations/${evaluation.body.id}`)).status).toBe(403);
    const facts = await w.provinceLeader.get('/api/commissioners/facts?from=2014-01-01&to=2014-12-31');
    expect(facts.body.activeCommissioners.ids).toEqual([zhangId, liId].sort((a, b) => a - b));
    expect((await w.staff.get(`/api/commissioners/${zhangId}`)).body.evaluations).toMatchObject([{ year: 2014, grade: 'basic' }]);
  });
});
