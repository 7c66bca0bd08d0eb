// Versions of a summary: comparing two of them through the API (paragraphs added, removed and
// changed with both texts and the figures that changed), the 409 of a save that names who saved the
// version blocking it, and the stale check comparing what each figure shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { diffText, splitSentences } from './compare.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let org: OrgRow;
let admin: TestClient;
let leader: TestClient;
let staff: TestClient;
let outsider: TestClient;
let runs = 0;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.factories.org({ name: '版本对比县科技局' });
  const section = await t.factories.section(org, '业务股');
  await t.factories.user({ org, role: 'admin', username: 'compare_admin' });
  await t.factories.user({ org, role: 'leader', username: 'compare_leader', displayName: '李局长' });
  await t.factories.user({ org, role: 'staff', section, username: 'compare_staff', displayName: '王丽(业务股)' });
  const other = await t.factories.org({ name: '另一县科技局' });
  await t.factories.user({ org: other, role: 'staff', username: 'compare_outsider' });
  admin = await t.login('compare_admin');
  leader = await t.login('compare_leader');
  staff = await t.login('compare_staff');
  outsider = await t.login('compare_outsider');
});
afterAll(() => t.close());

async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

/** A template of the bureau's own: outreach events with their departments, and materials in a second section. */
async function template() {
  const definition = {
    name: `对比模板${++runs}`,
    title: '{org.name}{period.label}工作总结',
    opening: '现将{period.label}工作汇报如下：',
    sections: [
      { key: 'outreach', heading: '科技宣传', sentences: ['开展送科技下乡活动{outreach.count}', '{outreach.departments|listed:等部门}参加'], enumerate: false },
      { key: 'materials', heading: '宣传资料', sentences: ['发放资料{outreach.materials}'] },
    ],
    plan: null,
  };
  return ok(leader.post('/api/report-templates', definition));
}

async function department(name: string, shortName: string) {
  return ok(admin.post('/api/departments', { name, shortName }));
}

/** A 送科技下乡 event led by the bureau in the first half of `year`. */
async function outreach(year: number, input: { materials?: number; departmentIds?: number[] } = {}) {
  return ok(staff.post('/api/events', { type: '送科技下乡', theme: `科技下乡${++runs}`, startDate: `${year}-03-0${(runs % 9) + 1}`, role: 'lead', ...input }));
}

async function setMaterials(eventId: number, materials: number) {
  const current = await ok(staff.get(`/api/events/${eventId}`));
  const body = Object.fromEntries(Object.entries(current).filter(([k]) => ['type', 'theme', 'startDate', 'endDate', 'role', 'materials', 'notes'].includes(k)));
  return ok(
    staff.request(
      'PUT',
      `/api/events/${eventId}`,
      { ...body, departmentIds: current.departments.map((d: { id: number }) => d.id), materials },
      { 'if-match': `"${current.version}"` },
    ),
  );
}

async function draft(year: number) {
  const tpl = await template();
  return ok(staff.post('/api/reports', { from: `${year}-01-01`, to: `${year}-06-30`, templateId: tpl.id }));
}

const paragraphOf = (doc: any, key: string) => doc.sections.flatMap((s: any) => s.paragraphs).find((p: any) => p.key === key);

describe('comparing two versions', () => {
  it('answers per paragraph what changed, with both texts, the parts that differ and the figures whose text changed', async () => {
    const dept = await department('县农业农村局', '农业');
    await outreach(2001, { departmentIds: [dept.id], materials: 80 });
    const report = await draft(2001);
    const doc = structuredClone(report.latest.doc);
    const p = paragraphOf(doc, 'outreach.1');
    expect(p.text).toBe('开展送科技下乡活动1次。农业等部门参加。');
    // A word added to the second sentence, and the title edited.
    p.text = '开展送科技下乡活动1次。农业等部门积极参加。';
    doc.title = `${doc.title}(修改稿)`;
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc, note: '润色', baseVersion: 1 }));

    const res = await staff.get(`/api/reports/${report.id}/versions/compare?a=1&b=2`);
    expect(res.status).toBe(200);
    const cmp = res.body;
    expect(cmp.a).toMatchObject({ versionNo: 1, note: '自动起草' });
    expect(cmp.b).toMatchObject({ versionNo: 2, note: '润色', createdByName: '王丽(业务股)' });
    expect(cmp.same).toBe(false);
    expect(cmp.changed).toEqual({ title: true, headings: 0, paragraphs: 1, figures: 0 });
    expect(cmp.title).toMatchObject({ changed: true, b: doc.title });
    expect(cmp.opening.status).toBe('same');
    expect(cmp.sections.map((s: any) => [s.key, s.status])).toEqual([
      ['outreach', 'changed'],
      ['materials', 'same'],
    ]);
    expect(cmp.sections[0].paragraphs[0]).toEqual({
      key: 'outreach.1',
      status: 'changed',
      a: '开展送科技下乡活动1次。农业等部门参加。',
      b: '开展送科技下乡活动1次。农业等部门积极参加。',
      parts: [
        { kind: 'same', text: '开展送科技下乡活动1次。农业等部门' },
        { kind: 'added', text: '积极' },
        { kind: 'same', text: '参加。' },
      ],
      figures: [],
    });
    // The same pair the other way round: what was added is removed.
    const back = await ok(staff.get(`/api/reports/${report.id}/versions/compare?a=2&b=1`));
    expect(back.sections[0].paragraphs[0].parts).toContainEqual({ kind: 'removed', text: '积极' });
  });

  it('names paragraphs and sections added or removed, and figures that changed, between a draft and its saved redraft', async () => {
    const event = await outreach(2002);
    const report = await draft(2002);
    // No materials yet: the materials section is left out of version 1.
    expect(report.latest.doc.sections.map((s: any) => s.key)).toEqual(['outreach']);
    await outreach(2002, { materials: 300 });
    await setMaterials(event.id, 200);
    const redraft = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: redraft.doc, note: '重新起草', baseVersion: 1, fromRedraft: 'report' }));

    const cmp = await ok(staff.get(`/api/reports/${report.id}/versions/compare?a=1&b=2`));
    const [outreachSection, materials] = cmp.sections;
    expect(outreachSection.paragraphs[0]).toMatchObject({
      status: 'changed',
      a: '开展送科技下乡活动1次。',
      b: '开展送科技下乡活动2次。',
      figures: [{ factKey: 'outreach.count', a: '1次', b: '2次' }],
    });
    expect(outreachSection.paragraphs[0].parts).toEqual([
      { kind: 'same', text: '开展送科技下乡活动' },
      { kind: 'removed', text: '1' },
      { kind: 'added', text: '2' },
      { kind: 'same', text: '次。' },
    ]);
    expect(materials).toMatchObject({ key: 'materials', status: 'added', heading: { a: null, b: '二、宣传资料' } });
    expect(materials.paragraphs).toEqual([
      { key: 'materials.1', status: 'added', a: null, b: '发放资料500份。', parts: null, figures: [{ factKey: 'outreach.materials', a: null, b: '500份' }] },
    ]);
    expect(cmp.changed).toMatchObject({ paragraphs: 2, figures: 2 });

    const back = await ok(staff.get(`/api/reports/${report.id}/versions/compare?a=2&b=1`));
    expect(back.sections.map((s: any) => [s.key, s.status])).toEqual([
      ['outreach', 'changed'],
      ['materials', 'removed'],
    ]);
    expect(back.sections[1].paragraphs[0]).toMatchObject({ status: 'removed', a: '发放资料500份。', b: null });

    const same = await ok(staff.get(`/api/reports/${report.id}/versions/compare?a=2&b=2`));
    expect(same).toMatchObject({ same: true, changed: { title: false, headings: 0, paragraphs: 0, figures: 0 } });
  });

  it('refuses a version that does not exist, a version that is not a number, and a report of another bureau', async () => {
    await outreach(2003);
    const report = await draft(2003);
    const missing = await staff.get(`/api/reports/${report.id}/versions/compare?a=1&b=9`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', message: '版本不存在：第9版' });
    const bad = await staff.get(`/api/reports/${report.id}/versions/compare?a=1&b=x`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    const none = await staff.get(`/api/reports/${report.id}/versions/compare?a=1`);
    expect(none.status).toBe(400);
    const foreign = await outsider.get(`/api/reports/${report.id}/versions/compare?a=1&b=1`);
    expect(foreign.status).toBe(404);
  });
});

describe('a save based on an older version', () => {
  it('is refused naming who saved the newer version and when', async () => {
    await outreach(2004);
    const report = await draft(2004);
    const doc = structuredClone(report.latest.doc);
    doc.opening.text = '现将上半年工作简要汇报如下：';
    const saved = await ok(staff.post(`/api/reports/${report.id}/versions`, { doc, note: '业务股修改', baseVersion: 1 }));

    const refused = await leader.post(`/api/reports/${report.id}/versions`, { doc: report.latest.doc, note: '旧稿', baseVersion: 1 });
    expect(refused.status).toBe(409);
    const when = new Date(new Date(saved.createdAt).getTime() + 8 * 3600_000).toISOString();
    const at = `${Number(when.slice(5, 7))}月${Number(when.slice(8, 10))}日 ${when.slice(11, 16)}`;
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toBe(`这份总结已由王丽(业务股)于${at}保存了第2版，请先查看最新版本再保存`);
    expect(refused.body.error.details).toMatchObject({ latestVersion: 2, savedBy: { name: '王丽(业务股)', at: saved.createdAt, self: false } });
    // Restoring over the newer version says the same.
    const restore = await leader.request('POST', `/api/reports/${report.id}/versions/1/restore`, {}, { 'if-match': '"1"' });
    expect(restore.status).toBe(409);
    expect(restore.body.error.message).toContain('王丽(业务股)于');
  });

  it('says 您在另一处保存了 when the newer version is the same user’s', async () => {
    await outreach(2005);
    const report = await draft(2005);
    const doc = structuredClone(report.latest.doc);
    doc.opening.text = '现将上半年工作汇报如下(第一处)：';
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc, note: '第一处', baseVersion: 1 }));
    doc.opening.text = '现将上半年工作汇报如下(第二处)：';
    const refused = await staff.post(`/api/reports/${report.id}/versions`, { doc, note: '第二处', baseVersion: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^您在另一处保存了第2版（\d+月\d+日 \d\d:\d\d），请先查看最新版本再保存$/);
    expect(refused.body.error.message).not.toContain('他人');
    expect(refused.body.error.details.savedBy).toMatchObject({ name: '王丽(业务股)', self: true });
    expect((await ok(staff.get(`/api/reports/${report.id}`))).latestVersion).toBe(2);
  });
});

describe('the stale check', () => {
  it('flags a figure whose text would read differently (a renamed department), and not one that is unchanged', async () => {
    const forestry = await department('县林业局', '林业');
    const water = await department('县水利局', '水利');
    await outreach(2006, { departmentIds: [forestry.id, water.id], materials: 120 });
    const report = await draft(2006);
    expect(paragraphOf(report.latest.doc, 'outreach.1').text).toBe('开展送科技下乡活动1次。林业、水利等部门参加。');
    expect((await ok(staff.get(`/api/reports/${report.id}/versions/1/stale`))).items).toEqual([]);

    // The department is renamed: nothing is counted differently, but the sentence would now say 水务.
    await ok(admin.request('PATCH', `/api/departments/${water.id}`, { name: '县水务局', shortName: '水务' }, { 'if-match': `"${water.version}"` }));
    const stale = (await ok(staff.get(`/api/reports/${report.id}/versions/1/stale`))).items;
    expect(stale).toEqual([{ figureId: expect.any(String), factKey: 'outreach.departments', text: '林业、水利等部门', now: '林业、水务等部门' }]);
    // The figure of the version is the one flagged.
    const figure = paragraphOf(report.latest.doc, 'outreach.1').figures.find((f: any) => f.factKey === 'outreach.departments');
    expect(stale[0].figureId).toBe(figure.id);
  });

  it('flags a figure written exactly by hand when its exact value changed, by its exact text', async () => {
    const event = await outreach(2007, { materials: 15230 });
    const report = await draft(2007);
    const doc = structuredClone(report.latest.doc);
    const p = paragraphOf(doc, 'materials.1');
    const figure = p.figures[0];
    expect(figure).toMatchObject({ text: '1.5万余份', exactText: '15230份' });
    // Written exactly by hand: the same figure, text switched to its exact form.
    p.text = p.text.replace(figure.text, figure.exactText);
    figure.text = figure.exactText;
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc, note: '写准确数', baseVersion: 1 }));
    expect((await ok(staff.get(`/api/reports/${report.id}/versions/2/stale`))).items).toEqual([]);

    await setMaterials(event.id, 15260);
    const stale = (await ok(staff.get(`/api/reports/${report.id}/versions/2/stale`))).items;
    expect(stale).toEqual([{ figureId: figure.id, factKey: 'outreach.materials', text: '15230份', now: '15260份' }]);
  });
});

describe('comparing texts (the pure step)', () => {
  const sides = (parts: { kind: string; text: string }[]) => ({
    a: parts
      .filter((p) => p.kind !== 'added')
      .map((p) => p.text)
      .join(''),
    b: parts
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.text)
      .join(''),
  });

  it('cuts text into sentences with their closing marks, quotes kept with them', () => {
    expect(splitSentences('一是抓项目；二是抓服务。他说：“好！”然后')).toEqual(['一是抓项目；', '二是抓服务。', '他说：“好！”', '然后']);
    expect(splitSentences('')).toEqual([]);
  });

  it('keeps shared sentences whole and narrows a changed one to the characters that differ', () => {
    const a = '开展活动5次。发放资料1.5万余份。咨询群众近1.2万人次。';
    const b = '开展活动6次。发放资料1.5万余份。新增一句。咨询群众近1.2万人次。';
    const parts = diffText(a, b);
    expect(parts).toEqual([
      { kind: 'same', text: '开展活动' },
      { kind: 'removed', text: '5' },
      { kind: 'added', text: '6' },
      { kind: 'same', text: '次。发放资料1.5万余份。' },
      { kind: 'added', text: '新增一句。' },
      { kind: 'same', text: '咨询群众近1.2万人次。' },
    ]);
    expect(sides(parts)).toEqual({ a, b });
  });

  it('reads back both texts whatever was changed: sentences removed, reordered, characters outside the BMP', () => {
    const cases: [string, string][] = [
      ['甲。乙。丙。', '丙。甲。'],
      ['一句话', '一句话。又一句'],
      ['𠀀字在前。', '𠀁字在前。'],
      ['', '全新的段落。'],
      ['删去的段落。', ''],
    ];
    for (const [a, b] of cases) expect(sides(diffText(a, b)), `${a} → ${b}`).toEqual({ a, b });
    expect(diffText('𠀀字', '𠀁字')).toEqual([
      { kind: 'removed', text: '𠀀' },
      { kind: 'added', text: '𠀁' },
      { kind: 'same', text: '字' },
    ]);
    expect(diffText('相同。', '相同。')).toEqual([{ kind: 'same', text: '相同。' }]);
  });
});
