import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type RunningServer, launchBrowser, loginAs, newPage, saveScreenshot, startServer } from '../../test/browser-harness';

async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const options = dropdown.locator('.ant-select-item-option');
  await dropdown.waitFor();
  await dropdown.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  await options.and(page.locator(`[title="${label}"]`)).click();
  await dropdown.waitFor({ state: 'hidden', timeout: 4000 });
}

describe('scratch', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => { browser = await launchBrowser(); server = await startServer(); });
  afterAll(async () => { await browser?.close(); await server?.stop(); });

  it('flake', { timeout: 400_000 }, async () => {
    const url = server!.url;
    const page: Page = await newPage(browser!);
    await loginAs(page, url, 'admin', ADMIN_PASSWORD);
    let failures = 0;
    for (let round = 0; round < 30; round++) {
      await page.goto(`${url}/worklists/new`);
      await page.getByLabel('字段1名称').waitFor();
      await page.getByLabel('台账名称', { exact: true }).fill('x');
      await page.getByLabel('字段1名称', { exact: true }).fill('事项');
      await page.getByTestId('designer-field-0').getByLabel('必填', { exact: true }).check();
      await page.getByRole('button', { name: /添加字段$/ }).click();
      await page.getByLabel('字段2名称', { exact: true }).fill('类别');
      try {
        await pickOption(page, page.getByLabel('字段2类型', { exact: true }), '选项');
      } catch (e) {
        failures++;
        const html = await page.locator('.ant-select-dropdown:visible').evaluateAll((els) => els.map((el) => el.outerHTML.slice(0, 1500)));
        console.log('FAIL round', round, html);
        console.log('value', await page.getByTestId('designer-field-1').textContent());
        await saveScreenshot(page, `scratch-flake-${round}`);
      }
    }
    console.log('failures', failures);
    expect(failures).toBe(0);
  });
});
