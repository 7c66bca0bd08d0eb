import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_COLUMNS, factCatalogue, indexCatalogue } from '../../shared/fact-catalogue.js';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, type TestResponse, createTestApp } from '../test/harness.js';
import { buildDefaultTemplate, checkTemplate } from './template.js';

// A city above its counties (issue 12): a fictional city bureau with two counties, each county's
// records entered through the API by its own staff, a few of the city's own. The city's leader sees
// a row per county and the city's own (市本级), adding up to the city's rolled-up facts (合计); the
// city's summary speaks as a city and appends the table, in the draft and in the .docx, Markdown and
// text exports; a county's summary has no appendix.

let t: TestApp;
let city: OrgRow;
let east: OrgRow;
let west: OrgRow;
let cityLeader: TestClient;
let cityStaff: TestClient;
let eastLeader: TestClient;

const H1 = { from: '2023-01-01', to: '2023-06-30' };
const Q = `from=${H1.from}&to=${H1.to}`;
const APPENDIX_TITLE = '2023年上半年各县（市、区）科技工作主要数据';

function ok<T = any>(res: TestResponse<T>, what: string): T {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
}

async function login(org: OrgRow, role: 'leader' | 'staff' | 'admin', username: string): Promise<TestClient> {
  await t.factories.user({ org, role, username });
  return t.login(username);
}

const project = (client: TestClient, title: string, amount: number | null, stageDates: Record<string, string>, stage: string) =>
  client.post('/api/projects', {
    title,
    field: 'industry',
    level: 'county',
    program: '县科技计划',
    amountApproved: amount,
    amountReceived: null,
    stage,
    stageDates,
  });

beforeAll(async () => {
  t = await createTestApp();
  city = await t.factories.org({ name: '云岭市科学技术局', level: 'city' });
  east = await t.factories.org({ name: '东溪县科技局', level: 'county', parent: city });
  west = await t.factories.org({ name: '西山县科技局', level: 'county', parent: city });
  // Each county calls itself 县科技局 for short, as bureaus do: the city's table names them in full.
  await t.database.db.updateTable('orgs').set({ short_name: '县科技局' }).where('id', 'in', [east.id, west.id]).execute();
  cityLeader = await login(city, 'leader', 'yl_leader');
  cityStaff = await login(city, 'staff', 'yl_staff');
  eastLeader = await login(east, 'leader', 'dx_leader');
  const eastStaff = await login(east, 'staff', 'dx_staff');
  const westStaff = await login(west, 'staff', 'xs_staff');

  // 东溪: two projects approved in the half-year (12.5 and 8 万元), a training, a commissioner with two logs.
  ok(await project(eastStaff, '山地茶园水肥一体化示范', 12.5, { applied: '2023-02-10', approved: '2023-05-06' }, 'approved'), 'project');
  ok(await project(eastStaff, '竹材精深加工技术研发', 8, { applied: '2023-03-01', approved: '2023-06-01' }, 'approved'), 'project');
  ok(await eastStaff.post('/api/events', { type: '培训班', theme: '茶叶栽培技术培训', startDate: '2023-04-08', role: 'lead', trainees: 120 }), 'event');
  const eastAdmin = await login(east, 'admin', 'dx_admin');
  const county = ok(await eastAdmin.post('/api/places', { level: 'county', name: '东溪县', parentId: null }), 'county');
  const town = ok(await eastAdmin.post('/api/places', { level: 'town', name: '青石镇', parentId: county.id, sortOrder: 10 }), 'town');
  const c = ok(
    await eastStaff.post('/api/commissioners', { name: '吴春生', gender: 'male', employer: '东溪县农业农村局', termStartYear: 2023, termEndYear: 2025 }),
    'commissioner',
  );
  for (const [logDate, peopleServed] of [
    ['2023-03-12', 40],
    ['2023-05-20', 35],
  ] as const) {
    ok(
      await eastStaff.post(`/api/commissioners/${c.id}/service-logs`, { logDate, placeId: town.id, kind: '技术指导', content: '田间技术指导', peopleServed }),
      'log',
    );
  }
  // 西山: one application still waiting, two events of its own.
  ok(await project(westStaff, '高山蔬菜绿色防控技术推广', null, { applied: '2023-04-15' }, 'applied'), 'project');
  const westAdmin = await login(west, 'admin', 'xs_admin');
  const department = ok(await westAdmin.post('/api/departments', { name: '西山县农业农村局', shortName: '农业农村', sortOrder: 10 }), 'department');
  ok(
    await westStaff.post('/api/events', {
      type: '送科技下乡',
      theme: '春季科技下乡',
      startDate: '2023-03-05',
      role: 'lead',
      departmentIds: [department.id],
      materials: 1500,
      boards: 10,
      consultations: 200,
      trainees: 200,
    }),
    'event',
  );
  ok(await westStaff.post('/api/events', { type: '培训班', theme: '电商技能培训', startDate: '2023-06-10', role: 'lead', trainees: 80 }), 'event');
  // The city's own: a training it held.
  ok(await cityStaff.post('/api/events', { type: '培训班', theme: '全市科技管理业务培训', startDate: '2023-05-16', role: 'lead', trainees: 60 }), 'event');
}, 60_000);
afterAll(() => t.close());

type Cell = { value: number; ids: number[] };
type Row = { orgId: number; name: string; kind: string; cells: Cell[] };

const column = (key: string) => ROLLUP_COLUMNS.findIndex((c) => c.key === key);
const valuesOf = (row: Row, key: string) => row.cells[column(key)].value;

describe('GET /api/reports/rollup', () => {
  it("gives a row per county and the city's own, adding up to the city's rolled-up figures", async () => {
    const rollup = ok(await cityLeader.get(`/api/reports/rollup?${Q}`), 'rollup');
    expect(rollup.period).toEqual({ ...H1, label: '2023年上半年' });
    expect(rollup.subordinates).toBe('各县（市、区）');
    expect(rollup.columns.map((c: { key: string }) => c.key)).toEqual(ROLLUP_COLUMNS.map((c) => c.key));
    expect(rollup.columns.find((c: { key: string }) => c.key === 'projects.amountApproved')).toMatchObject({ unit: '万元', recordType: 'project' });
    const rows: Row[] = rollup.rows;
    expect(rows.map((r) => [r.orgId, r.name, r.kind])).toEqual([
      [east.id, '东溪县科技局', 'subtree'],
      [west.id, '西山县科技局', 'subtree'],
      [city.id, '市本级', 'own'],
    ]);
    const [e, w, own] = rows;
    expect([valuesOf(e, 'projects.applied'), valuesOf(w, 'projects.applied'), valuesOf(own, 'projects.applied')]).toEqual([2, 1, 0]);
    expect([valuesOf(e, 'projects.approved'), valuesOf(w, 'projects.approved')]).toEqual([2, 0]);
    expect(valuesOf(e, 'projects.amountApproved')).toBe(20.5);
    expect([valuesOf(e, 'events.count'), valuesOf(w, 'events.count'), valuesOf(own, 'events.count')]).toEqual([1, 2, 1]);
    expect([valuesOf(e, 'events.trainees'), valuesOf(w, 'events.trainees'), valuesOf(own, 'events.trainees')]).toEqual([120, 280, 60]);
    expect([valuesOf(e, 'commissioners.active'), valuesOf(e, 'commissioners.logs'), valuesOf(e, 'commissioners.peopleServed')]).toEqual([1, 2, 75]);

    // 合计 is the sum of the rows, figure by figure and record by record.
    const total: Row = rollup.total;
    expect(total).toMatchObject({ orgId: city.id, name: '合计', kind: 'total' });
    ROLLUP_COLUMNS.forEach((_, i) => {
      expect(total.cells[i].value).toBeCloseTo(
        rows.reduce((s, r) => s + r.cells[i].value, 0),
        6,
      );
      expect(total.cells[i].ids).toEqual(rows.flatMap((r) => r.cells[i].ids).sort((a, b) => a - b));
    });
    expect(valuesOf(total, 'events.count')).toBe(4);
  });

  it("states as 合计 what the city's summary states, and as each county's row what the county's summary states", async () => {
    const rollup = ok(await cityLeader.get(`/api/reports/rollup?${Q}`), 'rollup');
    const factsOf = async (client: TestClient) => {
      const items: { key: string; value: { number: number | null } }[] = ok(await client.get(`/api/report-templates/facts?${Q}`), 'facts').items;
      return ROLLUP_COLUMNS.map((c) => items.find((i) => i.key === c.key)!.value.number ?? 0);
    };
    expect(rollup.total.cells.map((c: Cell) => c.value)).toEqual(await factsOf(cityLeader));
    expect(rollup.rows[0].cells.map((c: Cell) => c.value)).toEqual(await factsOf(eastLeader));
  });

  it("lets the city leader trace a county's figure to its records", async () => {
    const rollup = ok(await cityLeader.get(`/api/reports/rollup?${Q}`), 'rollup');
    const i = column('projects.approved');
    const cell: Cell = rollup.rows[0].cells[i];
    const trace = ok(await cityLeader.get(`/api/reports/trace?recordType=${rollup.columns[i].recordType}&ids=${cell.ids.join(',')}`), 'trace');
    expect(trace.items.map((r: { label: string }) => r.label).join()).toContain('山地茶园水肥一体化示范');
    expect(trace.items).toHaveLength(2);
  });

  it('is for leaders and admins: staff are refused, a county has no rows, a bad period is a 400', async () => {
    expect((await cityStaff.get(`/api/reports/rollup?${Q}`)).status).toBe(403);
    const cityAdmin = await login(city, 'admin', 'yl_admin');
    expect(ok(await cityAdmin.get(`/api/reports/rollup?${Q}`), 'admin').rows).toHaveLength(3);
    expect(ok(await eastLeader.get(`/api/reports/rollup?${Q}`), 'county')).toMatchObject({ rows: [], total: null });
    const bad = await cityLeader.get('/api/reports/rollup?from=2023-06-30&to=2023-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect((await cityLeader.get('/api/reports/rollup?from=2023-13-01&to=2023-12-31')).status).toBe(400);
  });
});

function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function docxXml(client: TestClient, reportId: number): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/reports/${reportId}/export?format=docx&date=2023-07-05`,
    headers: { cookie: `keguan_sid=${client.cookie('keguan_sid')}` },
  });
  expect(res.statusCode).toBe(200);
  return (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
}

describe("the city's summary", () => {
  it("is drafted by those who read every county: the city's staff are refused, not given their own records as 全市", async () => {
    const res = await cityStaff.post('/api/reports', H1);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('请由局领导或管理员起草');
    const reports = await t.database.db
      .selectFrom('reports')
      .select('id')
      .where('org_id', '=', city.id)
      .where('created_by', 'in', [(await cityStaff.get('/api/auth/me')).body.user.id])
      .execute();
    expect(reports).toEqual([]);
  });

  it("has a default template in a city's words that validates", async () => {
    const templates = ok(await cityLeader.get('/api/report-templates'), 'templates').items;
    const def = templates.find((tpl: { isDefault: boolean }) => tpl.isDefault).definition;
    expect(ok(await cityLeader.post('/api/report-templates/check', def), 'check')).toEqual({ ok: true, problems: [] });
    const text = JSON.stringify(def);
    expect(text).toContain('各县（市、区）');
    expect(text).not.toContain('深入乡（镇）');
    expect(text).not.toContain('我局经常组织业务人员');
  });

  it('speaks as a city, states the rolled-up figures and appends the table per county', async () => {
    const report = ok(await cityLeader.post('/api/reports', H1), 'draft');
    const doc = report.latest.doc;
    expect(doc.title).toBe('云岭市科学技术局2023年上半年工作总结');
    expect(doc.warnings).toEqual([]);
    expect(doc.opening.text).toContain('在市委、市政府的正确领导');
    expect(doc.opening.text).toContain('团结带领全市科技系统');
    expect(doc.opening.text).toContain('积极服务全市中心工作');
    const management = doc.sections.find((s: { key: string }) => s.key === 'management').paragraphs[0].text;
    expect(management).toContain('我局指导各县（市、区）科技部门深入企业、园区调研，积极寻找和挖掘科技项目，全市共组织申报县科技计划项目3项');
    expect(management).toContain('上半年全市获批立项县级项目2项（工业2项）');
    expect(management).toContain('争取项目立项资金20余万元');
    const outreach = doc.sections.find((s: { key: string }) => s.key === 'outreach').paragraphs[0].text;
    expect(outreach).toContain('上半年全市在岗科技特派员1人');
    expect(outreach).toContain('上半年全市在岗科技特派员1人，深入1个乡镇开展技术服务2次，服务群众70余人次');
    expect(outreach).toContain('全市科技部门牵头组织了农业农村等部门的有关专家先后深入各县（市、区）的乡镇、企业、社区等地开展送科技下乡活动共1次');
    expect(outreach).toContain('全市举办各类培训4次，培训460人次');
    expect(JSON.stringify(doc)).not.toMatch(/深入乡（镇）|县中心工作|县委、县政府/);

    expect(doc.appendix.title).toBe(APPENDIX_TITLE);
    expect(doc.appendix.columns).toEqual([
      '单位',
      '申报项目（项）',
      '立项项目（项）',
      '立项资金（万元）',
      '跟踪服务（次）',
      '验收项目（项）',
      '科技活动（次）',
      '培训人次',
      '在岗特派员（人）',
      '服务日志（次）',
      '服务群众（人次）',
    ]);
    expect(doc.appendix.rows).toEqual([
      ['东溪县科技局', '2', '2', '20.5', '0', '0', '1', '120', '1', '2', '75'],
      ['西山县科技局', '1', '0', '0', '0', '0', '2', '280', '0', '0', '0'],
      ['市本级', '0', '0', '0', '0', '0', '1', '60', '0', '0', '0'],
      ['合计', '3', '2', '20.5', '0', '0', '4', '460', '1', '2', '75'],
    ]);
  });

  it('carries the appendix into Word (附件说明, a page of its own, a table), Markdown and text', async () => {
    const report = ok(await cityLeader.post('/api/reports', H1), 'draft');
    const xml = await docxXml(cityLeader, report.id);
    const text = docxText(xml);
    // 附件说明 under the body, before the signature; then 附件 and the title on a new page, then the table.
    const note = text.indexOf(`附件：${APPENDIX_TITLE}`);
    expect(note).toBeGreaterThan(text.indexOf('全市举办各类培训'));
    expect(text.indexOf('云岭市科学技术局2023年7月5日')).toBeGreaterThan(note);
    expect(text.indexOf(`附件${APPENDIX_TITLE}单位申报项目（项）`)).toBeGreaterThan(text.indexOf('2023年7月5日'));
    expect(text).toContain('合计3220.50044601275');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml).toMatch(/<w:sectPr.*?附件<\/w:t>.*<w:pgSz [^>]*w:orient="landscape"\/>/);
    // The 附件 line in 黑体; the header row bold and repeated; figures right-aligned; fonts through eastAsia.
    const heading = xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('>附件</w:t>')), xml.indexOf('>附件</w:t>'));
    expect(heading).toContain('w:eastAsia="黑体"');
    const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(table).toContain('<w:tblHeader/>');
    const headerRow = table.slice(0, table.indexOf('</w:tr>'));
    // Every run of the header bold: the 11 labels and the 9 units (培训人次 has none) on lines of their own.
    expect(headerRow.match(/<w:r>/g)!.length).toBe(20);
    expect(headerRow.match(/<w:b\/>/g)!.length).toBe(20);
    expect(table).toContain('<w:jc w:val="right"/>');
    expect(table).toContain('w:eastAsia="仿宋_GB2312"');

    const mdText = (await cityLeader.get(`/api/reports/${report.id}/export?format=md`)).text;
    expect(mdText).toContain(`附件：${APPENDIX_TITLE}`);
    expect(mdText).toContain('| 单位 | 申报项目（项） |');
    expect(mdText).toContain('| :--- | ---: |');
    expect(mdText).toContain('| 合计 | 3 | 2 | 20.5 |');
    const txt = (await cityLeader.get(`/api/reports/${report.id}/export?format=txt`)).text;
    expect(txt).toContain(`　　附件：${APPENDIX_TITLE}`);
    expect(txt).toContain('合计\t3\t2\t20.5\t0\t0\t4\t460\t1\t2\t75');
  });

  it('keeps the appendix through a saved edit and a redraft', async () => {
    const report = ok(await cityLeader.post('/api/reports', H1), 'draft');
    const doc = structuredClone(report.latest.doc);
    doc.opening.text = doc.opening.text.replace('狠抓各项工作落实', '狠抓各项工作落实落细');
    const saved = ok(await cityLeader.post(`/api/reports/${report.id}/versions`, { doc, note: '润色', baseVersion: 1 }), 'save');
    expect(saved.doc.appendix).toEqual(report.latest.doc.appendix);
    const redraft = ok(await cityLeader.post(`/api/reports/${report.id}/redraft`, {}), 'redraft');
    expect(redraft.doc.appendix.rows.at(-1)[0]).toBe('合计');
    // A version saved before appendices existed (none in its doc) still reads and exports.
    const plain = structuredClone(doc);
    delete plain.appendix;
    ok(await cityLeader.post(`/api/reports/${report.id}/versions`, { doc: plain, note: '无附件', baseVersion: 2 }), 'save');
    expect(docxText(await docxXml(cityLeader, report.id))).not.toContain('附件');
  });
});

describe('the default template by level', () => {
  it("speaks for a province's cities (各设区市) and a county's own work, and validates at every level", () => {
    const catalogue = indexCatalogue(factCatalogue([]));
    for (const level of ['county', 'city', 'province'] as const) expect(checkTemplate(buildDefaultTemplate([], level), catalogue)).toEqual([]);
    const province = JSON.stringify(buildDefaultTemplate([], 'province'));
    expect(province).toContain('我局指导各设区市科技部门');
    expect(province).toContain('团结带领全{org.region}科技系统');
    expect(province).not.toMatch(/各县（市、区）|深入乡（镇）/);
    const county = JSON.stringify(buildDefaultTemplate([]));
    expect(county).toContain('深入乡（镇）、企业、社区');
    expect(county).toContain('积极做好{org.region}中心工作');
  });
});

describe("a county's summary", () => {
  it('has no appendix, in the draft and in Word', async () => {
    const report = ok(await eastLeader.post('/api/reports', H1), 'draft');
    expect(report.latest.doc.appendix).toBeUndefined();
    expect(report.latest.doc.opening.text).toContain('县委、县政府');
    const xml = await docxXml(eastLeader, report.id);
    expect(xml).not.toContain('<w:tbl>');
    expect(docxText(xml)).not.toContain('附件');
    expect((await eastLeader.get(`/api/reports/${report.id}/export?format=md`)).text).not.toContain('附件');
  });
});
