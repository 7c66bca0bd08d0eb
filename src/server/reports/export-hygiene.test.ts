import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftDoc, Paragraph } from '../../shared/reports.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import { renderDocx } from './render-docx.js';
import { renderMarkdown, renderPlainText } from './render-text.js';

// What a person typed into a record or a paragraph comes out of every export as that text: never
// as HTML or Markdown markup, and never as a character that makes the .docx unreadable.

const para = (key: string, text: string): Paragraph => ({ key, text, figures: [] });
const docWith = (text: string, title = '工作总结', heading = '一、项目管理'): DraftDoc => ({
  title,
  opening: para('opening', '现将工作情况汇报如下:'),
  sections: [{ key: 's', heading, paragraphs: [para('p', text)] }],
});

const documentXml = async (docx: Buffer) => (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
/** Characters XML 1.0 cannot carry (besides tab, LF, CR), and U+FFFE/U+FFFF. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe('Markdown export', () => {
  it('writes HTML in a record as text, never as markup', () => {
    const md = renderMarkdown(docWith('群众反映<script>alert(1)</script>问题,见<img src=x onerror=alert(1)>'));
    expect(md).not.toMatch(/<script|<img/);
    expect(md).toContain('群众反映&lt;script&gt;alert(1)&lt;/script&gt;问题，见&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes entities, links, emphasis, code and strikethrough, so 3~5人 stays 3~5人', () => {
    const md = renderMarkdown(docWith('[点此](javascript:alert(1)) *重点* _强调_ `代码` 每户3~5人,每村6~8户 a&amp;b \\n'));
    expect(md).toContain('\\[点此\\](javascript:alert(1)) \\*重点\\* \\_强调\\_ \\`代码\\` 每户3\\~5人，每村6\\~8户 a&amp;amp;b \\\\n');
  });

  it('escapes the title and headings too', () => {
    const md = renderMarkdown(docWith('正文', '<b>总结</b>', '一、<i>项目</i>'));
    expect(md.split('\n\n').slice(0, 3)).toEqual(['# &lt;b&gt;总结&lt;/b&gt;', '现将工作情况汇报如下：', '## 一、&lt;i&gt;项目&lt;/i&gt;']);
  });

  it('still escapes a line Markdown would read as a heading or list', () => {
    expect(renderMarkdown(docWith('> 引用\n# 标题\n- 列表\n1. 第一')).split('\n\n').slice(3)).toEqual(['&gt; 引用', '\\# 标题', '\\- 列表', '1\\. 第一\n']);
  });
});

describe('exports of records saved before control characters were refused', () => {
  const dirty = docWith('发放资料\u00001.5万余份\u0007,展板\ufffe80余块\u001b。', '工作\uffff总结', '一、项目\u0000管理');

  it('leave the characters out of the .docx, which stays readable', async () => {
    const xml = await documentXml(await renderDocx(dirty, { orgName: '测试\u0007县科技局' }));
    expect(xml).not.toMatch(XML_INVALID);
    expect(xml).toContain('发放资料1.5万余份，展板80余块。');
    expect(xml).toContain('项目管理');
    expect(xml).toContain('测试县科技局');
  });

  it('leave them out of Markdown and plain text', () => {
    for (const text of [renderMarkdown(dirty), renderPlainText(dirty)]) {
      expect(text).not.toMatch(XML_INVALID);
      expect(text).toContain('发放资料1.5万余份，展板80余块。');
      expect(text).toContain('工作总结');
    }
  });
});

describe('exporting through the API', () => {
  let t: TestApp;
  let staff: TestClient;
  let reportId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const county = await t.factories.org({ name: '测试县科技局' });
    const section = await t.factories.section(county, '业务股');
    await t.factories.user({ org: county, section, username: 'staff' });
    staff = await t.login('staff');
    reportId = (await staff.post('/api/reports', { from: '2014-01-01', to: '2014-06-30' })).body.id;
  });
  afterAll(() => t.close());

  it("gives Markdown with an edited paragraph's HTML escaped", async () => {
    const report = (await staff.get(`/api/reports/${reportId}`)).body;
    const doc = structuredClone(report.latest.doc);
    doc.opening.text = '现将<script>alert("xss")</script>工作情况汇报如下:';
    expect((await staff.post(`/api/reports/${reportId}/versions`, { doc, baseVersion: report.latestVersion })).status).toBe(200);
    const md = await staff.get(`/api/reports/${reportId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.text).toContain('现将&lt;script&gt;alert("xss")&lt;/script&gt;工作情况汇报如下：');
    expect(md.text).not.toContain('<script>');
  });

  it('gives a readable .docx of a version stored with characters XML cannot hold', async () => {
    const report = (await staff.get(`/api/reports/${reportId}`)).body;
    const doc = structuredClone(report.latest.doc);
    doc.opening.text = '现将工作\ufffe情况\u0007汇报如下:';
    // As an older keguan would have stored it (SQLite kept such text; PostgreSQL keeps all but NUL).
    await t.database.db
      .updateTable('report_versions')
      .set({ content_json: JSON.stringify(doc) })
      .where('report_id', '=', reportId)
      .where('version_no', '=', report.latestVersion)
      .execute();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reports/${reportId}/export?format=docx`,
      headers: { cookie: `keguan_sid=${staff.cookie('keguan_sid')}` },
    });
    expect(res.statusCode).toBe(200);
    const xml = await documentXml(res.rawPayload);
    expect(xml).not.toMatch(XML_INVALID);
    expect(xml).toContain('现将工作情况汇报如下：');
  });
});
