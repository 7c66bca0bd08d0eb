import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type RunningServer, closePage, launchBrowser, loginAs, newPage, saveScreenshot, startServer, step } from '../../test/browser-harness';

// A summary's versions, print view and Word export as a staff member (yewu) uses them: two versions
// compared in the 版本 drawer through the server's comparison (the edited paragraph marked, the
// words added highlighted); the print view on A4 in the official layout, printed to PDF by Chromium
// (A4 pages, the title, page numbers — 1 —, none of the app's menu); and 导出Word with a 成文日期 set
// by hand, which the .docx then carries under the signature.

const H1 = { from: '2014-01-01', to: '2014-06-30' };
const EDIT_FROM = '耐心细致做思想工作';
const EDIT_TO = '耐心细致地做好群众思想工作';

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', 'test-results');

const apiPath = (url: string) => new URL(url).pathname;

/** Writes through the API as the signed-in page (its session cookie; the server asks writes for their Origin). */
async function apiPost(page: Page, url: string, apiPathname: string, body: unknown) {
  const res = await page.request.fetch(`${url}${apiPathname}`, { method: 'POST', headers: { Origin: url }, data: body });
  expect(res.status(), `POST ${apiPathname}: ${await res.text()}`).toBe(200);
  return res.json();
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

describe('summary versions, print view and Word export', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    await closePage(page, task);
    page = undefined;
  });

  it('compares two versions in the drawer, prints the draft on A4, and exports Word with a 成文日期 set by hand', { timeout: 240_000 }, async () => {
    page = await newPage(browser!, { width: 1440, height: 960 });
    const p = page;
    const url = server!.url;
    let reportId = 0;
    let title = '';

    await step('业务股登录,起草2014年上半年总结,改一句保存为第2版', async () => {
      await loginAs(p, url, 'yewu', DEMO_PASSWORD);
      const report = await apiPost(p, url, '/api/reports', H1);
      reportId = report.id;
      title = report.title;
      const doc = structuredClone(report.latest.doc);
      const paragraph = doc.sections
        .flatMap((s: { paragraphs: { key: string; text: string }[] }) => s.paragraphs)
        .find((x: { key: string }) => x.key === 'expropriation.1');
      expect(paragraph.text).toContain(EDIT_FROM);
      paragraph.text = paragraph.text.replace(EDIT_FROM, EDIT_TO);
      const saved = await apiPost(p, url, `/api/reports/${reportId}/versions`, { doc, note: '修改第四部分', baseVersion: 1 });
      expect(saved.versionNo).toBe(2);
    });

    await step('打开总结,在“版本”里对比第1版与第2版:改过的段落标出,新写的字加亮', async () => {
      await p.goto(`${url}/reports/${reportId}`);
      await p.getByTestId('report-document').waitFor();
      await expect.poll(() => p.getByTestId('version-no').textContent()).toBe('第2版');
      await p.getByRole('button', { name: /版本$/ }).click();
      await expect.poll(() => p.getByTestId('version-item').count(), { timeout: 10_000 }).toBe(2);
      const [compared] = await Promise.all([
        p.waitForResponse((res) => apiPath(res.url()) === `/api/reports/${reportId}/versions/compare`),
        p.getByRole('button', { name: '对比', exact: true }).click(),
      ]);
      expect(compared.status(), await compared.text()).toBe(200);
      expect(new URL(compared.url()).searchParams.toString()).toBe('a=1&b=2');
      const dialog = p.getByRole('dialog', { name: '对比第1版与第2版' });
      await dialog.waitFor();
      const row = dialog.locator('tr[data-key="expropriation.1"]');
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('changed');
      expect(await row.getAttribute('data-testid')).toBe('compare-changed');
      const [left, right] = await row.locator('td').all();
      expect(await left.textContent()).toContain(EDIT_FROM);
      expect(await right.textContent()).toContain(EDIT_TO);
      // Only the words that differ are marked: 做 struck through on the left, 地做好群众 highlighted on the right.
      expect(await left.locator('.kg-diff-mark-removed').allTextContents()).toEqual(['做']);
      expect(await right.locator('.kg-diff-mark').allTextContents()).toEqual(['地做好群众']);
      expect(await dialog.getByTestId('compare-changed').count()).toBe(1);
      expect(await dialog.getByTestId('compare-summary').textContent()).toContain('共 1 处不同');
      await saveScreenshot(p, 'versions-compare');
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.keyboard.press('Escape');
      await p.getByTestId('version-item').first().waitFor({ state: 'hidden' });
    });

    await step('打印:公文格式的 A4 页面,标题、落款都在,打印时只印文稿', async () => {
      await p.getByRole('button', { name: /打印/ }).click();
      await p.waitForURL((u) => u.pathname === `/reports/${reportId}/print` && u.searchParams.get('version') === '2');
      const view = p.getByTestId('print-view');
      await view.waitFor();
      const sheet = view.getByTestId('print-sheet');
      await expect.poll(() => sheet.locator('h1').textContent(), { timeout: 10_000 }).toBe(title);
      expect(await sheet.innerText()).toContain(EDIT_TO);
      // A4 at 96 px an inch: 210 mm wide, margins 37 / 26 / 35 / 28 mm.
      const box = await sheet.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          width: el.getBoundingClientRect().width,
          top: s.paddingTop,
          right: s.paddingRight,
          bottom: s.paddingBottom,
          left: s.paddingLeft,
          font: s.fontSize,
          line: s.lineHeight,
        };
      });
      const mm = (n: number) => (n * 96) / 25.4;
      expect(box.width).toBeCloseTo(mm(210), 0);
      expect([box.top, box.right, box.bottom, box.left].map((v) => Math.round(parseFloat(v)))).toEqual([37, 26, 35, 28].map((n) => Math.round(mm(n))));
      expect(parseFloat(box.font)).toBeCloseTo((16 * 96) / 72, 1);
      expect(parseFloat(box.line)).toBeCloseTo((28.95 * 96) / 72, 1);
      const signature = await view.getByTestId('print-signature').innerText();
      expect(signature).toContain('上犹县科技局');
      await saveScreenshot(p, 'print-view');

      // Printed: only the document (the app's menu and header are left out), on A4 pages numbered — 1 —.
      await p.emulateMedia({ media: 'print' });
      expect(await p.locator('.ant-layout').first().isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      // Kept at test-results/print.pdf, to look at (pdftoppm) when the layout is in question.
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const pdfPath = path.join(RESULTS_DIR, 'print.pdf');
      await p.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      await p.emulateMedia({ media: 'screen' });
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, '')).toContain(title);
      expect(text).toMatch(/—\s*1\s*—/);
      expect(text).toMatch(new RegExp(`—\\s*${pages}\\s*—`));
      expect(text).not.toContain('工作总结 - 科管');
      expect(text).not.toContain('返回编辑');
    });

    await step('导出Word并设定成文日期:选2014年7月10日,下载的 .docx 落款写2014年7月10日', async () => {
      await p.getByRole('link', { name: /返回编辑/ }).click();
      await p.waitForURL((u) => u.pathname === `/reports/${reportId}`);
      await p.getByTestId('report-document').waitFor();
      await p.getByRole('button', { name: /导出/ }).click();
      await p.getByRole('menuitem', { name: /导出Word并设定成文日期/ }).click();
      const dialog = p.getByRole('dialog', { name: '导出Word(第2版)' });
      await dialog.waitFor();
      const dateText = dialog.getByTestId('export-date-text');
      // The default is the day version 2 was saved (today, in China).
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const [y, m, d] = today.split('-').map(Number);
      expect(await dateText.textContent()).toContain(`“${y}年${m}月${d}日”，即第2版的保存日期`);
      const input = dialog.getByLabel('成文日期(落款处的日期)');
      await input.click();
      await input.fill('2014-07-10');
      await input.press('Enter');
      await expect.poll(() => dateText.textContent()).toContain('“2014年7月10日”');
      const [download] = await Promise.all([p.waitForEvent('download'), dialog.getByRole('link', { name: /导出/ }).click()]);
      expect(new URL(download.url()).searchParams.get('date')).toBe('2014-07-10');
      expect(download.suggestedFilename()).toBe(`${title}(第2版).docx`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-docx-')), 'dated.docx');
      await download.saveAs(file);
      const body = docxText(fs.readFileSync(file));
      expect(body).toContain(EDIT_TO);
      expect(body).toContain('2014年7月10日');
      expect(body).not.toContain(`${y}年${m}月${d}日`);
    });
  });
});
