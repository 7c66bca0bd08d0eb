import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../test/harness.js';
import { type World, buildWorld, commissionerBody, createCommissionerTestApp, logBody, upload } from './test-world.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let w: World;
let zhang: TestClient;
let li: TestClient;
let unlinked: TestClient;
let foreignCommissioner: TestClient;
let zhangId: number;
let liId: number;
const logs: Record<string, number> = {};
const files: Record<string, number> = {};

beforeAll(async () => {
  const t = await createCommissionerTestApp();
  w = await buildWorld(t);
  zhang = await t.login('tp_zhang');
  li = await t.login('tp_li');
  unlinked = await t.login('tp_free');
  foreignCommissioner = await t.login('cy_tp');
  const register = async (body: Record<string, unknown>) => {
    const res = await w.staff.post('/api/commissioners', commissionerBody(body));
    if (res.status !== 200) throw new Error(res.text);
    return res.body.id as number;
  };
  zhangId = await register({ name: '张建国', userId: w.users.zhang, placeIds: [w.places.dongshan] });
  liId = await register({ name: '李春华', gender: 'female', userId: w.users.li, placeIds: [w.places.yingqian] });
  files.zhang = await upload(zhang, '茶园现场.png');
  files.li = await upload(li, '油茶林.png');
  files.staff = await upload(w.staff, '培训签到表.png');
  files.foreign = await upload(w.foreignStaff, '横水镇.png');
});
afterAll(() => w.t.close());

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body, ANY_VERSION);

async function audit(entityId: number) {
  const res = await w.admin.get(`/api/audit?entityType=service_log&entityId=${entityId}`);
  return res.body.items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

describe('writing service logs', () => {
  it('a commissioner logs their own service with a photo they uploaded; a village counts for its town', async () => {
    const res = await zhang.post(
      `/api/commissioners/${zhangId}/service-logs`,
      logBody({
        placeId: w.places.yuanyu,
        enterpriseId: w.enterpriseId,
        fileIds: [files.zhang, files.zhang],
        newTechniques: '茶树新品种"赣茶2号"',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      commissionerId: zhangId,
      commissionerName: '张建国',
      logDate: '2014-03-15',
      placeId: w.places.yuanyu,
      placeName: '元鱼村',
      townId: w.places.dongshan,
      townName: '东山镇',
      enterpriseId: w.enterpriseId,
      enterpriseName: '元鱼村蔬菜合作社',
      kind: '技术指导',
      peopleServed: 20,
      newTechniques: '茶树新品种"赣茶2号"',
      confirmedAt: null,
      confirmedByName: null,
      createdByName: '张建国',
    });
    expect(res.body.files).toEqual([{ id: files.zhang, name: '茶园现场.png', mimeType: 'image/png', size: expect.any(Number) }]);
    logs.zhang1 = res.body.id;
    expect((await audit(logs.zhang1))[0]).toMatchObject({ action: 'create', after: { placeName: '元鱼村', files: [{ id: files.zhang }] } });
    expect((await zhang.get(`/api/service-logs/${logs.zhang1}`)).body.files).toHaveLength(1);
  });

  it('staff log a service on behalf of any commissioner of the bureau, with their own upload', async () => {
    const res = await w.officeStaff.post(
      `/api/commissioners/${liId}/service-logs`,
      logBody({
        logDate: '2014-04-02',
        placeId: w.places.yingqian,
        kind: '培训',
        content: '油茶低产林改造培训',
        peopleServed: 45,
        fileIds: [files.staff],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      commissionerName: '李春华',
      townId: w.places.yingqian,
      townName: '营前镇',
      createdByName: '陈明',
      files: [{ id: files.staff }],
    });
    logs.li1 = res.body.id;
  });

  it('a log at an enterprise only has no place and no town', async () => {
    const res = await w.staff.post(
      `/api/commissioners/${zhangId}/service-logs`,
      logBody({ logDate: '2014-05-06', enterpriseId: w.enterpriseId, kind: '咨询', peopleServed: null }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ placeId: null, placeName: null, townId: null, townName: null, peopleServed: null });
    logs.zhang2 = res.body.id;
  });

  it('refuses a future date, no place and no enterprise, a kind outside the dictionary, and bad figures — in Chinese, by field', async () => {
    const url = `/api/commissioners/${zhangId}/service-logs`;
    const future = await zhang.post(url, logBody({ placeId: w.places.dongshan, logDate: '2099-01-01' }));
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'logDate', message: '日期不能晚于今天' }]);
    const nowhere = await zhang.post(url, logBody());
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.message).toBe('请填写服务地点或服务企业');
    expect(nowhere.body.error.details.map((d: { path: string }) => d.path)).toEqual(['placeId', 'enterpriseId']);
    const kind = await zhang.post(url, logBody({ placeId: w.places.dongshan, kind: '吃饭' }));
    expect(kind.status).toBe(400);
    expect(kind.body.error.details).toEqual([{ path: 'kind', message: '"吃饭"不是特派员服务类型中的选项' }]);
    const negative = await zhang.post(url, logBody({ placeId: w.places.dongshan, peopleServed: -3 }));
    expect(negative.status).toBe(400);
    expect(negative.body.error.details).toEqual([{ path: 'peopleServed', message: '服务人次不能为负数' }]);
    const fraction = await zhang.post(url, logBody({ placeId: w.places.dongshan, peopleServed: 2.5 }));
    expect(fraction.status).toBe(400);
    expect(fraction.body.error.details).toEqual([{ path: 'peopleServed', message: '服务人次应为整数' }]);
    const empty = await zhang.post(url, logBody({ placeId: w.places.dongshan, content: '', logDate: '2014-02-30' }));
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['content', 'logDate']);
    expect(empty.body.error.details.find((d: { path: string }) => d.path === 'content').message).toBe('请填写服务内容');
  });

  it("refuses another bureau's place or enterprise, a county-level place, and files the writer may not use", async () => {
    const url = `/api/commissioners/${zhangId}/service-logs`;
    const foreignPlace = await w.staff.post(url, logBody({ placeId: w.places.foreignTown }));
    expect(foreignPlace.body.error.details).toEqual([{ path: 'placeId', message: '地点不存在' }]);
    const county = await w.staff.post(url, logBody({ placeId: w.places.county }));
    expect(county.status).toBe(400);
    expect(county.body.error.details).toEqual([{ path: 'placeId', message: '请选择乡镇或村/社区' }]);
    const enterprise = await w.staff.post(url, logBody({ enterpriseId: w.foreignEnterpriseId }));
    expect(enterprise.body.error.details).toEqual([{ path: 'enterpriseId', message: '企业不存在' }]);
    // A commissioner attaches only their own uploads; staff any of the bureau's, never another bureau's.
    const othersFile = await zhang.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.li] }));
    expect(othersFile.status).toBe(400);
    expect(othersFile.body.error.details).toEqual([{ path: 'fileIds', message: `附件 ${files.li} 不存在` }]);
    const foreignFile = await w.staff.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.foreign] }));
    expect(foreignFile.status).toBe(400);
    expect((await w.staff.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.li] }))).status).toBe(200);
    expect((await w.staff.get(`/api/service-logs?commissionerId=${zhangId}`)).body.total).toBe(3);
  });
});

describe('a commissioner and the logs of others', () => {
  it('cannot log for, read, change or delete another commissioner (404), and lists only their own', async () => {
    const create = await zhang.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.yingqian }));
    expect(create.status).toBe(404);
    const get = await zhang.get(`/api/service-logs/${logs.li1}`);
    expect(get.status).toBe(404);
    expect(get.text).not.toContain('油茶');
    expect((await put(zhang, `/api/service-logs/${logs.li1}`, logBody({ placeId: w.places.yingqian }))).status).toBe(404);
    expect((await zhang.delete(`/api/service-logs/${logs.li1}`)).status).toBe(404);
    const own = await zhang.get('/api/service-logs');
    expect(own.body.items.every((l: { commissionerId: number }) => l.commissionerId === zhangId)).toBe(true);
    expect(own.body.total).toBe(3);
    expect((await zhang.get(`/api/service-logs?commissionerId=${liId}`)).body.total).toBe(0);
    expect((await li.get('/api/service-logs')).body.items.map((l: { id: number }) => l.id)).toEqual([logs.li1]);
    expect((await unlinked.get('/api/service-logs')).body.total).toBe(0);
  });

  it('edits their own log, keeping a file staff attached to it', async () => {
    const staffAttached = await w.staff.post(
      `/api/commissioners/${zhangId}/service-logs`,
      logBody({ logDate: '2014-06-10', placeId: w.places.dongshan, fileIds: [files.staff] }),
    );
    logs.zhang3 = staffAttached.body.id;
    const res = await put(
      zhang,
      `/api/service-logs/${logs.zhang3}`,
      logBody({
        logDate: '2014-06-11',
        placeId: w.places.dongshan,
        content: '补充:病虫害防治',
        fileIds: [files.staff, files.zhang],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logDate: '2014-06-11', content: '补充:病虫害防治' });
    expect(res.body.files.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b)).toEqual([files.zhang, files.staff].sort((a, b) => a - b));
    const trail = await audit(logs.zhang3);
    expect(trail[0]).toMatchObject({ action: 'update', before: { logDate: '2014-06-10' }, after: { logDate: '2014-06-11' } });
  });
});

describe('confirmation (审核)', () => {
  it('is for leaders only: staff, admins and the commissioner get 403', async () => {
    for (const client of [w.staff, w.admin, zhang]) {
      const res = await client.post(`/api/service-logs/${logs.zhang1}/confirm`, {});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('只有局领导可以审核服务日志');
    }
    expect((await li.post(`/api/service-logs/${logs.zhang1}/confirm`, {})).status).toBe(404);
  });

  it('a leader confirms, which is recorded, audited, and not repeated', async () => {
    const res = await w.leader.post(`/api/service-logs/${logs.zhang1}/confirm`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmedByName: '刘局长', confirmedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const again = await w.leader.post(`/api/service-logs/${logs.zhang1}/confirm`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该日志已经审核过了');
    expect((await audit(logs.zhang1))[0]).toMatchObject({ action: 'update', before: { confirmedAt: null }, after: { confirmedByName: '刘局长' } });
  });

  it('locks the log: staff, an admin and the commissioner get 403 on change or delete; a leader may change it', async () => {
    const body = logBody({ placeId: w.places.yuanyu, content: '改动' });
    for (const client of [w.staff, w.officeStaff, w.admin, zhang]) {
      const edit = await put(client, `/api/service-logs/${logs.zhang1}`, body);
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toBe('该日志已审核,只有局领导可以修改');
      expect((await client.delete(`/api/service-logs/${logs.zhang1}`)).status).toBe(403);
    }
    expect((await w.staff.get(`/api/service-logs/${logs.zhang1}`)).body.content).toBe('指导茶园春季修剪与施肥');
    const leaderEdit = await put(
      w.leader,
      `/api/service-logs/${logs.zhang1}`,
      logBody({ placeId: w.places.yuanyu, content: '指导茶园春季修剪、施肥', fileIds: [files.zhang] }),
    );
    expect(leaderEdit.status).toBe(200);
    expect(leaderEdit.body).toMatchObject({ content: '指导茶园春季修剪、施肥', confirmedByName: '刘局长' });
  });

  it('a leader takes the confirmation back, after which staff may edit again', async () => {
    expect((await w.staff.post(`/api/service-logs/${logs.zhang1}/unconfirm`, {})).status).toBe(403);
    expect((await zhang.post(`/api/service-logs/${logs.zhang1}/unconfirm`, {})).status).toBe(403);
    const res = await w.leader.post(`/api/service-logs/${logs.zhang1}/unconfirm`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmedAt: null, confirmedByName: null });
    expect((await w.leader.post(`/api/service-logs/${logs.zhang1}/unconfirm`, {})).body.error.message).toBe('该日志尚未审核');
    const edit = await put(w.staff, `/api/service-logs/${logs.zhang1}`, logBody({ placeId: w.places.yuanyu, peopleServed: 25, fileIds: [files.zhang] }));
    expect(edit.status).toBe(200);
    expect(edit.body.peopleServed).toBe(25);
  });
});

describe('listing logs', () => {
  it('filters by town (a village counts for its town), kind, confirmation, dates and commissioner', async () => {
    await w.leader.post(`/api/service-logs/${logs.li1}/confirm`, {});
    const ids = async (query: string) =>
      (await w.staff.get(`/api/service-logs?${query}`)).body.items.map((l: { id: number }) => l.id).sort((a: number, b: number) => a - b);
    const all = await w.staff.get('/api/service-logs');
    expect(all.body.total).toBe(5);
    expect(all.body.items.map((l: { logDate: string }) => l.logDate)).toEqual([...all.body.items.map((l: { logDate: string }) => l.logDate)].sort().reverse());
    expect(await ids(`townId=${w.places.dongshan}`)).toContain(logs.zhang1);
    expect(await ids(`townId=${w.places.dongshan}`)).not.toContain(logs.zhang2);
    expect(await ids(`townId=${w.places.yingqian}`)).toEqual([logs.li1]);
    expect(await ids(`kind=${encodeURIComponent('培训')}`)).toEqual([logs.li1]);
    expect(await ids('confirmed=yes')).toEqual([logs.li1]);
    expect(await ids('confirmed=no')).not.toContain(logs.li1);
    expect(await ids('from=2014-04-02&to=2014-05-06')).toEqual([logs.li1, logs.zhang2]);
    expect(await ids(`commissionerId=${liId}`)).toEqual([logs.li1]);
    expect((await w.staff.get('/api/service-logs?confirmed=maybe')).status).toBe(400);
    expect((await w.staff.get('/api/service-logs?pageSize=2')).body.items).toHaveLength(2);
  });
});

describe('deleting logs', () => {
  it('the commissioner deletes their own unconfirmed log, audited', async () => {
    const log = await zhang.post(
      `/api/commissioners/${zhangId}/service-logs`,
      logBody({ placeId: w.places.dongshan, content: '误录', fileIds: [files.zhang] }),
    );
    expect((await zhang.delete(`/api/service-logs/${log.body.id}`)).status).toBe(200);
    expect((await zhang.get(`/api/service-logs/${log.body.id}`)).status).toBe(404);
    expect((await audit(log.body.id))[0]).toMatchObject({ action: 'delete', before: { placeName: '东山镇' } });
    // The file it had stays, now unreferenced.
    expect((await zhang.get(`/api/files/${files.zhang}/meta`)).status).toBe(200);
  });

  it('staff delete an unconfirmed log; a leader deletes a confirmed one', async () => {
    const log = await w.staff.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.yingqian }));
    expect((await w.staff.delete(`/api/service-logs/${log.body.id}`)).status).toBe(200);
    const confirmed = await w.staff.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.yingqian }));
    await w.leader.post(`/api/service-logs/${confirmed.body.id}/confirm`, {});
    expect((await w.staff.delete(`/api/service-logs/${confirmed.body.id}`)).status).toBe(403);
    expect((await w.leader.delete(`/api/service-logs/${confirmed.body.id}`)).status).toBe(200);
  });
});

describe('another bureau', () => {
  it('gets 404 on every log endpoint and an empty list', async () => {
    for (const client of [w.foreignAdmin, w.foreignLeader, w.foreignStaff, foreignCommissioner]) {
      const get = await client.get(`/api/service-logs/${logs.li1}`);
      expect(get.status).toBe(404);
      expect(get.text).not.toContain('李春华');
      expect((await client.get('/api/service-logs')).body.total).toBe(0);
      expect((await client.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.foreignTown }))).status).toBe(404);
      expect((await put(client, `/api/service-logs/${logs.li1}`, logBody({ placeId: w.places.foreignTown }))).status).toBe(404);
      expect((await client.delete(`/api/service-logs/${logs.li1}`)).status).toBe(404);
      expect((await client.post(`/api/service-logs/${logs.li1}/confirm`, {})).status).toBe(404);
      expect((await client.post(`/api/service-logs/${logs.li1}/unconfirm`, {})).status).toBe(404);
    }
    expect((await w.staff.get(`/api/service-logs/${logs.li1}`)).body.confirmedByName).toBe('刘局长');
  });
});

describe('a leader of the province above', () => {
  it('reads the logs but neither writes, confirms nor unconfirms them (403)', async () => {
    expect((await w.provinceLeader.get(`/api/service-logs/${logs.zhang1}`)).status).toBe(200);
    expect((await w.provinceLeader.get('/api/service-logs')).body.total).toBe(5);
    expect((await w.provinceLeader.post(`/api/commissioners/${zhangId}/service-logs`, logBody({ placeId: w.places.dongshan }))).status).toBe(403);
    expect((await put(w.provinceLeader, `/api/service-logs/${logs.zhang1}`, logBody({ placeId: w.places.dongshan }))).status).toBe(403);
    expect((await w.provinceLeader.delete(`/api/service-logs/${logs.zhang1}`)).status).toBe(403);
    expect((await w.provinceLeader.post(`/api/service-logs/${logs.zhang1}/confirm`, {})).status).toBe(403);
    expect((await w.provinceLeader.post(`/api/service-logs/${logs.li1}/unconfirm`, {})).status).toBe(403);
  });
});
