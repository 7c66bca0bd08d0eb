import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type RunningServer, closePage, launchBrowser, newPage, saveScreenshot, startServer, step } from '../../test/browser-harness';

// The first hour of a bureau that is not the demo, in Chromium against the real built server on
// an empty database with KEGUAN_DEMO=false: the app sends to /setup; a county bureau is set up
// there and lands signed in, finds its towns in 地名 and drafts a summary that validates; a city
// bureau is set up and creates a county bureau below it on 系统管理 → 单位.

const PASSWORD = 'Hengyang2025x';

function apiPath(url: string): string {
  return new URL(url).pathname;
}

/** The real server on an empty database without the demo (each test gets its own). */
const startEmptyServer = () => startServer({ demo: false });

/** Opens the cascader and clicks through its columns (province → city → county). */
async function pickDivision(page: Page, names: string[]): Promise<void> {
  await page.getByLabel('行政区划', { exact: true }).click();
  for (const [i, name] of names.entries()) {
    const menu = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').nth(i);
    await menu.locator(`.ant-cascader-menu-item[title="${name}"]`).click();
  }
  await page.locator('.ant-cascader-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Fills the admin account of the set-up form. */
async function fillAdmin(page: Page, username: string, displayName: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('姓名', { exact: true }).fill(displayName);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码', { exact: true }).fill(PASSWORD);
}

/** Presses the submit button and returns the set-up's answer once the app has left /setup. */
async function submitSetup(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((res) => apiPath(res.url()) === '/api/setup' && res.request().method() === 'POST'),
    page.getByRole('button', { name: '完成设置并进入系统' }).click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await page.waitForURL((current) => current.pathname === '/');
  return response.json() as Promise<{
    org: { id: number; name: string; level: string };
    towns: number;
    villages: number;
    lists: unknown[];
    departments: number;
  }>;
}

describe('first run of a bureau (no demo)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  /** The test's page, closed (and checked for errors) after it. */
  let opened: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async ({ task }) => {
    await closePage(opened, task);
    opened = undefined;
    await server?.stop();
    server = undefined;
  });

  it('sets up a county through the web, lands signed in, sees its towns in 地名 and drafts a summary that validates', { timeout: 180_000 }, async () => {
    server = await startEmptyServer();
    const page = await newPage(browser!, { width: 1366, height: 900 });
    opened = page;
    const url = server.url;

    await step('nobody can sign in yet: the app sends to /setup', async () => {
      await page.goto(`${url}/`);
      await page.waitForURL((current) => current.pathname === '/setup');
      await page.getByRole('heading', { name: '首次使用：建立本单位和管理员账号' }).waitFor();
    });

    await step('1 选择单位: 湖南省 → 衡阳市 → 衡东县, the name suggested; 2 常用台账 all checked', async () => {
      // 县级 is chosen.
      await pickDivision(page, ['湖南省', '衡阳市', '衡东县']);
      await expect.poll(() => page.getByLabel('单位名称', { exact: true }).inputValue()).toBe('衡东县科学技术局');
      await page.getByText('区划代码 430424，湖南省衡阳市衡东县').waitFor();
      // Every list checked; the departments switch is on for a county.
      const lists = page.getByRole('region', { name: '常用台账' }).getByRole('checkbox');
      expect(await lists.count()).toBe(9);
      for (const box of await lists.all()) expect(await box.isChecked()).toBe(true);
      expect(await page.getByRole('switch', { name: '添加常用县直部门' }).getAttribute('aria-checked')).toBe('true');
    });

    await step('3 管理员账号: a weak password and the demo password are refused on the field', async () => {
      // A weak password is refused before anything is sent.
      await fillAdmin(page, 'hdadmin', '周敏');
      await page.getByLabel('密码', { exact: true }).fill('abcdefgh');
      await page.getByLabel('确认密码', { exact: true }).fill('abcdefgh');
      await page.getByRole('button', { name: '完成设置并进入系统' }).click();
      await page.getByText('密码须同时包含字母和数字').waitFor();
      // The demo password this server publishes: only the server knows it; its message shows on the field.
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel('确认密码', { exact: true }).fill(DEMO_PASSWORD);
      const [refused] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/setup' && res.request().method() === 'POST'),
        page.getByRole('button', { name: '完成设置并进入系统' }).click(),
      ]);
      expect(refused.status()).toBe(400);
      await page.locator('.ant-form-item-explain-error', { hasText: '不能使用演示账号的公开密码' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/setup');
    });

    await step('a good password: the bureau is made and the admin lands signed in on its home page', async () => {
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认密码', { exact: true }).fill(PASSWORD);
      await saveScreenshot(page, 'first-run-setup-form');
      const made = await submitSetup(page);
      expect(made.org).toMatchObject({ name: '衡东县科学技术局', level: 'county' });
      expect(made.towns).toBeGreaterThan(10);
      expect(made.lists).toHaveLength(9);
      expect(made.departments).toBeGreaterThan(0);
      const orgName = page.getByTestId('org-name');
      await orgName.waitFor();
      expect(await orgName.textContent()).toBe('衡东县科学技术局');
      // /setup is closed now and sends a signed-in admin home.
      await page.goto(`${url}/setup`);
      await page.waitForURL((current) => current.pathname === '/');
    });

    await step("系统管理 → 地名: the county's towns with their 12-digit codes", async () => {
      await page.getByRole('menu').getByText('系统管理', { exact: true }).click();
      await page.getByRole('menu').getByRole('link', { name: '地名', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/admin/places');
      await page.getByRole('button', { name: '全部展开' }).click();
      const mishui = page.getByTestId('place-row-洣水镇');
      await mishui.waitFor();
      expect(await mishui.textContent()).toContain('430424100000');
      await saveScreenshot(page, 'first-run-places');
    });

    await step('工作总结 → 起草 with the default template: a title and no warnings', async () => {
      await page.getByRole('menu').getByRole('link', { name: '工作总结', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/reports');
      const form = page.locator('form#draft-report');
      await expect.poll(async () => (await form.locator('.ant-select').textContent())?.trim(), { timeout: 10_000 }).toContain('工作总结');
      const [created] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/reports' && res.request().method() === 'POST'),
        form.getByRole('button', { name: '起草', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      const report = (await created.json()) as { id: number; title: string; latest: { doc: { title: string; warnings?: unknown[] } } };
      expect(report.title).toContain('衡东县');
      expect(report.title).toContain('工作总结');
      expect(report.latest.doc.warnings ?? []).toEqual([]);
      await page.waitForURL((current) => current.pathname === `/reports/${report.id}`);
      await page.getByRole('heading', { name: report.title, level: 1 }).waitFor();
      expect(await page.getByTestId('draft-warnings').count()).toBe(0);
      await saveScreenshot(page, 'first-run-summary');
    });
  });

  it('sets up a city bureau through the web, whose admin creates a county bureau below it on 系统管理 → 单位', { timeout: 180_000 }, async () => {
    server = await startEmptyServer();
    const page = await newPage(browser!, { width: 1366, height: 900 });
    opened = page;
    const url = server.url;

    const made = await step('市级 set-up: the picker stops at the city; no county departments', async () => {
      // /login sends to /setup while set-up is open.
      await page.goto(`${url}/login`);
      await page.waitForURL((current) => current.pathname === '/setup');
      // The name becomes 衡阳市科学技术局.
      await page.getByRole('region', { name: '选择单位' }).getByText('市级', { exact: true }).click();
      expect(await page.getByRole('switch', { name: '添加常用县直部门' }).getAttribute('aria-checked')).toBe('false');
      await pickDivision(page, ['湖南省', '衡阳市']);
      await expect.poll(() => page.getByLabel('单位名称', { exact: true }).inputValue()).toBe('衡阳市科学技术局');
      await fillAdmin(page, 'hyadmin', '陈立');
      const result = await submitSetup(page);
      expect(result).toMatchObject({ org: { name: '衡阳市科学技术局', level: 'city' }, towns: 0, departments: 0 });
      expect(await page.getByTestId('org-name').textContent()).toBe('衡阳市科学技术局');
      return result;
    });

    await step('系统管理 → 单位 → 新建下级单位: 衡东县 from the national list, its name proposed', async () => {
      await page.getByRole('menu').getByText('系统管理', { exact: true }).click();
      await page.getByRole('menu').getByRole('link', { name: '单位', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/admin/orgs');
      await page.getByTestId('org-row-衡阳市科学技术局').waitFor();
      await page.getByRole('button', { name: '新建下级单位' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await pickDivision(page, ['湖南省', '衡阳市', '衡东县']);
      await expect.poll(() => dialog.getByLabel('单位名称', { exact: true }).inputValue()).toBe('衡东县科学技术局');
      const [created] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/orgs' && res.request().method() === 'POST'),
        dialog.getByRole('button', { name: '创建' }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      expect(await created.json()).toMatchObject({ name: '衡东县科学技术局', level: 'county', divisionCode: '430424', parentId: made.org.id });
      const county = page.getByTestId('org-row-衡东县科学技术局');
      await county.waitFor();
      expect(await county.textContent()).toContain('430424');
      await saveScreenshot(page, 'first-run-city-orgs');
    });
  });
});
