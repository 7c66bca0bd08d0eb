import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, loginAs, step, browserSuite } from '../../test/browser-harness';

// The admin's reference tables on the demo bureau: a department is added, switched off, edited and
// deleted on 县直部门, and the edit form opens with the record's values (not those the last form
// left behind); 股室, 字典 and 地名 list their rows and open their forms.

describe('admin reference tables', () => {
  const suite = browserSuite();

  async function adminPage(): Promise<{ page: Page; url: string }> {
    const page = await suite.page();
    const url = suite.url;
    await step('the admin signs in', () => loginAs(page, url, 'admin', ADMIN_PASSWORD));
    return { page, url };
  }

  it('adds a department, switches it off, edits it with its own values in the form, and deletes it', { timeout: 180_000 }, async () => {
    const { page, url } = await adminPage();
    const name = `测试局${Date.now() % 100_000}`;
    const row = page.getByTestId(`department-row-${name}`);

    await step('新增部门', async () => {
      await page.goto(`${url}/admin/departments`);
      await page.getByRole('button', { name: /新增部门$/ }).click();
      const dialog = page.getByRole('dialog', { name: '新增部门' });
      await dialog.getByLabel('部门名称').fill(name);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('部门已新增').waitFor();
      await row.waitFor();
    });

    await step('停用 by its switch', async () => {
      await row.getByRole('switch', { name: `启用${name}` }).click();
      await page.getByText(`已停用「${name}」`).waitFor();
    });

    await step("编辑 opens with the department's name and 启用 off; a 简称 is saved", async () => {
      await row.getByRole('button', { name: '编辑' }).click();
      const edit = page.getByRole('dialog', { name: '编辑部门' });
      await edit.waitFor();
      expect(await edit.getByLabel('部门名称').inputValue()).toBe(name);
      expect(await edit.getByRole('switch').getAttribute('aria-checked')).toBe('false');
      await edit.getByLabel('简称').fill('测试');
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('部门已保存').waitFor();
    });

    await step('删除 after a confirmation', async () => {
      await row.getByRole('button', { name: '删除' }).click();
      await page.getByText(`删除部门「${name}」?`).waitFor();
      await page
        .getByRole('button', { name: /删\s*除/ })
        .last()
        .click();
      await page.getByText('部门已删除').waitFor();
      await expect.poll(() => row.count()).toBe(0);
    });
  });

  it('lists 股室, 字典 and 地名 and opens their forms', { timeout: 180_000 }, async () => {
    const { page, url } = await adminPage();

    await step('股室: 重命名 opens a form with 排序', async () => {
      await page.goto(`${url}/admin/sections`);
      const first = page.locator('[data-testid^="section-row-"]').first();
      await first.waitFor();
      await first.getByRole('button', { name: '重命名' }).click();
      const dialog = page.getByRole('dialog', { name: '重命名股室' });
      await dialog.getByLabel('排序').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    await step('字典: its items are listed', async () => {
      await page.goto(`${url}/admin/dictionaries`);
      await page.locator('[data-testid^="dictionary-item-row-"]').first().waitFor();
    });

    await step('地名: 添加乡镇 opens its form', async () => {
      await page.goto(`${url}/admin/places`);
      await page.locator('[data-testid^="place-row-"]').first().waitFor();
      await page
        .getByRole('button', { name: /添加乡镇/ })
        .first()
        .click();
      await page.getByRole('dialog', { name: /下添加乡镇/ }).waitFor();
    });
  });
});
