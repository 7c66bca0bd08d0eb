import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type RunningServer,
  closePage,
  launchBrowser,
  loginAs,
  newPage,
  problemsOf,
  saveScreenshot,
  pickOption,
  startServer,
  step,
} from '../../test/browser-harness';

// A commissioner (tepai, 黄永清, serving 东山镇 and 元鱼村) logs a service from a phone-sized window:
// 我的服务日志 → 记一笔 → place, kind, content, people served and a photo → 提交; the new card shows it
// and the page never scrolls sideways. A leader (juzhang) then confirms it (审核) on 服务日志, and back
// on the phone the card is locked: marked 已审核 and no longer opens the edit form.

const PHONE = { width: 375, height: 667 };
const LEADER_NAME = '刘建华(局长)';
/** The smallest real PNG: one pixel. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Today as the browser (zh-CN, Asia/Shanghai) and the server (todayInChina) both count it. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

const apiPath = (url: string) => new URL(url).pathname;

// The harness's newPage() takes only a viewport size; a phone also wants isMobile (the page's
// <meta name="viewport"> is honoured, as on a real phone) and touch. The page is watched for
// console errors and uncaught exceptions the same way the harness watches its pages.
const EXPECTED_HTTP_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d\b/;
const phoneProblems = new WeakMap<Page, string[]>();

async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  phoneProblems.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error' || EXPECTED_HTTP_ERROR.test(message.text())) return;
    const where = message.location().url;
    problems.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => {
    problems.push(`页面异常: ${error.stack ?? error.message}`);
  });
  return page;
}

/** Like the harness's closePage, for either kind of page: screenshot on failure, then fail on page errors. */
async function closeAnyPage(page: Page, task: { name: string; result?: { state?: string } }, label: string): Promise<void> {
  const phone = phoneProblems.get(page);
  if (!phone) return closePage(page, task);
  if (task.result?.state === 'fail' && !page.isClosed()) {
    await saveScreenshot(page, `${task.name}-${label}`).catch(() => undefined);
  }
  await page.context().close();
  if (phone.length) throw new Error(`页面(${label})出现错误:\n${phone.join('\n')}`);
}

/** Width of the page's content beyond the window: > 0 means the page scrolls sideways. */
async function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // Names the element reaching furthest right, so a failure says what overflows.
    let widest = '';
    let right = 0;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).slice(0, 80)} → ${Math.round(r.right)}px`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, widest } = await sidewaysOverflow(page);
  expect(scrollWidth, `页面横向溢出:最宽的元素 ${widest}`).toBeLessThanOrEqual(PHONE.width);
}

describe('commissioner service log', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let phone: Page | undefined;
  let desk: Page | undefined;
  let pngFile: string | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    pngFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-log-photo-')), '现场照片.png');
    fs.writeFileSync(pngFile, Buffer.from(PNG_1X1, 'base64'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (pngFile) fs.rmSync(path.dirname(pngFile), { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    // Close both pages, then report every page's errors.
    const errors: string[] = [];
    for (const [page, label] of [
      [phone, 'phone'],
      [desk, 'desktop'],
    ] as const) {
      if (!page) continue;
      await closeAnyPage(page, task, label).catch((error: unknown) => errors.push(String(error)));
    }
    phone = undefined;
    desk = undefined;
    if (errors.length) throw new Error(errors.join('\n'));
  });

  it('a commissioner logs a service with a photo on a phone, a leader confirms it, and it is locked', { timeout: 180_000 }, async () => {
    const url = server!.url;
    const today = todayInShanghai();
    const content = `浏览器测试:元鱼村大棚辣椒病虫害防治现场指导-${Date.now()}`;
    const phonePage = await newPhonePage(browser!);
    phone = phonePage;

    await step('the commissioner signs in on a phone and opens 我的服务日志 from the menu', async () => {
      await loginAs(phonePage, url, 'tepai', DEMO_PASSWORD);
      // The home page leads a commissioner to their logs.
      await phonePage.getByTestId('my-logs-entry').waitFor();
      await expectNoSidewaysScroll(phonePage);
      // The side menu is folded away on a phone; ☰ opens it.
      const toggle = phonePage.getByTestId('menu-toggle');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await phonePage.getByRole('menuitem').getByRole('link', { name: '我的服务日志', exact: true }).click();
      await phonePage.waitForURL((current) => current.pathname === '/my/logs');
      await phonePage.getByRole('heading', { name: '我的服务日志', exact: true }).waitFor();
    });

    const countBefore = await step("the seed's logs are listed", async () => {
      await phonePage.getByText(/^共 \d+ 条/).waitFor();
      const count = await phonePage.locator('[data-testid^="my-log-"]').count();
      expect(count).toBeGreaterThan(0);
      await expectNoSidewaysScroll(phonePage);
      return count;
    });

    const { log, photo } = await step('记一笔: place, kind, content, people served and a photo, 提交', async () => {
      // 记一笔 opens the full-width form.
      await phonePage.getByTestId('log-new').click();
      const drawer = phonePage.getByRole('dialog').filter({ hasText: '记录一次服务' });
      await drawer.waitFor();
      const form = phonePage.locator('form#create-my-log');
      await form.waitFor();
      // Today, as the form's default.
      expect(await form.getByLabel('日期', { exact: true }).inputValue()).toBe(today);
      // 东山镇, from the group of their own places offered first.
      await pickOption(phonePage, form.getByLabel('服务地点', { exact: true }), '东山镇');
      expect(await form.locator('.ant-select', { has: phonePage.getByLabel('服务地点', { exact: true }) }).textContent()).toContain('东山镇');
      await pickOption(phonePage, form.getByLabel('服务类型', { exact: true }), '技术指导');
      await form.getByLabel('服务内容', { exact: true }).fill(content);
      await form.getByLabel('服务人次', { exact: true }).fill('23');

      // A photo through the upload's file input; it uploads at once.
      const [uploaded] = await Promise.all([
        phonePage.waitForResponse((res) => apiPath(res.url()) === '/api/files' && res.request().method() === 'POST'),
        form.locator('input[type="file"]').setInputFiles(pngFile!),
      ]);
      expect(uploaded.status(), await uploaded.text()).toBe(200);
      const file = (await uploaded.json()) as { id: number; name: string; mimeType: string };
      expect(file).toMatchObject({ name: '现场照片.png', mimeType: 'image/png' });
      await form.locator('.ant-upload-list-item-done').filter({ hasText: '现场照片.png' }).waitFor();
      expect(await form.locator('.ant-upload-list-item-uploading').count()).toBe(0);
      await expectNoSidewaysScroll(phonePage);

      const [created] = await Promise.all([
        phonePage.waitForResponse((res) => /^\/api\/commissioners\/\d+\/service-logs$/.test(apiPath(res.url())) && res.request().method() === 'POST'),
        drawer.getByRole('button', { name: '提交', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      const saved = (await created.json()) as { id: number; content: string; peopleServed: number; kind: string; logDate: string; files: { id: number }[] };
      expect(saved).toMatchObject({ content, peopleServed: 23, kind: '技术指导', logDate: today });
      expect(saved.files.map((f) => f.id)).toEqual([file.id]);
      await drawer.waitFor({ state: 'hidden' });
      return { log: saved, photo: file };
    });

    const card = phonePage.getByTestId(`my-log-${log.id}`);
    await step('the new card comes first, with the content, 23 人次, the place and the photo, 待审核', async () => {
      await card.waitFor();
      await expect.poll(() => phonePage.locator('[data-testid^="my-log-"]').count(), { timeout: 10_000 }).toBe(countBefore + 1);
      expect(await phonePage.locator('[data-testid^="my-log-"]').first().getAttribute('data-testid')).toBe(`my-log-${log.id}`);
      const cardText = (await card.textContent()) ?? '';
      expect(cardText).toContain(content);
      expect(cardText).toContain('23 人次');
      expect(cardText).toContain('东山镇');
      expect(cardText).toContain('技术指导');
      expect(cardText).toContain(today);
      expect(await card.getByTestId('log-unconfirmed').count()).toBe(1);
      const thumb = card.locator(`img[src="/api/files/${photo.id}"]`);
      await thumb.waitFor();
      // The thumbnail really loaded (the file is served back as an image).
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(1);
      await expectNoSidewaysScroll(phonePage);
      await saveScreenshot(phonePage, 'service-log-phone-new');
    });

    await step('a leader confirms it (审核) on 服务日志, on a desktop', async () => {
      const deskPage = await newPage(browser!);
      desk = deskPage;
      await loginAs(deskPage, url, 'juzhang', DEMO_PASSWORD);
      await deskPage.goto(`${url}/service-logs`);
      await deskPage.getByRole('heading', { name: '服务日志', exact: true }).waitFor();
      const row = deskPage.getByTestId(`service-log-row-${log.id}`);
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain('黄永清');
      expect(rowText).toContain(content);
      expect(rowText).toContain('23');
      expect(await row.getByTestId('log-unconfirmed').count()).toBe(1);
      const [confirmed] = await Promise.all([
        deskPage.waitForResponse((res) => apiPath(res.url()) === `/api/service-logs/${log.id}/confirm` && res.request().method() === 'POST'),
        row.getByRole('button', { name: '审核', exact: true }).click(),
      ]);
      expect(confirmed.status(), await confirmed.text()).toBe(200);
      expect(await confirmed.json()).toMatchObject({ id: log.id, confirmedByName: LEADER_NAME });
      await row.getByTestId('log-confirmed').waitFor();
      // A leader may still take it back or change it.
      await row.getByRole('button', { name: '撤销审核', exact: true }).waitFor();
      expect(await row.getByRole('button', { name: '审核', exact: true }).count()).toBe(0);
      expect(problemsOf(deskPage)).toEqual([]);
    });

    await step('back on the phone, the card is marked 已审核', async () => {
      await phonePage.reload();
      await card.waitFor();
      await card.getByTestId('log-confirmed').waitFor();
      expect(await card.getByTestId('log-unconfirmed').count()).toBe(0);
      expect(await card.textContent()).toContain(`已由${LEADER_NAME}审核,不能再修改`);
      // Locked: not clickable-looking.
      expect(await card.getAttribute('class')).not.toContain('ant-card-hoverable');
    });

    await step('a tap on the locked card opens no edit form; one on an unconfirmed card does', async () => {
      // Note the log of every edit form the page opens from here on: a tap on the locked card must open
      // none, which shows once a later tap has visibly been handled (taps are handled in order).
      await phonePage.evaluate(() => {
        const w = window as unknown as { editFormsOpened: string[] };
        w.editFormsOpened = [];
        new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              const form = node instanceof Element ? (node.matches('form#edit-my-log') ? node : node.querySelector('form#edit-my-log')) : null;
              if (form) w.editFormsOpened.push(form.querySelector('textarea')?.value ?? '');
            }
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      await card.locator('.ant-typography').filter({ hasText: content }).click();
      expect(await phonePage.getByRole('dialog').filter({ hasText: '修改服务日志' }).count()).toBe(0);
      // For contrast, the seed's June log (not yet confirmed) still opens for editing on a tap.
      const open = phonePage.locator('[data-testid^="my-log-"]').filter({ has: phonePage.getByTestId('log-unconfirmed') });
      expect(await open.count()).toBeGreaterThan(0);
      await open.first().locator('.ant-typography').first().click();
      await phonePage.locator('form#edit-my-log').waitFor();
      // Only the June log's form opened: the locked card's tap opened nothing.
      const opened = await phonePage.evaluate(() => (window as unknown as { editFormsOpened: string[] }).editFormsOpened);
      expect(new Set(opened).size, JSON.stringify(opened)).toBe(1);
      expect(opened).not.toContain(content);
      await phonePage.keyboard.press('Escape');
      await phonePage.locator('form#edit-my-log').waitFor({ state: 'detached' });
      await expectNoSidewaysScroll(phonePage);
      await saveScreenshot(phonePage, 'service-log-phone-confirmed');
    });
  });
});
