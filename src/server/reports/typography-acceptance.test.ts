import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDoc } from '../../shared/reports.js';
import { loadDemo } from '../demo/demo.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

// Issue 11: the demo bureau's 2014 H1 draft with the default template, as the office would send
// it: Chinese typography throughout (no half-width , ; : ( ) in its prose, in the draft or in any
// export), figures rounded as a writer rounds them, lists before 等 without 和, collocations that
// say what a ledger holds, and sections that open with a sentence before their 一是….

let t: TestApp;
let staff: TestClient;
let reportId: number;

const HALF_WIDTH = /[,;:()]/g;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database.db, { adminPassword: 'Admin2014x', demoPassword: 'demo2014pw' });
  staff = await t.login('yewu', 'demo2014pw');
  const res = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' });
  if (res.status !== 200) throw new Error(res.text);
  reportId = res.body.id;
});
afterAll(() => t.close());

/** Every string value of a JSON value (the draft's texts, headings, figures' texts), without its keys. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const halfWidth = (texts: string[]) => texts.flatMap((text) => text.match(HALF_WIDTH) ?? []);

async function latestDoc(): Promise<DraftDoc> {
  return (await staff.get(`/api/reports/${reportId}`)).body.latest.doc;
}

describe('the demo draft in Chinese typography', () => {
  it("has no half-width , ; : ( ) in the draft's prose, and full-width ones in their place", async () => {
    const doc = await latestDoc();
    const texts = stringsOf(doc);
    expect(halfWidth(texts)).toEqual([]);
    const all = texts.join('');
    for (const mark of ['\uff0c', '\uff1b', '\uff1a', '\uff08', '\uff09']) expect(all).toContain(mark);
    // The quotation marks around names are kept.
    for (const quoted of ['“四风”', '“三送”', '“科技富民强县”', '“送政策释民惑\uff0c送温暖释民心\uff0c送服务解民难”']) expect(all).toContain(quoted);
  });

  it('has none in the Markdown and text exports either', async () => {
    for (const format of ['md', 'txt']) {
      const res = await staff.get(`/api/reports/${reportId}/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(halfWidth([res.text])).toEqual([]);
    }
  });

  it('sets what a person types into a version full-width in every text export', async () => {
    // A report of its own: the others read the draft as the demo drafts it, untouched.
    const created = await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' });
    expect(created.status).toBe(200);
    const reportId: number = created.body.id;
    const report = (await staff.get(`/api/reports/${reportId}`)).body;
    const doc: DraftDoc = structuredClone(report.latest.doc);
    doc.sections[0].paragraphs[0].text += '另,完成科普统计(含"科技活动周"),见https://kjj.example.cn/a?b=1,2;时间:10:30.';
    const saved = await staff.post(`/api/reports/${reportId}/versions`, { doc, baseVersion: report.latestVersion });
    expect(saved.status).toBe(200);
    const md = (await staff.get(`/api/reports/${reportId}/export?format=md`)).text;
    expect(md).toContain('另\uff0c完成科普统计\uff08含“科技活动周”\uff09\uff0c见https://kjj.example.cn/a?b=1,2\uff1b时间\uff1a10:30.');
    const txt = (await staff.get(`/api/reports/${reportId}/export?format=txt`)).text;
    expect(txt).toContain('另\uff0c完成科普统计\uff08含“科技活动周”\uff09');
  });
});

describe('the demo draft as a writer words it', () => {
  it("rounds as a writer does: 450余人次 (458), with the seed's figures as the seed has them", async () => {
    const doc = await latestDoc();
    const served = doc.sections[1].paragraphs[0].figures.find((f) => f.factKey === 'commissioners.peopleServed');
    expect(served).toMatchObject({ text: '450余人次', value: 458 });
    const all = stringsOf(doc).join('');
    for (const figure of ['1.5万余份', '80余块', '近1.2万人次', '800余份', '近200人', '三万多元']) expect(all).toContain(figure);
  });

  it('lists names before 等 without 和, and says what a ledger holds', async () => {
    const doc = await latestDoc();
    const all = stringsOf(doc).join('');
    expect(all).toContain('开展了科普统计、民营科技企业统计、科技人员入园入企工作情况统计等工作');
    expect(all).toContain('林业、农业、茶果、气象、卫生、科协、畜牧等部门');
    expect(all).not.toMatch(/和[^、。\uff0c\uff1b]{1,20}等(工作|部门)/);
    expect(all).toContain('建立整改台账\uff0c登记问题5项');
    expect(all).not.toContain('整改台账5项');
    expect(all).toContain('建立民情台账\uff0c登记走访农户3户');
  });

  it('opens sections 三 and 五 with a sentence before their 一是…, as the seed does', async () => {
    const doc = await latestDoc();
    const [massLine, sanSong] = [doc.sections[2].paragraphs[0].text, doc.sections[4].paragraphs[0].text];
    expect(massLine).toMatch(/^根据开展党的群众路线教育实践活动的要求\uff0c.*并立行立改。一是以查摆“四风”问题为核心/);
    expect(sanSong).toMatch(/^深入东山镇元鱼村开展“送政策释民惑.*主要做了以下几件实事\uff1a一是维修水利设施/);
    expect(sanSong).toContain('二是开展送科技服务');
  });
});
