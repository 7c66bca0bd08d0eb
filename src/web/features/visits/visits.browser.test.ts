import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, step, browserSuite } from '../../test/browser-harness';

// Visits (调研走访) and enterprises on the demo bureau, as staff of 业务股 (yewu) use them: the list's
// search, filters and order live in the URL; an enterprise's page registers a visit to it; a visit's
// page has its buttons; unknown ids say so.

describe('visits and enterprises', () => {
  const suite = browserSuite();

  /** A page signed in as yewu. */
  async function staffPage(): Promise<{ page: Page; url: string }> {
    const page = await suite.page();
    const url = suite.url;
    await step('staff sign in', () => loginAs(page, url, 'yewu', DEMO_PASSWORD));
    return { page, url };
  }

  it('keeps the visit list’s search and order in the URL, and 清除筛选 clears them', { timeout: 120_000 }, async () => {
    const { page, url } = await staffPage();

    await step('the list with 登记调研 and 编辑 on a row', async () => {
      await page.goto(`${url}/visits`);
      await page.getByText(/共 \d+ 次调研/).waitFor();
      await page.getByRole('button', { name: '登记调研' }).waitFor();
      await page.getByRole('button', { name: '编辑' }).first().waitFor();
    });

    await step('a search that finds nothing is in the URL', async () => {
      await page.getByLabel('搜索调研').fill('zzzz不存在');
      await page.getByLabel('搜索调研').press('Enter');
      await page.getByText('没有符合条件的调研记录').waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe('zzzz不存在');
    });

    await step('清除筛选 empties the URL and brings the visits back', async () => {
      await page.getByRole('button', { name: '清除筛选' }).click();
      await page.getByText(/共 \d+ 次调研/).waitFor();
      expect(new URL(page.url()).search).toBe('');
    });

    await step('a click on 日期 orders by date, oldest first, in the URL', async () => {
      await page.getByRole('columnheader', { name: '日期' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe('asc');
    });
  });

  it("sorts enterprises by name in the URL, and an enterprise's page opens 登记调研 for it", { timeout: 120_000 }, async () => {
    const { page, url } = await staffPage();

    await step('sorted by 名称 in the URL', async () => {
      await page.goto(`${url}/enterprises`);
      await page.getByText(/共 \d+ 家/).waitFor();
      await page.getByRole('columnheader', { name: '名称' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
      await page.getByRole('button', { name: '登记企业/基地' }).waitFor();
    });

    await step("an enterprise's page has 编辑 and 删除", async () => {
      await page.locator('[data-testid^="enterprise-row-"]').first().getByRole('link').first().click();
      await page.getByText('基本信息').waitFor();
      await page.getByRole('button', { name: '编辑' }).waitFor();
      await page.getByRole('button', { name: '删除' }).waitFor();
    });

    await step('登记调研 there opens the visit form (and leaves no ?newFor= behind)', async () => {
      await page.getByRole('button', { name: '登记调研' }).click();
      const dialog = page.getByRole('dialog', { name: '登记调研' });
      await dialog.waitFor();
      await expect.poll(() => new URL(page.url()).searchParams.has('newFor')).toBe(false);
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    });
  });

  it("shows a visit's page with its buttons, and says when a visit or an enterprise does not exist", { timeout: 120_000 }, async () => {
    const { page, url } = await staffPage();

    await step("a visit's page has 编辑 and 登记项目线索", async () => {
      await page.goto(`${url}/visits`);
      await page.locator('[data-testid^="visit-row-"]').first().getByRole('link').first().click();
      await page.getByText('调研情况').waitFor();
      await page.getByRole('button', { name: '编辑' }).waitFor();
      await page.getByRole('button', { name: '登记项目线索' }).waitFor();
    });

    await step('调研记录不存在 and 企业不存在', async () => {
      await page.goto(`${url}/visits/abc`);
      await page.getByText('调研记录不存在').waitFor();
      await page.goto(`${url}/enterprises/999999`);
      await page.getByText('企业不存在').waitFor();
    });
  });
});
