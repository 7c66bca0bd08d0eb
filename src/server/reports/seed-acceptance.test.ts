import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

// The seed document as the acceptance case: the demo bureau's draft for 2014-01-01 to 2014-06-30
// with the default template states every figure the seed states, phrased as the seed phrases it.

let t: TestApp;
let staff: TestClient;
let reportId: number;

const SEED_FIGURES = ['各1项', '7人', '共5次', '1.5万余份', '80余块', '近1.2万人次', '4户中已有2户落实到位', '2次科技培训', '三万多元', '800余份', '近200人'];
const PLAN_ITEMS = ['扎实开展党的群众路线教育实践活动', '全力做好科技为经济社会发展服务工作', '努力做好征地拆迁工作'];

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database.db, { adminPassword: 'Admin2014x', demoPassword: 'demo2014pw' });
  staff = await t.login('yewu', 'demo2014pw');
  const res = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' });
  if (res.status !== 200) throw new Error(res.text);
  reportId = res.body.id;
});
afterAll(() => t.close());

function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('the 2014 H1 summary of the demo bureau', () => {
  it("has the seed's title, structure and plan section", async () => {
    const report = (await staff.get(`/api/reports/${reportId}`)).body;
    expect(report.title).toBe('上犹县科技局2014年上半年工作总结');
    expect(report.periodLabel).toBe('2014年上半年');
    const doc = report.latest.doc;
    expect(doc.opening.text).toMatch(/^2014年上半年，在县委、县政府的正确领导/);
    expect(doc.sections.map((s: { heading: string }) => s.heading)).toEqual([
      '一、狠抓落实，科技管理上水平',
      '二、强化科技宣传，科技活动丰富多彩',
      '三、积极开展群众教育实践活动，努力解决“四风”突出问题',
      '四、攻坚破难有力推动县土地房屋征收工作有序开展',
      '五、“三送”工作取得良好成绩',
      '六、下半年工作计划',
    ]);
    expect(doc.sections[0].paragraphs[0].text).toMatch(/^一是积极组织申报科技计划项目。.*；二是/);
  });

  it('states every figure of the seed in the Markdown export', async () => {
    const md = await staff.get(`/api/reports/${reportId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(String(md.headers['content-type'])).toContain('text/markdown');
    for (const figure of [...SEED_FIGURES, ...PLAN_ITEMS]) expect(md.text).toContain(figure);
  });

  it('states every figure of the seed in the text of the .docx', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reports/${reportId}/export?format=docx`,
      headers: { cookie: `keguan_sid=${staff.cookie('keguan_sid')}` },
    });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = docxText(await zip.file('word/document.xml')!.async('string'));
    for (const figure of [...SEED_FIGURES, ...PLAN_ITEMS]) expect(text).toContain(figure);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('上犹县科技局2014年上半年工作总结'));
  });

  it('traces 1.5万余份 to the five 送科技下乡 events', async () => {
    const doc = (await staff.get(`/api/reports/${reportId}`)).body.latest.doc;
    const figure = doc.sections[1].paragraphs[0].figures.find((f: { text: string }) => f.text === '1.5万余份');
    expect(figure).toMatchObject({ factKey: 'outreach.materials', recordType: 'event', value: 15230, exactText: '15230份' });
    expect(figure.ids).toHaveLength(5);
    const trace = await staff.get(`/api/reports/trace?recordType=event&ids=${figure.ids.join(',')}`);
    expect(trace.body.items).toHaveLength(5);
    expect(trace.body.items.every((i: { label: string; link: string }) => i.label.includes('送科技下乡') && i.link.startsWith('/events/'))).toBe(true);
  });
});
