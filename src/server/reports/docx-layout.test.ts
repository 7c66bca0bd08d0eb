import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../projects/pipeline.js';
import type { DraftDoc, Paragraph } from '../../shared/reports.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import { officialDate, renderDocx } from './render-docx.js';

// The .docx as an office sends it: page breaks that never leave the signature alone or a heading at
// the foot of a page, the 成文日期 the user chose, plan items as the second level, a font table and
// language Word and WPS read as Chinese, and the file's author and title. Read back from the zip
// and parsed as XML.

// ---------- a little XML parsing (well-formedness checked: every tag closes in order) ----------

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function parseXml(xml: string): El {
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, attrs, selfClosing, text, stray] = m;
    if (stray) throw new Error(`not XML at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      stack.at(-1)!.text += decode(text);
    } else if (name && closing) {
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
    } else if (name) {
      const el: El = { name, attrs: Object.fromEntries([...attrs.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])), children: [], text: '' };
      stack.at(-1)!.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> never closes`);
  return root;
}

/** Every element named `name` under `el`, in document order. */
function find(el: El, name: string): El[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...find(c, name)]);
}
const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
/** An on/off property (w:keepNext, w:widowControl …): absent → undefined, else its value. */
function onOff(pPr: El | undefined, name: string): boolean | undefined {
  const el = child(pPr, name);
  if (!el) return undefined;
  return !['false', '0', 'off'].includes(el.attrs['w:val'] ?? 'true');
}

interface Para {
  text: string;
  pPr: El | undefined;
  runs: { rPr: El | undefined; text: string }[];
}
function paragraphs(documentXml: string): Para[] {
  return find(parseXml(documentXml), 'w:p').map((p) => {
    const runs = find(p, 'w:r').map((r) => ({
      rPr: child(r, 'w:rPr'),
      text: find(r, 'w:t')
        .map((t) => t.text)
        .join(''),
    }));
    return { text: runs.map((r) => r.text).join(''), pPr: child(p, 'w:pPr'), runs };
  });
}
const keeps = (p: Para) => ({ keepNext: onOff(p.pPr, 'w:keepNext'), keepLines: onOff(p.pPr, 'w:keepLines'), widowControl: onOff(p.pPr, 'w:widowControl') });
const eastAsiaFont = (run: Para['runs'][number]) => child(run.rPr, 'w:rFonts')?.attrs['w:eastAsia'];

async function unzip(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (/\.(xml|rels)$/.test(name)) files[name] = await zip.file(name)!.async('string');
  return files;
}

// ---------- a draft ----------

/** Writes the test's Chinese punctuation full-width: , ; : ( ) → ，；：（）. */
const zh = (s: string) => s.replace(/[,;:()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const para = (key: string, text: string): Paragraph => ({ key, text: zh(text), figures: [] });
const LONG =
  '一是积极组织申报科技计划项目,组织申报国家级、省级、市级科技计划项目共计12项,争取上级资金近400万元;二是认真做好项目的跟踪管理,深入企业开展中期检查和验收,确保项目按期完成。';
const PLAN_ITEMS = [
  '一、扎实开展党的群众路线教育实践活动。在县委督导组的指导下,扎实开展好第二、第三环节的工作。',
  '二、全力做好科技为经济社会发展服务工作。积极联系我县主导产业。',
  '三、努力做好征地拆迁工作。为企业尽快落地打下良好基础。',
];
const doc: DraftDoc = {
  title: '测试县科技局2014年上半年工作总结',
  opening: para('opening', '2014年上半年,我局狠抓各项工作落实。现将工作情况汇报如下:'),
  sections: [
    { key: 'management', heading: zh('一、狠抓落实,科技管理上水平'), paragraphs: [para('management.1', LONG)] },
    {
      key: 'outreach',
      heading: '二、强化科技宣传',
      paragraphs: [para('outreach.1', '一、这不是计划,编号照写。'), para('outreach.2', '(一)送科技下乡。专家们现场解答技术难题。')],
    },
    { key: 'plan', heading: '三、下半年工作计划', paragraphs: PLAN_ITEMS.map((text, i) => para(`plan.${i + 1}`, text)) },
  ],
};
const ORG = '测试县科技局';

describe('page breaks', () => {
  let ps: Para[];
  beforeAll(async () => {
    ps = paragraphs((await unzip(await renderDocx(doc, { orgName: ORG, date: '2014-07-05' })))['word/document.xml']);
  });
  const at = (text: string) => {
    const i = ps.findIndex((p) => p.text === text);
    if (i < 0) throw new Error(`no paragraph ${text}`);
    return i;
  };

  it('keeps the title, and the blank line under it, with what follows: a title never ends a page', () => {
    const title = ps[at(doc.title)];
    expect(keeps(title)).toMatchObject({ keepNext: true, keepLines: true });
    expect(ps[at(doc.title) + 1].text).toBe('');
    expect(keeps(ps[at(doc.title) + 1]).keepNext).toBe(true);
  });

  it('keeps every heading whole and with its first paragraph', () => {
    for (const heading of doc.sections.map((s) => s.heading)) expect(keeps(ps[at(heading)])).toMatchObject({ keepNext: true, keepLines: true });
  });

  it("keeps the last paragraph with the signature and the signature's lines together, so they never stand alone on a page", () => {
    const date = at('2014年7月5日');
    expect(ps[date - 1].text).toBe(ORG);
    expect(ps[date - 2].text).toBe('');
    const last = ps[date - 3];
    expect(last.text).toBe(zh('(三)努力做好征地拆迁工作。为企业尽快落地打下良好基础。'));
    // A short last paragraph (up to four lines) goes over whole; the blank line and the organisation go with the date.
    expect(keeps(last)).toMatchObject({ keepNext: true, keepLines: true });
    expect(keeps(ps[date - 2]).keepNext).toBe(true);
    expect(keeps(ps[date - 1])).toMatchObject({ keepNext: true, keepLines: true });
    expect(keeps(ps[date]).keepNext).not.toBe(true);
    expect(date).toBe(ps.length - 1);
  });

  it('splits a long last paragraph under widow control rather than moving it whole', async () => {
    const long = zh(LONG).repeat(3);
    const ps2 = paragraphs(
      (
        await unzip(
          await renderDocx({ ...doc, sections: [{ key: 's', heading: '一、项目', paragraphs: [para('s.1', long)] }] }, { orgName: ORG, date: '2014-07-05' }),
        )
      )['word/document.xml'],
    );
    const last = ps2.find((p) => p.text === long)!;
    expect(keeps(last)).toMatchObject({ keepNext: true, widowControl: true });
    expect(keeps(last).keepLines).not.toBe(true);
  });

  it('keeps no other body paragraph with the next, and lets none of them widow-control away a line of the 22', () => {
    for (const text of [doc.opening.text, zh(LONG), zh(PLAN_ITEMS[0].replace('一、', '(一)'))]) {
      const p = ps.find((x) => x.text === text)!;
      expect(keeps(p).keepNext).not.toBe(true);
      expect(keeps(p).widowControl).toBe(false);
    }
  });

  it('keeps the organisation with the last paragraph when there is no date, and nothing kept when unsigned', async () => {
    const orgOnly = paragraphs((await unzip(await renderDocx(doc, { orgName: ORG })))['word/document.xml']);
    expect(orgOnly.at(-1)!.text).toBe(ORG);
    expect(keeps(orgOnly.at(-2)!).keepNext).toBe(true);
    expect(keeps(orgOnly.at(-3)!).keepNext).toBe(true);
    const unsigned = paragraphs((await unzip(await renderDocx(doc)))['word/document.xml']);
    expect(keeps(unsigned.at(-1)!).keepNext).not.toBe(true);
  });
});

describe('plan items', () => {
  it('numbers the items under the plan heading (一)(二)(三), each up to its first 。 in 楷体_GB2312, the rest in 仿宋', async () => {
    const ps = paragraphs((await unzip(await renderDocx(doc, { orgName: ORG, date: '2014-07-05' })))['word/document.xml']);
    const heading = ps.findIndex((p) => p.text === '三、下半年工作计划');
    const items = ps.slice(heading + 1, heading + 4);
    expect(items.map((p) => p.runs.map((r) => r.text))).toEqual(
      [
        ['(一)扎实开展党的群众路线教育实践活动。', '在县委督导组的指导下,扎实开展好第二、第三环节的工作。'],
        ['(二)全力做好科技为经济社会发展服务工作。', '积极联系我县主导产业。'],
        ['(三)努力做好征地拆迁工作。', '为企业尽快落地打下良好基础。'],
      ].map((runs) => runs.map(zh)),
    );
    for (const p of items) expect(p.runs.map(eastAsiaFont)).toEqual(['楷体_GB2312', '仿宋_GB2312']);
    // Other sections keep their text as written; (一) there is a second-level heading already.
    const other = ps.find((p) => p.text === zh('一、这不是计划,编号照写。'))!;
    expect(other.runs.map(eastAsiaFont)).toEqual(['仿宋_GB2312']);
    expect(ps.find((p) => p.text.startsWith(zh('(一)送科技下乡')))!.runs.map(eastAsiaFont)).toEqual(['楷体_GB2312', '仿宋_GB2312']);
    // A second-level heading typed half-width is written full-width and set in 楷体 all the same.
    const typed = paragraphs(
      (
        await unzip(
          await renderDocx({
            ...doc,
            sections: [{ key: 's', heading: '一、项目', paragraphs: [{ key: 's.1', text: '(一)送科技下乡。专家们现场解答。', figures: [] }] }],
          }),
        )
      )['word/document.xml'],
    );
    const sub = typed.find((p) => p.text.startsWith(zh('(一)')))!;
    expect(sub.runs.map((r) => r.text)).toEqual([zh('(一)送科技下乡。'), '专家们现场解答。']);
    expect(sub.runs.map(eastAsiaFont)).toEqual(['楷体_GB2312', '仿宋_GB2312']);
  });
});

describe('an appendix (附件), GB/T 9704 §7.3.3 and §8', () => {
  const appendix = {
    title: '2014年上半年各县（市、区）科技工作主要数据',
    columns: ['单位', '申报项目（项）', '立项资金（万元）'],
    rows: [
      ['甲县', '3', '20.5'],
      ['乙县', '1', '0'],
      ['合计', '4', '20.5'],
    ],
  };
  let xml: string;
  let ps: Para[];
  beforeAll(async () => {
    xml = (await unzip(await renderDocx({ ...doc, appendix }, { orgName: ORG, date: '2014-07-05' })))['word/document.xml'];
    ps = paragraphs(xml);
  });

  it('names it under the body, one line down and two characters in, before the signature', () => {
    const note = ps.findIndex((p) => p.text === `附件：${appendix.title}`);
    expect(ps[note - 1].text).toBe('');
    expect(ps[note - 2].text).toBe(zh('(三)努力做好征地拆迁工作。为企业尽快落地打下良好基础。'));
    // Two characters in (320 twips each); a wrapped line under the title's first character (after 附件：).
    expect(child(ps[note].pPr, 'w:ind')?.attrs).toMatchObject({ 'w:left': '1600', 'w:hanging': '960' });
    expect(keeps(ps[note])).toMatchObject({ keepNext: true, keepLines: true });
    expect(ps[note + 1].text).toBe('');
    expect(ps[note + 2].text).toBe(ORG);
    expect(ps[note + 3].text).toBe('2014年7月5日');
  });

  it('starts it in a section of its own on A4 turned sideways: 附件 in 黑体 三号 at the top left, the title centred on the third line', () => {
    const head = ps.findIndex((p) => p.text === '附件');
    // The body's section ends before 附件 (a new page, upright); the appendix's own is landscape.
    const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
    expect(sizes).toEqual(['w:w="11906" w:h="16838" w:orient="portrait"', 'w:w="16838" w:h="11906" w:orient="landscape"']);
    expect(xml.indexOf('<w:sectPr')).toBeLessThan(xml.indexOf('>附件</w:t>'));
    expect(head).toBeGreaterThan(0);
    expect(eastAsiaFont(ps[head].runs[0])).toBe('黑体');
    expect(child(ps[head].runs[0].rPr, 'w:sz')?.attrs['w:val']).toBe('32');
    expect(child(ps[head].pPr, 'w:ind')).toBeUndefined();
    expect(ps[head + 1].text).toBe('');
    expect(ps[head + 2].text).toBe(appendix.title);
    expect(child(ps[head + 2].pPr, 'w:jc')?.attrs['w:val']).toBe('center');
    expect(eastAsiaFont(ps[head + 2].runs[0])).toBe('方正小标宋简体');
  });

  it('sets the table: the header bold and repeated on each page, names left and figures right, fonts through eastAsia', () => {
    const tables = find(parseXml(xml), 'w:tbl');
    expect(tables).toHaveLength(1);
    const rows = find(tables[0], 'w:tr');
    expect(rows).toHaveLength(4);
    expect(child(child(rows[0], 'w:trPr'), 'w:tblHeader')).toBeDefined();
    const cells = (row: El) =>
      find(row, 'w:tc').map((tc) => {
        const p = find(tc, 'w:p')[0];
        const r = find(p, 'w:r')[0];
        return {
          text: find(p, 'w:t')
            .map((t) => t.text)
            .join(''),
          jc: child(child(p, 'w:pPr'), 'w:jc')?.attrs['w:val'],
          bold: !!child(child(r, 'w:rPr'), 'w:b'),
          font: child(child(r, 'w:rPr'), 'w:rFonts')?.attrs,
        };
      });
    expect(cells(rows[0]).map((c) => [c.text, c.bold, c.jc])).toEqual([
      ['单位', true, 'center'],
      ['申报项目（项）', true, 'center'],
      ['立项资金（万元）', true, 'center'],
    ]);
    expect(cells(rows[3]).map((c) => [c.text, c.bold, c.jc])).toEqual([
      ['合计', false, 'left'],
      ['4', false, 'right'],
      ['20.5', false, 'right'],
    ]);
    for (const row of rows) for (const c of cells(row)) expect(c.font).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:hint': 'eastAsia' });
    // A header's unit on a line of its own: 申报项目 / （项）.
    expect(xml).toMatch(/申报项目<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/><w:t[^>]*>（项）/);
    // The columns fill the landscape page's text area (297 mm less 28 and 26 mm: 13777 twips).
    const grid = find(tables[0], 'w:gridCol').map((g) => Number(g.attrs['w:w']));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(16838 - 1587 - 1474);
  });

  it('writes nothing of an appendix for a draft without one', async () => {
    const plain = (await unzip(await renderDocx(doc, { orgName: ORG, date: '2014-07-05' })))['word/document.xml'];
    expect(plain).not.toContain('<w:tbl>');
    expect(plain).not.toContain('附件');
  });
});

describe('fonts, language and metadata', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = await unzip(await renderDocx({ ...doc, title: '测试县科技局\n2014年上半年工作总结' }, { orgName: `${ORG}\u0007`, date: '2014-07-05' }));
  });

  it("declares each face in the font table with GB2312's character set and a face to fall back on", () => {
    const fonts = Object.fromEntries(
      find(parseXml(files['word/fontTable.xml']), 'w:font').map((f) => [
        f.attrs['w:name'],
        { charset: child(f, 'w:charset')?.attrs['w:val'], altName: child(f, 'w:altName')?.attrs['w:val'] },
      ]),
    );
    expect(fonts).toMatchObject({
      方正小标宋简体: { charset: '86', altName: '宋体' },
      仿宋_GB2312: { charset: '86', altName: '仿宋' },
      楷体_GB2312: { charset: '86', altName: '楷体' },
      黑体: { charset: '86' },
      宋体: { charset: '86' },
      'Times New Roman': { charset: '00' },
    });
    // Every face the document, its styles and its footers name is in the table.
    const named = new Set<string>();
    for (const [name, xml] of Object.entries(files)) {
      if (!/^word\/(document|styles|footer\d+)\.xml$/.test(name)) continue;
      for (const rFonts of find(parseXml(xml), 'w:rFonts'))
        for (const a of ['w:ascii', 'w:hAnsi', 'w:eastAsia']) if (rFonts.attrs[a]) named.add(rFonts.attrs[a]);
    }
    expect([...named].sort()).toEqual(Object.keys(fonts).sort());
  });

  it('marks the text Chinese: zh-CN in the defaults and on every run, with the eastAsia hint', () => {
    const styles = parseXml(files['word/styles.xml']);
    const defaults = find(styles, 'w:rPrDefault')[0];
    expect(find(defaults, 'w:lang')[0].attrs['w:eastAsia']).toBe('zh-CN');
    const normal = find(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Normal')!;
    expect(find(normal, 'w:lang')[0].attrs['w:eastAsia']).toBe('zh-CN');
    const runs = find(parseXml(files['word/document.xml']), 'w:r');
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) {
      const rPr = child(r, 'w:rPr');
      expect(child(rPr, 'w:lang')?.attrs['w:eastAsia']).toBe('zh-CN');
      expect(child(rPr, 'w:rFonts')?.attrs['w:hint']).toBe('eastAsia');
    }
  });

  it("names the organisation as the author and the report's title as the title, never Un-named", () => {
    const core = parseXml(files['docProps/core.xml']);
    const value = (name: string) => find(core, name)[0]?.text;
    expect(value('dc:creator')).toBe(ORG);
    expect(value('cp:lastModifiedBy')).toBe(ORG);
    expect(value('dc:title')).toBe('测试县科技局2014年上半年工作总结');
    expect(files['docProps/core.xml']).not.toContain('Un-named');
  });

  it('names keguan as the author when no organisation is given', async () => {
    const core = parseXml((await unzip(await renderDocx(doc)))['docProps/core.xml']);
    expect(find(core, 'dc:creator')[0].text).toBe('科管');
  });
});

describe('成文日期 of an export', () => {
  let t: TestApp;
  let staff: TestClient;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    const county = await t.factories.org({ name: ORG });
    const section = await t.factories.section(county, '业务股');
    await t.factories.user({ org: county, section, username: 'staff' });
    staff = await t.login('staff');
    cookie = `keguan_sid=${staff.cookie('keguan_sid')}`;
  });
  afterAll(() => t.close());

  const newReport = async (): Promise<number> => (await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' })).body.id;
  const exportDocx = (reportId: number, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/reports/${reportId}/export?format=docx${query}`, headers: { cookie } });
  const signatureOf = async (payload: Buffer) => {
    const files = await unzip(payload);
    const ps = paragraphs(files['word/document.xml']);
    const core = parseXml(files['docProps/core.xml']);
    return { org: ps.at(-2)!.text, date: ps.at(-1)!.text, creator: find(core, 'dc:creator')[0].text };
  };
  /** Dates a version as saved at `iso` (UTC), as if saved then. */
  const savedAt = (reportId: number, versionNo: number, iso: string) =>
    t.database.db.updateTable('report_versions').set({ created_at: iso }).where('report_id', '=', reportId).where('version_no', '=', versionNo).execute();

  it('writes the date the user gives as officials write it', async () => {
    const id = await newReport();
    const res = await exportDocx(id, '&date=2014-07-05');
    expect(res.statusCode).toBe(200);
    expect(await signatureOf(res.rawPayload)).toEqual({ org: ORG, date: '2014年7月5日', creator: ORG });
  });

  it('defaults to the day (in China) the exported version was saved, not the export day', async () => {
    const id = await newReport();
    await savedAt(id, 1, '2014-07-04T17:30:00.000Z'); // 01:30 on 5 July in China
    expect((await signatureOf((await exportDocx(id)).rawPayload)).date).toBe('2014年7月5日');
    const report = (await staff.get(`/api/reports/${id}`)).body;
    expect((await staff.post(`/api/reports/${id}/versions`, { doc: report.latest.doc, note: '定稿', baseVersion: 1 })).status).toBe(200);
    await savedAt(id, 2, '2014-07-10T02:00:00.000Z');
    expect((await signatureOf((await exportDocx(id)).rawPayload)).date).toBe('2014年7月10日');
    expect((await signatureOf((await exportDocx(id, '&version=1')).rawPayload)).date).toBe('2014年7月5日');
    expect((await signatureOf((await exportDocx(id)).rawPayload)).date).not.toBe(officialDate(todayInChina()));
  });

  it('refuses a date that is no day, in Chinese', async () => {
    const id = await newReport();
    for (const bad of ['2014-02-30', '2014年7月5日', '20140705']) {
      const res = await staff.get(`/api/reports/${id}/export?format=docx&date=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(/日期/);
    }
  });
});
