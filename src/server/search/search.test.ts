import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, register, writeLog } from '../commissioners/test-world.js';
import type { TextSegment } from '../../shared/search.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import { markHits, snippetOf } from './service.js';

const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let bureauCount = 0;

/** A county bureau of its own (so one test's records never show in another's results), a staff client, and a foreign bureau's staff. */
async function bureau() {
  const f = t.factories;
  const county = await f.org({ name: `搜索测试县科技局${++bureauCount}` });
  const other = await f.org({ name: `搜索测试外县科技局${bureauCount}` });
  const staff = t.lazyLogin((await f.user({ org: county })).username);
  const foreign = t.lazyLogin((await f.user({ org: other })).username);
  return { county, other, staff, foreign };
}

async function createProject(client: TestClient, title: string, description: string | null = null): Promise<number> {
  const res = await client.post('/api/projects', { title, description, field: 'agriculture', stage: 'lead', stageDates: { lead: '2014-01-08' } });
  if (res.status !== 200) throw new Error(res.text);
  return res.body.id;
}

interface Hit {
  id: number;
  title: TextSegment[];
  snippet: TextSegment[];
  link: string;
}

async function search(client: TestClient, q: string, limit?: number): Promise<Record<string, Hit[]>> {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries(res.body.groups.map((g: { kind: string; items: Hit[] }) => [g.kind, g.items]));
}

const text = (segments: TextSegment[]) => segments.map((s) => s.text).join('');

describe('GET /api/search', () => {
  it('finds a project by a four-character word of its title, with a link to its page and the word marked', async () => {
    const b = await bureau();
    const id = await createProject(b.staff, '高山茶园节水灌溉示范项目');
    await createProject(b.staff, '脐橙品种改良');
    const groups = await search(b.staff, '节水灌溉');
    expect(groups.project).toEqual([
      {
        id,
        title: [
          { text: '高山茶园', hit: false },
          { text: '节水灌溉', hit: true },
          { text: '示范项目', hit: false },
        ],
        snippet: [],
        link: `/projects/${id}`,
      },
    ]);
  });

  it('finds an enterprise by two characters and by one, and groups the results by ledger with Chinese labels', async () => {
    const b = await bureau();
    const coop = await t.factories.enterprise(b.county, { name: '营前镇水渠维护合作社' });
    const project = await createProject(b.staff, '灌区改造', '新修水渠三公里');
    const res = await b.staff.get(`/api/search?q=${encodeURIComponent('水渠')}`);
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { kind: string; label: string }) => [g.kind, g.label])).toEqual([
      ['project', '项目库'],
      ['enterprise', '企业与基地'],
    ]);
    const groups = await search(b.staff, '水渠');
    expect(groups.enterprise!.map((h) => [h.id, h.link])).toEqual([[coop.id, `/enterprises/${coop.id}`]]);
    expect(groups.project!.map((h) => h.id)).toEqual([project]);
    expect(groups.project![0]!.snippet).toEqual([
      { text: '新修', hit: false },
      { text: '水渠', hit: true },
      { text: '三公里', hit: false },
    ]);
    expect((await search(b.staff, '渠')).enterprise!.map((h) => h.id)).toEqual([coop.id]);
    expect(await search(b.staff, '水渠站')).toEqual({});
  });

  it('ranks records named by the query before those that only mention it, then the most recently changed', async () => {
    const b = await bureau();
    const named = await createProject(b.staff, '特派员服务站建设');
    const mentionOld = await createProject(b.staff, '茶叶加工', '由特派员指导');
    const mentionNew = await createProject(b.staff, '脐橙种植', '邀请特派员授课');
    for (const q of ['特派', '特派员']) {
      expect((await search(b.staff, q)).project!.map((h) => h.id)).toEqual([named, mentionNew, mentionOld]);
    }
    // Changing the older one makes it the more recent of the two that only mention it.
    expect((await b.staff.patch(`/api/projects/${mentionOld}`, { description: '由特派员长期指导' }, ANY_VERSION)).status).toBe(200);
    expect((await search(b.staff, '特派员')).project!.map((h) => h.id)).toEqual([named, mentionOld, mentionNew]);
    expect((await search(b.staff, '特派员', 1)).project!.map((h) => h.id)).toEqual([named]);
  });

  it('follows every write: a renamed record is found by its new name only, a deleted one no more', async () => {
    const b = await bureau();
    const id = await createProject(b.staff, '油茶低产林改造');
    expect((await search(b.staff, '低产林')).project!.map((h) => h.id)).toEqual([id]);
    expect((await b.staff.patch(`/api/projects/${id}`, { title: '油茶高产栽培推广' }, ANY_VERSION)).status).toBe(200);
    expect(await search(b.staff, '低产林')).toEqual({});
    expect((await search(b.staff, '高产栽培')).project!.map((h) => h.id)).toEqual([id]);
    expect((await b.staff.delete(`/api/projects/${id}`)).status).toBe(200);
    expect(await search(b.staff, '高产栽培')).toEqual({});
    expect(await search(b.staff, '油')).toEqual({});
  });

  it("never shows another bureau's records", async () => {
    const b = await bureau();
    await createProject(b.foreign, '富硒稻米种植基地');
    await t.factories.enterprise(b.other, { name: '富硒农业合作社' });
    const own = await createProject(b.staff, '富硒茶叶');
    for (const q of ['富硒', '富', '富硒稻米']) {
      const groups = await search(b.staff, q);
      expect(groups.enterprise).toBeUndefined();
      expect((groups.project ?? []).map((h) => h.id)).toEqual(q === '富硒稻米' ? [] : [own]);
    }
  });

  it('shows a commissioner their own profile and logs only; staff find every log of the bureau', async () => {
    const w = await buildWorld(t);
    const zhangId = await register(w, { name: '张建国', userId: w.users.zhang });
    const liId = await register(w, { name: '李春华', gender: 'female', userId: w.users.li });
    const zhangLog = await writeLog(w.zhang, zhangId, { content: '指导猕猴桃嫁接', placeId: w.places.dongshan });
    const liLog = await writeLog(w.li, liId, { content: '猕猴桃病虫害防治', placeId: w.places.yingqian });
    await createProject(w.staff, '猕猴桃产业园');

    const mine = await search(w.zhang, '猕猴桃');
    expect(Object.keys(mine)).toEqual(['serviceLog']);
    expect(mine.serviceLog!.map((h) => [h.id, text(h.title), h.link])).toEqual([[zhangLog, '2014-03-15 张建国', '/my/logs']]);
    expect((await search(w.zhang, '李春华')).commissioner).toBeUndefined();
    expect((await search(w.zhang, '张建国')).commissioner!.map((h) => h.id)).toEqual([zhangId]);

    const staff = await search(w.staff, '猕猴桃');
    expect(staff.serviceLog!.map((h) => h.id).sort()).toEqual([zhangLog, liLog].sort());
    expect(staff.serviceLog!.find((h) => h.id === liLog)!.link).toBe(`/commissioners/${liId}`);
    expect(staff.project).toHaveLength(1);
    expect(await search(w.foreignStaff, '猕猴桃')).toEqual({});
  });

  it('refuses an empty query, one over 100 characters and a bad limit, in Chinese; asks for sign-in first', async () => {
    const b = await bureau();
    const empty = await b.staff.get('/api/search?q=%20');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'q', message: '请输入要搜索的文字' }] });
    expect((await b.staff.get('/api/search')).body.error.code).toBe('VALIDATION');
    const long = await b.staff.get(`/api/search?q=${encodeURIComponent('茶'.repeat(101))}`);
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([{ path: 'q', message: '搜索内容不能超过100个字' }]);
    expect((await b.staff.get(`/api/search?q=${encodeURIComponent('茶'.repeat(100))}`)).status).toBe(200);
    expect((await b.staff.get('/api/search?q=%E8%8C%B6&limit=21')).body.error.details).toEqual([{ path: 'limit', message: '条数不能超过20' }]);
    expect((await t.anonymous().get('/api/search?q=%E8%8C%B6')).status).toBe(401);
  });

  it('treats LIKE and FTS operators in the query as plain text', async () => {
    const b = await bureau();
    const id = await createProject(b.staff, '100%覆盖_率 "提升" 行动');
    expect((await search(b.staff, '100%')).project!.map((h) => h.id)).toEqual([id]);
    expect((await search(b.staff, '_率')).project!.map((h) => h.id)).toEqual([id]);
    expect((await search(b.staff, '"提升"')).project!.map((h) => h.id)).toEqual([id]);
    expect(await search(b.staff, '%%')).toEqual({});
    expect(await search(b.staff, 'AND OR')).toEqual({});
  });
});

describe('highlighting', () => {
  it('marks every occurrence, ignoring letter case, and cuts a long text around its first match with ellipses', () => {
    expect(markHits('水渠修水渠', '水渠')).toEqual([
      { text: '水渠', hit: true },
      { text: '修', hit: false },
      { text: '水渠', hit: true },
    ]);
    expect(markHits('GIS平台与gis数据', 'Gis')).toEqual([
      { text: 'GIS', hit: true },
      { text: '平台与', hit: false },
      { text: 'gis', hit: true },
      { text: '数据', hit: false },
    ]);
    const body = `${'前'.repeat(30)}水渠${'后'.repeat(100)}`;
    expect(snippetOf(body, '水渠')).toEqual([
      { text: '…', hit: false },
      { text: '前'.repeat(20), hit: false },
      { text: '水渠', hit: true },
      { text: '后'.repeat(58), hit: false },
      { text: '…', hit: false },
    ]);
    expect(snippetOf('只在标题里', '水渠')).toEqual([]);
  });
});
