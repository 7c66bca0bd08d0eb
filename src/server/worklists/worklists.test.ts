import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';

/** PATCH and PUT name the version they change; these tests are about other things, so any version will do. */
const ANY_VERSION = { 'if-match': '*' };

let t: TestApp;

const rectification = {
  name: '整改台账',
  topic: '党的群众路线教育实践活动',
  description: null,
  titleFieldKey: 'problem',
  fields: [
    { key: 'problem', label: '问题', type: 'text', required: true },
    { key: 'category', label: '四风类别', type: 'choice', required: true, options: ['形式主义', '官僚主义', '享乐主义', '奢靡之风'] },
    { key: 'measures', label: '整改措施', type: 'longtext' },
    { key: 'cost', label: '投入资金', type: 'money' },
    { key: 'people', label: '涉及人数', type: 'number', unit: '人' },
  ],
  statuses: [
    { key: 'open', label: '未整改' },
    { key: 'doing', label: '整改中' },
    { key: 'done', label: '已整改', done: true },
    { key: 'ongoing', label: '长期坚持', done: true },
  ],
  hasDeadline: true,
  hasResponsible: true,
  figures: [
    { key: 'total', label: '查摆问题', kind: 'count' },
    { key: 'by_status', label: '整改情况', kind: 'countByStatus' },
    { key: 'by_category', label: '按四风类别', kind: 'countByChoice', fieldKey: 'category' },
    { key: 'cost_sum', label: '投入资金', kind: 'sum', fieldKeys: ['cost'] },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * A county bureau of its own (so counts and lists see only this test's records): 刘局长 (leader),
 * 王丽 of 业务股 (staff), someone of 办公室, a commissioner, and a leader of another bureau.
 */
async function bureau() {
  const f = t.factories;
  const county = await f.org({ name: '上犹县科技局' });
  const other = await f.org({ name: '崇义县科技局' });
  const business = await f.section(county, '业务股');
  const office = await f.section(county, '办公室');
  const leaderUser = await f.user({ org: county, role: 'leader', displayName: '刘局长' });
  const staffUser = await f.user({ org: county, section: business, displayName: '王丽' });
  const officeUser = await f.user({ org: county, section: office });
  const commissioner = await f.user({ org: county, role: 'commissioner' });
  const foreignLeader = await f.user({ org: other, role: 'leader' });
  return {
    leaderId: leaderUser.id,
    staffId: staffUser.id,
    leader: await t.login(leaderUser.username),
    staff: await t.login(staffUser.username),
    office: () => t.login(officeUser.username),
    commissioner: () => t.login(commissioner.username),
    foreign: () => t.login(foreignLeader.username),
  };
}

/** A bureau with its 整改台账 defined, and a way to register items on it (the leader responsible). */
async function bureauWithList() {
  const b = await bureau();
  const res = await b.leader.post('/api/worklists', rectification);
  if (res.status !== 200) throw new Error(res.text);
  const listId: number = res.body.id;
  const item = async (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const created = await b.staff.post(`/api/worklists/${listId}/items`, { values, responsibleId: b.leaderId, ...extra });
    if (created.status !== 200) throw new Error(created.text);
    return created.body;
  };
  return { ...b, listId, item };
}

type BureauWithList = Awaited<ReturnType<typeof bureauWithList>>;

/** 会议多、文件多 (open, overdue since 2014-06-30), 深入基层调研不够 (through 整改中 to 已整改), 公车使用不规范 (open, due 2099). */
async function threeItems({ item, staff }: BureauWithList) {
  const meetings = await item(
    { problem: '会议多、文件多', category: '形式主义', measures: '精简会议', cost: 0, people: 12 },
    { deadline: '2014-06-30', registeredDate: '2014-03-10' },
  );
  const fieldwork = await item({ problem: '深入基层调研不够', category: '官僚主义' }, { deadline: '2014-05-31', registeredDate: '2014-03-12' });
  await staff.post(`/api/worklist-items/${fieldwork.id}/progress`, { entryDate: '2014-04-01', content: '制定调研计划', toStatus: 'doing' });
  const closed = await staff.post(`/api/worklist-items/${fieldwork.id}/progress`, {
    entryDate: '2014-05-20',
    content: '班子成员每月下基层不少于2次',
    toStatus: 'done',
  });
  expect(closed.body.done).toBe(true);
  const cars = await item({ problem: '公车使用不规范', category: '享乐主义', cost: 3000.5 }, { deadline: '2099-01-01', registeredDate: '2014-04-02' });
  return { meetings, fieldwork, cars };
}

describe('defining a work list', () => {
  it('is for leaders and admins; staff get 403', async () => {
    const { leader, staff } = await bureau();
    expect((await staff.post('/api/worklists', rectification)).status).toBe(403);
    const res = await leader.post('/api/worklists', rectification);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '整改台账', hasDeadline: true, itemCount: 0 });
    expect(res.body.fields.map((f: { key: string }) => f.key)).toEqual(['problem', 'category', 'measures', 'cost', 'people']);
    expect((await leader.post('/api/worklists', rectification)).status).toBe(409);
  });

  it('refuses definitions that make no sense, in Chinese', async () => {
    const { leader } = await bureau();
    const noDone = await leader.post('/api/worklists', { ...rectification, name: 'x', statuses: [{ key: 'a', label: '甲' }] });
    expect(noDone.status).toBe(400);
    expect(noDone.body.error.message).toContain('至少要有一个"已完成(销号)"状态');
    const badFigure = await leader.post('/api/worklists', {
      ...rectification,
      name: 'y',
      figures: [{ key: 's', label: '合计', kind: 'sum', fieldKeys: ['problem'] }],
    });
    expect(badFigure.body.error.details[0]).toMatchObject({ path: 'figures.0.fieldKeys', message: '数值合计须选择数值或金额字段' });
    const dupKeys = await leader.post('/api/worklists', { ...rectification, name: 'z', fields: [rectification.fields[0], rectification.fields[0]] });
    expect(dupKeys.body.error.message).toContain('字段标识不能重复');
  });
});

describe('items', () => {
  it('are registered with checked values, the first status, and a 登记 entry', async () => {
    const { item } = await bureauWithList();
    const res = await item(
      { problem: '会议多、文件多', category: '形式主义', measures: '精简会议', cost: 0, people: 12 },
      { deadline: '2014-06-30', registeredDate: '2014-03-10' },
    );
    expect(res).toMatchObject({
      title: '会议多、文件多',
      status: 'open',
      statusLabel: '未整改',
      done: false,
      responsibleName: '刘局长',
      deadline: '2014-06-30',
    });
    expect(res.display.people).toBe('12人');
    expect(res.progress).toEqual([expect.objectContaining({ content: '登记', toStatus: 'open', entryDate: '2014-03-10' })]);
  });

  it('refuse missing required fields, wrong types, unknown choices and unknown fields, naming each', async () => {
    const { staff, listId } = await bureauWithList();
    const res = await staff.post(`/api/worklists/${listId}/items`, { values: { category: '懒政', cost: 1.234, people: 'many', bogus: 'x' } });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath).toEqual({
      'values.bogus': '台账没有这个字段',
      'values.problem': '请填写问题',
      'values.category': '四风类别应为以下选项之一:形式主义、官僚主义、享乐主义、奢靡之风',
      'values.cost': '投入资金金额最多保留2位小数',
      'values.people': '涉及人数应为数字',
    });
  });

  it('move through statuses with dated progress; closing (销号) needs the note and clears the overdue flag', async () => {
    const b = await bureauWithList();
    const { item, leader, staff } = b;
    await item({ problem: '会议多、文件多', category: '形式主义' }, { deadline: '2014-06-30', registeredDate: '2014-03-10' });
    const it1 = await item({ problem: '深入基层调研不够', category: '官僚主义' }, { deadline: '2014-05-31', registeredDate: '2014-03-12' });
    expect(it1.overdue).toBe(true);
    const summaryBefore = (await leader.get('/api/worklists/overdue-summary')).body;
    expect(summaryBefore.mine).toBeGreaterThanOrEqual(2);
    const doing = await staff.post(`/api/worklist-items/${it1.id}/progress`, { entryDate: '2014-04-01', content: '制定调研计划', toStatus: 'doing' });
    expect(doing.body.status).toBe('doing');
    const noNote = await staff.post(`/api/worklist-items/${it1.id}/progress`, { entryDate: '2014-05-20', content: '', toStatus: 'done' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details[0].path).toBe('content');
    const backwards = await staff.post(`/api/worklist-items/${it1.id}/progress`, { entryDate: '2014-03-20', content: '倒填', toStatus: 'done' });
    expect(backwards.body.error.message).toContain('不能早于上一次变更');
    const closed = await staff.post(`/api/worklist-items/${it1.id}/progress`, {
      entryDate: '2014-05-20',
      content: '班子成员每月下基层不少于2次',
      toStatus: 'done',
    });
    expect(closed.body).toMatchObject({ done: true, overdue: false, closedDate: '2014-05-20', closingNote: '班子成员每月下基层不少于2次' });
    const summaryAfter = (await leader.get('/api/worklists/overdue-summary')).body;
    expect(summaryAfter.mine).toBe(summaryBefore.mine - 1);
    expect(summaryAfter.all).toBe(summaryBefore.all - 1);
    // Someone of another section sees only their own count.
    expect((await (await b.office()).get('/api/worklists/overdue-summary')).body.all).toBeNull();
  });

  it('list with filters on status, overdue, responsible, deadline, text and any field', async () => {
    const b = await bureauWithList();
    const { staff, listId, leaderId } = b;
    await threeItems(b);
    const all = await staff.get(`/api/worklists/${listId}/items`);
    expect(all.body.total).toBe(3);
    expect((await staff.get(`/api/worklists/${listId}/items?status=done`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?status=open&status=doing`)).body.total).toBe(2);
    expect((await staff.get(`/api/worklists/${listId}/items?overdue=yes`)).body.items.map((i: { title: string }) => i.title)).toEqual(['会议多、文件多']);
    expect((await staff.get(`/api/worklists/${listId}/items?${encodeURI('f.category=享乐主义')}`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?${encodeURI('f.problem=基层')}`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?${encodeURI('f.cost=3000.5')}`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?q=${encodeURIComponent('公车')}`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?deadlineFrom=2014-06-01&deadlineTo=2014-12-31`)).body.total).toBe(1);
    expect((await staff.get(`/api/worklists/${listId}/items?responsibleId=${leaderId}`)).body.total).toBe(3);
    expect((await staff.get(`/api/worklists/${listId}/items?f.nosuch=1`)).status).toBe(400);
  });
});

describe('changing a definition', () => {
  it('keeps a removed field hidden with its values', async () => {
    const b = await bureauWithList();
    const { leader, staff, listId, leaderId } = b;
    await threeItems(b);
    const { fields, ...rest } = rectification;
    const res = await leader.request('PUT', `/api/worklists/${listId}`, { ...rest, fields: fields.filter((f) => f.key !== 'measures') }, ANY_VERSION);
    expect(res.status).toBe(200);
    expect(res.body.fields.find((f: { key: string }) => f.key === 'measures')).toMatchObject({ hidden: true });
    const items = (await staff.get(`/api/worklists/${listId}/items?sort=registeredDate&order=asc`)).body.items;
    expect(items[0].values.measures).toBe('精简会议');
    // Editing the item without the hidden field keeps its value.
    const edited = await staff.request(
      'PUT',
      `/api/worklist-items/${items[0].id}`,
      { values: { problem: '会议多、文件多、简报多', category: '形式主义' }, responsibleId: leaderId, deadline: '2014-06-30' },
      ANY_VERSION,
    );
    expect(edited.body.values.measures).toBe('精简会议');
    expect(edited.body.title).toBe('会议多、文件多、简报多');
  });

  it('refuses a type change that existing values do not fit, naming the items; allows one they fit', async () => {
    const b = await bureauWithList();
    const { leader, listId } = b;
    await threeItems(b);
    const base = { ...rectification, fields: rectification.fields.filter((f) => f.key !== 'measures') };
    const toNumber = await leader.request(
      'PUT',
      `/api/worklists/${listId}`,
      {
        ...base,
        fields: base.fields.map((f) => (f.key === 'problem' ? { ...f, type: 'number' } : f)),
      },
      ANY_VERSION,
    );
    expect(toNumber.status).toBe(409);
    expect(toNumber.body.error.message).toContain('字段"问题"类型不能从文本改为数值');
    expect(toNumber.body.error.message).toContain('"公车使用不规范"');
    const droppedOption = await leader.request(
      'PUT',
      `/api/worklists/${listId}`,
      {
        ...base,
        fields: base.fields.map((f) => (f.key === 'category' ? { ...f, options: ['形式主义', '官僚主义'] } : f)),
      },
      ANY_VERSION,
    );
    expect(droppedOption.status).toBe(409);
    expect(droppedOption.body.error.message).toContain('不能删去已被使用的选项');
    const removedStatus = await leader.request(
      'PUT',
      `/api/worklists/${listId}`,
      { ...base, statuses: base.statuses.filter((s) => s.key !== 'doing') },
      ANY_VERSION,
    );
    expect(removedStatus.status).toBe(409);
    expect(removedStatus.body.error.message).toContain('状态"整改中"已被');
    const fits = await leader.request(
      'PUT',
      `/api/worklists/${listId}`,
      {
        ...base,
        fields: base.fields.map((f) => (f.key === 'people' ? { ...f, type: 'money' } : f)),
      },
      ANY_VERSION,
    );
    expect(fits.status).toBe(200);
  });
});

describe('facts as of the period end', () => {
  it('report the state on the last day even when the log changed it later', async () => {
    const { leader, staff } = await bureau();
    const list = (
      await leader.post('/api/worklists', {
        name: '征收包干',
        fields: [
          { key: 'head', label: '户主', type: 'household', required: true },
          { key: 'area', label: '面积', type: 'number', unit: '平方米' },
        ],
        statuses: [
          { key: 'unsigned', label: '未签约' },
          { key: 'signed', label: '已签约' },
          { key: 'settled', label: '落实到位', done: true },
        ],
        figures: [
          { key: 'households', label: '包干户数', kind: 'count' },
          { key: 'area_sum', label: '征收面积', kind: 'sum', fieldKeys: ['area'] },
        ],
      })
    ).body;
    const add = async (head: string, area: number, registeredDate: string) =>
      (await staff.post(`/api/worklists/${list.id}/items`, { values: { head, area }, registeredDate })).body.id as number;
    const a = await add('张大伯', 120, '2014-03-01');
    const b = await add('李二叔', 90, '2014-03-01');
    const c = await add('王三婶', 150, '2014-03-02');
    const d = await add('赵四哥', 80, '2014-06-30');
    await add('晚登记', 10, '2014-07-01');
    const move = (id: number, entryDate: string, toStatus: string) =>
      staff.post(`/api/worklist-items/${id}/progress`, { entryDate, content: '做通思想工作', toStatus });
    await move(a, '2014-04-10', 'signed');
    await move(a, '2014-06-30', 'settled');
    await move(b, '2014-05-05', 'settled');
    await move(c, '2014-07-01', 'settled');
    await move(d, '2014-06-30', 'signed');

    const h1 = (await leader.get(`/api/worklists/${list.id}/facts?from=2014-01-01&to=2014-06-30`)).body;
    expect(h1.itemsAtEnd.ids).toEqual([a, b, c, d]);
    expect(h1.doneAtEnd.ids).toEqual([a, b]);
    expect(h1.done.ids).toEqual([a, b]);
    expect(h1.byStatusAtEnd.map((g: { label: string; fact: { value: number } }) => [g.label, g.fact.value])).toEqual([
      ['未签约', 1],
      ['已签约', 1],
      ['落实到位', 2],
    ]);
    expect(h1.figures).toEqual([
      expect.objectContaining({ key: 'households', atEnd: expect.objectContaining({ fact: expect.objectContaining({ value: 4 }) }) }),
      expect.objectContaining({ key: 'area_sum', unit: '平方米', atEnd: expect.objectContaining({ fact: expect.objectContaining({ value: 440 }) }) }),
    ]);
    const h2 = (await leader.get(`/api/worklists/${list.id}/facts?from=2014-07-01&to=2014-12-31`)).body;
    expect(h2.itemsAtEnd.value).toBe(5);
    expect(h2.doneAtEnd.ids).toEqual([a, b, c]);
    expect(h2.done.ids).toEqual([c]);
    expect(h2.registered.value).toBe(1);
  });
});

describe('work list access', () => {
  it('lets another section read but not change an item, unless they are responsible for it', async () => {
    const b = await bureauWithList();
    const { leader } = b;
    const it1 = await b.item({ problem: '办公室管理的条目', category: '形式主义' });
    const office = await b.office();
    expect((await office.get(`/api/worklist-items/${it1.id}`)).status).toBe(200);
    const res = await office.post(`/api/worklist-items/${it1.id}/progress`, { entryDate: '2014-06-01', content: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('只能修改本股室的记录或自己负责的条目');
    // The leader is responsible for it and logs progress.
    expect((await leader.post(`/api/worklist-items/${it1.id}/progress`, { entryDate: todayInChina(), content: '已督办' })).status).toBe(200);
  });

  it('keeps bureaus apart on every endpoint and closes lists to commissioners', async () => {
    const b = await bureauWithList();
    const { staff, listId } = b;
    await b.item({ problem: '会议多、文件多', category: '形式主义' });
    const foreign = await b.foreign();
    const someItem = (await staff.get(`/api/worklists/${listId}/items`)).body.items[0];
    for (const res of [
      await foreign.get(`/api/worklists/${listId}`),
      await foreign.request('PUT', `/api/worklists/${listId}`, rectification, ANY_VERSION),
      await foreign.get(`/api/worklists/${listId}/items`),
      await foreign.post(`/api/worklists/${listId}/items`, { values: { problem: 'x', category: '形式主义' } }),
      await foreign.get(`/api/worklists/${listId}/facts?from=2014-01-01&to=2014-06-30`),
      await foreign.get(`/api/worklist-items/${someItem.id}`),
      await foreign.request('PUT', `/api/worklist-items/${someItem.id}`, { values: {} }, ANY_VERSION),
      await foreign.post(`/api/worklist-items/${someItem.id}/progress`, { entryDate: '2014-06-01', content: 'x' }),
      await foreign.delete(`/api/worklist-items/${someItem.id}`),
      await foreign.delete(`/api/worklists/${listId}`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await foreign.get('/api/worklists')).body.items).toEqual([]);
    expect((await (await b.commissioner()).get('/api/worklists')).status).toBe(403);
  });

  it('refuses to delete a list with items, and archives it instead', async () => {
    const { leader, staff, listId, item } = await bureauWithList();
    await item({ problem: '会议多、文件多', category: '形式主义' });
    expect((await leader.delete(`/api/worklists/${listId}`)).status).toBe(409);
    const unknown = await leader.post(`/api/worklists/${listId}/archive`, { archived: true, reason: '年度结束' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('reason');
    const archived = await leader.post(`/api/worklists/${listId}/archive`, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await staff.get('/api/worklists')).body.items.map((l: { id: number }) => l.id)).not.toContain(listId);
    expect((await staff.post(`/api/worklists/${listId}/items`, { values: { problem: 'x', category: '形式主义' } })).status).toBe(409);
  });
});

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
