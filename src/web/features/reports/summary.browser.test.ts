import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, saveScreenshot, step, browserSuite } from '../../test/browser-harness';

// The seed document as a browser test: a staff member (yewu, 业务股) drafts the demo bureau's
// summary for the first half of 2014 with the default template, finds every figure of the seed in
// it, traces 1.5万余份 to the five 送科技下乡 events, edits a sentence, saves version 2 and
// downloads the Word file (kept at test-results/summary.docx; CI converts it with LibreOffice).

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const DOCX_PATH = path.join(REPO_ROOT, 'test-results', 'summary.docx');

const TITLE = '上犹县科技局2014年上半年工作总结';
const SEED_FIGURES = ['各1项', '7人', '共5次', '1.5万余份', '80余块', '近1.2万人次', '4户中已有2户', '2次科技培训', '三万多元', '800余份', '近200人'];
const PLAN_HEADING = '六、下半年工作计划';
const PLAN_ITEMS = ['扎实开展党的群众路线教育实践活动', '全力做好科技为经济社会发展服务工作', '努力做好征地拆迁工作'];
const EDIT_FROM = '耐心细致做思想工作';
const EDIT_TO = '耐心细致地做好群众思想工作';

function apiPath(url: string): string {
  return new URL(url).pathname;
}

/** One file of a zip archive (the central directory gives its place and size), inflated. */
function unzipEntry(zip: Buffer, name: string): Buffer | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) return null;
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + skip;
  }
  return null;
}

/** The text of a .docx body: every <w:t> run joined. */
function docxText(zip: Buffer): string {
  const xml = unzipEntry(zip, 'word/document.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('work summary (工作总结)', () => {
  const suite = browserSuite();

  it('drafts the 2014 H1 summary with the seed figures, traces 1.5万余份, saves an edit as version 2 and exports Word', { timeout: 180_000 }, async () => {
    const page = await suite.page({ width: 1366, height: 900 });
    const url = suite.url;

    await step('staff sign in and open 工作总结 from the side menu', async () => {
      await loginAs(page, url, 'yewu', DEMO_PASSWORD);
      await page.getByRole('menu').getByRole('link', { name: '工作总结', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/reports');
      await page.getByRole('heading', { name: '工作总结', exact: true }).waitFor();
    });

    const report = await step('起草: 2014, 上半年, the default template', async () => {
      const form = page.locator('form#draft-report');
      await form.getByLabel('年度', { exact: true }).fill('2014');
      await form.getByText('上半年', { exact: true }).click();
      await expect.poll(async () => (await form.locator('.ant-select').textContent())?.trim(), { timeout: 10_000 }).toBe('工作总结(默认)');
      await expect.poll(async () => page.getByTestId('draft-period').textContent()).toContain('2014年上半年(2014-01-01 至 2014-06-30)');
      const [created] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/reports' && res.request().method() === 'POST'),
        form.getByRole('button', { name: '起草', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      expect(created.request().postDataJSON()).toMatchObject({ from: '2014-01-01', to: '2014-06-30' });
      const drafted = (await created.json()) as { id: number; title: string; latestVersion: number };
      expect(drafted).toMatchObject({ title: TITLE, latestVersion: 1 });
      await page.waitForURL((current) => current.pathname === `/reports/${drafted.id}`);
      return drafted;
    });

    const doc = page.getByTestId('report-document');
    const materials = doc.locator('[data-testid="figure"][data-fact-key="outreach.materials"]');
    await step("the document has the seed's title, figures and plan section, the figures marked", async () => {
      await doc.waitFor();
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      expect(await page.getByTestId('version-no').textContent()).toBe('第1版');
      const text = await doc.innerText();
      for (const figure of SEED_FIGURES) expect(text, figure).toContain(figure);
      expect(text).toContain(PLAN_HEADING);
      for (const item of PLAN_ITEMS) expect(text, item).toContain(item);
      expect(await page.getByTestId('section-plan').getByRole('heading', { name: PLAN_HEADING }).count()).toBe(1);
      // Every drafted figure of the outreach paragraph is marked, 1.5万余份 among them.
      expect(await materials.textContent()).toBe('1.5万余份');
      expect(await doc.getByTestId('figure').count()).toBeGreaterThanOrEqual(SEED_FIGURES.length);
      await saveScreenshot(page, 'summary-drafted');
    });

    await step('1.5万余份 → 数据来源: 15230份, counted from the five 送科技下乡 events', async () => {
      const [traced] = await Promise.all([page.waitForResponse((res) => apiPath(res.url()) === '/api/reports/trace'), materials.click()]);
      expect(traced.status()).toBe(200);
      const source = page.getByTestId('figure-source');
      await source.waitFor();
      expect(await source.getByTestId('figure-exact').textContent()).toBe('15230份');
      const records = page.getByTestId('trace-record');
      await expect.poll(() => records.count(), { timeout: 10_000 }).toBe(5);
      for (const record of await records.all()) {
        expect(await record.textContent()).toContain('送科技下乡');
        expect(await record.getByRole('link').getAttribute('href')).toMatch(/^\/events\/\d+$/);
      }
      await saveScreenshot(page, 'summary-trace');
      await page.keyboard.press('Escape');
      await source.waitFor({ state: 'hidden' });
    });

    await step('edit a sentence of 四、: the figure in it (4户中已有2户) stays marked', async () => {
      const paragraph = doc.locator('[data-testid="paragraph"][data-paragraph-key="expropriation.1"]');
      await paragraph.getByRole('button', { name: /^编辑/ }).click();
      const box = paragraph.getByRole('textbox');
      const before = await box.inputValue();
      expect(before).toContain(EDIT_FROM);
      await box.fill(before.replace(EDIT_FROM, EDIT_TO));
      await paragraph.getByRole('button', { name: '完成', exact: true }).click();
      await expect.poll(async () => paragraph.textContent()).toContain(EDIT_TO);
      expect(await paragraph.getByTestId('figure').allTextContents()).toEqual(['4户中已有2户']);
    });

    await step('保存 with a note: version 2', async () => {
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '保存为第2版' });
      await dialog.waitFor();
      await dialog.getByLabel('版本说明(可不填)').fill('浏览器测试:修改第四部分');
      const [saved] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === `/api/reports/${report.id}/versions` && res.request().method() === 'POST'),
        dialog.getByRole('button', { name: '确定', exact: true }).click(),
      ]);
      expect(saved.status(), await saved.text()).toBe(200);
      expect(saved.request().postDataJSON()).toMatchObject({ baseVersion: 1, note: '浏览器测试:修改第四部分' });
      expect(await saved.json()).toMatchObject({ versionNo: 2 });
      await expect.poll(async () => page.getByTestId('version-no').textContent()).toBe('第2版');
    });

    await step('版本: two versions now, the newest with the note', async () => {
      await page.getByRole('button', { name: /版本$/ }).click();
      const versions = page.getByTestId('version-item');
      await expect.poll(() => versions.count(), { timeout: 10_000 }).toBe(2);
      expect(await versions.first().textContent()).toContain('浏览器测试:修改第四部分');
      const listed = await page.request.get(`${url}/api/reports/${report.id}/versions`);
      expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(2);
      await page.keyboard.press('Escape');
      await versions.first().waitFor({ state: 'hidden' });
    });

    await step('after a reload the saved version shows the edit', async () => {
      await page.reload();
      await doc.waitFor();
      await expect.poll(async () => doc.innerText(), { timeout: 10_000 }).toContain(EDIT_TO);
      expect(await page.getByTestId('version-no').textContent()).toBe('第2版');
    });

    await step('导出Word: a .docx of version 2, named after the summary', async () => {
      await page.getByRole('button', { name: /导出/ }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出Word', exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`${TITLE}(第2版).docx`);
      fs.mkdirSync(path.dirname(DOCX_PATH), { recursive: true });
      await download.saveAs(DOCX_PATH);
      const file = fs.readFileSync(DOCX_PATH);
      expect(file.length).toBeGreaterThan(1000);
      // A zip.
      expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
      const body = docxText(file);
      expect(body).toContain(TITLE);
      expect(body).toContain(EDIT_TO);
      for (const figure of SEED_FIGURES) expect(body, figure).toContain(figure);
    });
  });
});
