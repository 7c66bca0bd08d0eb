import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../test/harness.js';
import { type World, buildWorld, createCommissionerTestApp, logBody, register, upload, writeLog } from './test-world.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

beforeAll(async () => {
  t = await createCommissionerTestApp();
});
afterAll(() => t.close());

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body, ANY_VERSION);

async function audit(w: World, entityId: number) {
  const res = await w.admin.get(`/api/audit?entityType=service_log&entityId=${entityId}`);
  return res.body.items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

/**
 * A world with 张建国 (东山镇) and 李春华 (营前镇) on the roster, linked to their accounts, and one upload
 * each by 张建国, 李春华, 业务股's staff and the other bureau's staff.
 */
async function logWorld() {
  const w = await buildWorld(t);
  const zhangId = await register(w, { name: '张建国', userId: w.users.zhang, placeIds: [w.places.dongshan] });
  const liId = await register(w, { name: '李春华', gender: 'female', userId: w.users.li, placeIds: [w.places.yingqian] });
  const files = {
    zhang: await upload(w.zhang, '茶园现场.png'),
    li: await upload(w.li, '油茶林.png'),
    staff: await upload(w.staff, '培训签到表.png'),
    foreign: await upload(w.foreignStaff, '横水镇.png'),
  };
  return { w, zhangId, liId, files };
}

/** 张建国's own log at 元鱼村 on 2014-03-15 (the default body), with his photo. */
const zhangsLog = ({ w, zhangId, files }: Awaited<ReturnType<typeof logWorld>>) =>
  writeLog(w.zhang, zhangId, { placeId: w.places.yuanyu, fileIds: [files.zhang] });

/** A 培训 at 营前镇 on 2014-04-02, logged for 李春华 by 办公室's staff. */
const lisTraining = ({ w, liId }: Awaited<ReturnType<typeof logWorld>>) =>
  writeLog(w.officeStaff, liId, { logDate: '2014-04-02', placeId: w.places.yingqian, kind: '培训', content: '油茶低产林改造培训', peopleServed: 45 });

async function confirm(w: World, logId: number) {
  const res = await w.leader.post(`/api/service-logs/${logId}/confirm`, {});
  if (res.status !== 200) throw new Error(`confirm failed: ${res.status} ${res.text}`);
}

describe('writing service logs', () => {
  it('a commissioner logs their own service with a photo they uploaded; a village counts for its town', async () => {
    const { w, zhangId, files } = await logWorld();
    const res = await w.zhang.post(
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
    expect((await audit(w, res.body.id))[0]).toMatchObject({ action: 'create', after: { placeName: '元鱼村', files: [{ id: files.zhang }] } });
    expect((await w.zhang.get(`/api/service-logs/${res.body.id}`)).body.files).toHaveLength(1);
  });

  it('staff log a service on behalf of any commissioner of the bureau, with their own upload', async () => {
    const { w, liId, files } = await logWorld();
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
  });

  it('a log at an enterprise only has no place and no town', async () => {
    const { w, zhangId } = await logWorld();
    const res = await w.staff.post(
      `/api/commissioners/${zhangId}/service-logs`,
      logBody({ logDate: '2014-05-06', enterpriseId: w.enterpriseId, kind: '咨询', peopleServed: null }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ placeId: null, placeName: null, townId: null, townName: null, peopleServed: null });
  });

  it('refuses a future date, no place and no enterprise, a kind outside the dictionary, and bad figures — in Chinese, by field', async () => {
    const { w, zhangId } = await logWorld();
    const url = `/api/commissioners/${zhangId}/service-logs`;
    const future = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, logDate: '2099-01-01' }));
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'logDate', message: '日期不能晚于今天' }]);
    const nowhere = await w.zhang.post(url, logBody());
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.message).toBe('请填写服务地点或服务企业');
    expect(nowhere.body.error.details.map((d: { path: string }) => d.path)).toEqual(['placeId', 'enterpriseId']);
    const kind = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, kind: '吃饭' }));
    expect(kind.status).toBe(400);
    expect(kind.body.error.details).toEqual([{ path: 'kind', message: '"吃饭"不是特派员服务类型中的选项' }]);
    const negative = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, peopleServed: -3 }));
    expect(negative.status).toBe(400);
    expect(negative.body.error.details).toEqual([{ path: 'peopleServed', message: '服务人次不能为负数' }]);
    const fraction = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, peopleServed: 2.5 }));
    expect(fraction.status).toBe(400);
    expect(fraction.body.error.details).toEqual([{ path: 'peopleServed', message: '服务人次应为整数' }]);
    const empty = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, content: '', logDate: '2014-02-30' }));
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['content', 'logDate']);
    expect(empty.body.error.details.find((d: { path: string }) => d.path === 'content').message).toBe('请填写服务内容');
    expect((await w.staff.get(`/api/service-logs?commissionerId=${zhangId}`)).body.total).toBe(0);
  });

  it("refuses another bureau's place or enterprise, a county-level place, and files the writer may not use", async () => {
    const { w, zhangId, files } = await logWorld();
    const url = `/api/commissioners/${zhangId}/service-logs`;
    const foreignPlace = await w.staff.post(url, logBody({ placeId: w.places.foreignTown }));
    expect(foreignPlace.body.error.details).toEqual([{ path: 'placeId', message: '地点不存在' }]);
    const county = await w.staff.post(url, logBody({ placeId: w.places.county }));
    expect(county.status).toBe(400);
    expect(county.body.error.details).toEqual([{ path: 'placeId', message: '请选择乡镇或村/社区' }]);
    const enterprise = await w.staff.post(url, logBody({ enterpriseId: w.foreignEnterpriseId }));
    expect(enterprise.body.error.details).toEqual([{ path: 'enterpriseId', message: '企业不存在' }]);
    // A commissioner attaches only their own uploads; staff any of the bureau's, never another bureau's.
    const othersFile = await w.zhang.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.li] }));
    expect(othersFile.status).toBe(400);
    expect(othersFile.body.error.details).toEqual([{ path: 'fileIds', message: `附件 ${files.li} 不存在` }]);
    const foreignFile = await w.staff.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.foreign] }));
    expect(foreignFile.status).toBe(400);
    expect((await w.staff.post(url, logBody({ placeId: w.places.dongshan, fileIds: [files.li] }))).status).toBe(200);
    expect((await w.staff.get(`/api/service-logs?commissionerId=${zhangId}`)).body.total).toBe(1);
  });
});

describe('a commissioner and the logs of others', () => {
  it('cannot log for, read, change or delete another commissioner (404), and lists only their own', async () => {
    const world = await logWorld();
    const { w, zhangId, liId } = world;
    const zhang1 = await zhangsLog(world);
    const li1 = await lisTraining(world);
    const create = await w.zhang.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.yingqian }));
    expect(create.status).toBe(404);
    const get = await w.zhang.get(`/api/service-logs/${li1}`);
    expect(get.status).toBe(404);
    expect(get.text).not.toContain('油茶');
    expect((await put(w.zhang, `/api/service-logs/${li1}`, logBody({ placeId: w.places.yingqian }))).status).toBe(404);
    expect((await w.zhang.delete(`/api/service-logs/${li1}`)).status).toBe(404);
    const own = await w.zhang.get('/api/service-logs');
    expect(own.body.items.map((l: { id: number; commissionerId: number }) => [l.id, l.commissionerId])).toEqual([[zhang1, zhangId]]);
    expect((await w.zhang.get(`/api/service-logs?commissionerId=${liId}`)).body.total).toBe(0);
    expect((await w.li.get('/api/service-logs')).body.items.map((l: { id: number }) => l.id)).toEqual([li1]);
    expect((await w.unlinked.get('/api/service-logs')).body.total).toBe(0);
    expect((await w.staff.get(`/api/service-logs/${li1}`)).body.content).toBe('油茶低产林改造培训');
  });

  it('edits their own log, keeping a file staff attached to it', async () => {
    const { w, zhangId, files } = await logWorld();
    const staffAttached = await writeLog(w.staff, zhangId, { logDate: '2014-06-10', placeId: w.places.dongshan, fileIds: [files.staff] });
    const res = await put(
      w.zhang,
      `/api/service-logs/${staffAttached}`,
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
    const trail = await audit(w, staffAttached);
    expect(trail[0]).toMatchObject({ action: 'update', before: { logDate: '2014-06-10' }, after: { logDate: '2014-06-11' } });
  });
});

describe('confirmation (审核)', () => {
  it('is for leaders only: staff, admins and the commissioner get 403', async () => {
    const world = await logWorld();
    const { w } = world;
    const zhang1 = await zhangsLog(world);
    for (const client of [w.staff, w.admin, w.zhang]) {
      const res = await client.post(`/api/service-logs/${zhang1}/confirm`, {});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('只有局领导可以审核服务日志');
    }
    expect((await w.li.post(`/api/service-logs/${zhang1}/confirm`, {})).status).toBe(404);
    expect((await w.staff.get(`/api/service-logs/${zhang1}`)).body.confirmedAt).toBeNull();
  });

  it('a leader confirms, which is recorded, audited, and not repeated', async () => {
    const world = await logWorld();
    const { w } = world;
    const zhang1 = await zhangsLog(world);
    const res = await w.leader.post(`/api/service-logs/${zhang1}/confirm`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmedByName: '刘局长', confirmedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const again = await w.leader.post(`/api/service-logs/${zhang1}/confirm`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该日志已经审核过了');
    expect((await audit(w, zhang1))[0]).toMatchObject({ action: 'update', before: { confirmedAt: null }, after: { confirmedByName: '刘局长' } });
  });

  it('locks the log: staff, an admin and the commissioner get 403 on change or delete; a leader may change it', async () => {
    const world = await logWorld();
    const { w, files } = world;
    const zhang1 = await zhangsLog(world);
    await confirm(w, zhang1);
    const body = logBody({ placeId: w.places.yuanyu, content: '改动' });
    for (const client of [w.staff, w.officeStaff, w.admin, w.zhang]) {
      const edit = await put(client, `/api/service-logs/${zhang1}`, body);
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toBe('该日志已审核,只有局领导可以修改');
      expect((await client.delete(`/api/service-logs/${zhang1}`)).status).toBe(403);
    }
    expect((await w.staff.get(`/api/service-logs/${zhang1}`)).body.content).toBe('指导茶园春季修剪与施肥');
    const leaderEdit = await put(
      w.leader,
      `/api/service-logs/${zhang1}`,
      logBody({ placeId: w.places.yuanyu, content: '指导茶园春季修剪、施肥', fileIds: [files.zhang] }),
    );
    expect(leaderEdit.status).toBe(200);
    expect(leaderEdit.body).toMatchObject({ content: '指导茶园春季修剪、施肥', confirmedByName: '刘局长' });
  });

  it('a leader takes the confirmation back, after which staff may edit again', async () => {
    const world = await logWorld();
    const { w, files } = world;
    const zhang1 = await zhangsLog(world);
    await confirm(w, zhang1);
    expect((await w.staff.post(`/api/service-logs/${zhang1}/unconfirm`, {})).status).toBe(403);
    expect((await w.zhang.post(`/api/service-logs/${zhang1}/unconfirm`, {})).status).toBe(403);
    const res = await w.leader.post(`/api/service-logs/${zhang1}/unconfirm`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmedAt: null, confirmedByName: null });
    expect((await w.leader.post(`/api/service-logs/${zhang1}/unconfirm`, {})).body.error.message).toBe('该日志尚未审核');
    const edit = await put(w.staff, `/api/service-logs/${zhang1}`, logBody({ placeId: w.places.yuanyu, peopleServed: 25, fileIds: [files.zhang] }));
    expect(edit.status).toBe(200);
    expect(edit.body.peopleServed).toBe(25);
  });
});

describe('listing logs', () => {
  it('filters by town (a village counts for its town), kind, confirmation, dates and commissioner', async () => {
    const world = await logWorld();
    const { w, zhangId, liId } = world;
    const zhang1 = await zhangsLog(world);
    const li1 = await lisTraining(world);
    await confirm(w, li1);
    const zhang2 = await writeLog(w.staff, zhangId, { logDate: '2014-05-06', enterpriseId: w.enterpriseId, kind: '咨询', peopleServed: null });
    const zhang3 = await writeLog(w.staff, zhangId, { logDate: '2014-06-11', placeId: w.places.dongshan });
    const ids = async (query: string) =>
      (await w.staff.get(`/api/service-logs?${query}`)).body.items.map((l: { id: number }) => l.id).sort((a: number, b: number) => a - b);
    const all = await w.staff.get('/api/service-logs');
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((l: { id: number }) => l.id)).toEqual([zhang3, zhang2, li1, zhang1]);
    expect(await ids(`townId=${w.places.dongshan}`)).toEqual([zhang1, zhang3]);
    expect(await ids(`townId=${w.places.yingqian}`)).toEqual([li1]);
    expect(await ids(`kind=${encodeURIComponent('培训')}`)).toEqual([li1]);
    expect(await ids('confirmed=yes')).toEqual([li1]);
    expect(await ids('confirmed=no')).toEqual([zhang1, zhang2, zhang3]);
    expect(await ids('from=2014-04-02&to=2014-05-06')).toEqual([li1, zhang2]);
    expect(await ids(`commissionerId=${liId}`)).toEqual([li1]);
    expect((await w.staff.get('/api/service-logs?confirmed=maybe')).status).toBe(400);
    expect((await w.staff.get('/api/service-logs?pageSize=2')).body.items).toHaveLength(2);
  });
});

describe('deleting logs', () => {
  it('the commissioner deletes their own unconfirmed log, audited', async () => {
    const { w, zhangId, files } = await logWorld();
    const log = await writeLog(w.zhang, zhangId, { placeId: w.places.dongshan, content: '误录', fileIds: [files.zhang] });
    expect((await w.zhang.delete(`/api/service-logs/${log}`)).status).toBe(200);
    expect((await w.zhang.get(`/api/service-logs/${log}`)).status).toBe(404);
    expect((await audit(w, log))[0]).toMatchObject({ action: 'delete', before: { placeName: '东山镇' } });
    // The file it had stays, now unreferenced.
    expect((await w.zhang.get(`/api/files/${files.zhang}/meta`)).status).toBe(200);
  });

  it('staff delete an unconfirmed log; a leader deletes a confirmed one', async () => {
    const { w, liId } = await logWorld();
    const log = await writeLog(w.staff, liId, { placeId: w.places.yingqian });
    expect((await w.staff.delete(`/api/service-logs/${log}`)).status).toBe(200);
    const confirmed = await writeLog(w.staff, liId, { placeId: w.places.yingqian });
    await confirm(w, confirmed);
    expect((await w.staff.delete(`/api/service-logs/${confirmed}`)).status).toBe(403);
    expect((await w.leader.delete(`/api/service-logs/${confirmed}`)).status).toBe(200);
    expect((await w.staff.get('/api/service-logs')).body.total).toBe(0);
  });
});

describe('another bureau', () => {
  it('gets 404 on every log endpoint and an empty list', async () => {
    const world = await logWorld();
    const { w, liId } = world;
    const li1 = await lisTraining(world);
    await confirm(w, li1);
    for (const client of [w.foreignAdmin, w.foreignLeader, w.foreignStaff, w.foreignCommissioner]) {
      const get = await client.get(`/api/service-logs/${li1}`);
      expect(get.status).toBe(404);
      expect(get.text).not.toContain('李春华');
      expect((await client.get('/api/service-logs')).body.total).toBe(0);
      expect((await client.post(`/api/commissioners/${liId}/service-logs`, logBody({ placeId: w.places.foreignTown }))).status).toBe(404);
      expect((await put(client, `/api/service-logs/${li1}`, logBody({ placeId: w.places.foreignTown }))).status).toBe(404);
      expect((await client.delete(`/api/service-logs/${li1}`)).status).toBe(404);
      expect((await client.post(`/api/service-logs/${li1}/confirm`, {})).status).toBe(404);
      expect((await client.post(`/api/service-logs/${li1}/unconfirm`, {})).status).toBe(404);
    }
    expect((await w.staff.get(`/api/service-logs/${li1}`)).body).toMatchObject({ confirmedByName: '刘局长', content: '油茶低产林改造培训' });
  });
});

describe('a leader of the province above', () => {
  it('reads the logs but neither writes, confirms nor unconfirms them (403)', async () => {
    const world = await logWorld();
    const { w, zhangId } = world;
    const zhang1 = await zhangsLog(world);
    const li1 = await lisTraining(world);
    await confirm(w, li1);
    expect((await w.provinceLeader.get(`/api/service-logs/${zhang1}`)).status).toBe(200);
    expect((await w.provinceLeader.get('/api/service-logs')).body.total).toBe(2);
    expect((await w.provinceLeader.post(`/api/commissioners/${zhangId}/service-logs`, logBody({ placeId: w.places.dongshan }))).status).toBe(403);
    expect((await put(w.provinceLeader, `/api/service-logs/${zhang1}`, logBody({ placeId: w.places.dongshan }))).status).toBe(403);
    expect((await w.provinceLeader.delete(`/api/service-logs/${zhang1}`)).status).toBe(403);
    expect((await w.provinceLeader.post(`/api/service-logs/${zhang1}/confirm`, {})).status).toBe(403);
    expect((await w.provinceLeader.post(`/api/service-logs/${li1}/unconfirm`, {})).status).toBe(403);
    expect((await w.staff.get('/api/service-logs')).body.total).toBe(2);
  });
});
