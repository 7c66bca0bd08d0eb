import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type RunningServer,
  closePage,
  launchBrowser,
  loginAs,
  newPage,
  saveScreenshot,
  pickOption,
  startServer,
  step,
} from '../../test/browser-harness';

// An admin sets up a new work list in the designer (three fields, two statuses, deadline and
// responsible on); a staff member (yewu, 业务股) registers an item that is already past its deadline
// with herself responsible, and the home page's 逾期事项 and the list's 逾期 count go up by one; she
// closes it (销号) through 记录进展, and both go back to where they were.

const STAFF_NAME = '王丽(业务股)';

/** A day as the browser (zh-CN, Asia/Shanghai) and the server (todayInChina) both count it. */
function dayInShanghai(offsetDays = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const apiPath = (url: string) => new URL(url).pathname;

/** Types a date into an antd DatePicker and confirms it. */
async function fillDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(date);
}

/** The home page's 我负责的逾期事项, once the card has loaded. */
async function overdueMine(page: Page): Promise<number> {
  const cell = page.getByTestId('overdue-mine');
  await cell.waitFor();
  const n = Number((await cell.textContent())?.trim());
  if (!Number.isInteger(n)) throw new Error(`overdue-mine 不是整数:${await cell.textContent()}`);
  return n;
}

async function expectHomeOverdue(page: Page, url: string, expected: number): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByText('逾期事项', { exact: true }).first().waitFor();
  await expect.poll(() => overdueMine(page), { timeout: 10_000 }).toBe(expected);
}

/** The 逾期 count of the list on 工作台账. */
async function expectListOverdue(page: Page, url: string, listId: number, expected: number): Promise<void> {
  await page.goto(`${url}/worklists`);
  await page.getByRole('heading', { name: '工作台账', exact: true }).waitFor();
  const cell = page.getByTestId(`worklist-overdue-${listId}`);
  await cell.waitFor();
  await expect.poll(async () => Number((await cell.textContent())?.trim()), { timeout: 10_000 }).toBe(expected);
}

describe('work lists', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let adminPage: Page | undefined;
  let staffPage: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    await closePage(adminPage, task);
    await closePage(staffPage, task);
    adminPage = undefined;
    staffPage = undefined;
  });

  it('an admin defines a list; staff register an overdue item, close it, and the overdue counts follow', { timeout: 240_000 }, async () => {
    const url = server!.url;
    const today = dayInShanghai();
    const yesterday = dayInShanghai(-1);
    const weekAgo = dayInShanghai(-7);
    const name = `督办事项测试-${Date.now()}`;

    const list = await step('the admin defines the list in the designer', async () => {
      const admin = await newPage(browser!);
      adminPage = admin;
      await loginAs(admin, url, 'admin', ADMIN_PASSWORD);
      await admin.goto(`${url}/worklists`);
      await admin.getByRole('heading', { name: '工作台账', exact: true }).waitFor();
      await admin.getByRole('button', { name: /新建台账$/ }).click();
      await admin.waitForURL((current) => current.pathname === '/worklists/new');
      await admin.getByRole('heading', { name: '新建台账', exact: true }).waitFor();

      await admin.getByLabel('台账名称', { exact: true }).fill(name);
      await admin.getByLabel('所属工作/活动', { exact: true }).fill('浏览器测试');

      // 字段: 事项 (text, required), 类别 (choice 甲/乙), 数量 (number, 件).
      await admin.getByLabel('字段1名称', { exact: true }).fill('事项');
      await admin.getByTestId('designer-field-0').getByLabel('必填', { exact: true }).check();
      await admin.getByRole('button', { name: /添加字段$/ }).click();
      await admin.getByLabel('字段2名称', { exact: true }).fill('类别');
      await pickOption(admin, admin.getByLabel('字段2类型', { exact: true }), '选项');
      const options = admin.getByLabel('字段2选项', { exact: true });
      await options.click();
      for (const option of ['甲', '乙']) {
        await options.fill(option);
        await options.press('Enter');
      }
      await options.press('Escape');
      await expect
        .poll(async () => (await admin.getByTestId('designer-field-1').locator('.ant-select-selection-item').allTextContents()).map((t) => t.trim()))
        .toEqual(['甲', '乙']);
      await admin.getByRole('button', { name: /添加字段$/ }).click();
      await admin.getByLabel('字段3名称', { exact: true }).fill('数量');
      await pickOption(admin, admin.getByLabel('字段3类型', { exact: true }), '数值');
      await admin.getByLabel('字段3单位', { exact: true }).fill('件');

      // 状态: 办理中, then 已办结 (done).
      await admin.getByLabel('状态1名称', { exact: true }).fill('办理中');
      await admin.getByLabel('状态2名称', { exact: true }).fill('已办结');
      expect(await admin.getByTestId('designer-status-0').getByLabel('已完成(销号)', { exact: true }).isChecked()).toBe(false);
      await admin.getByTestId('designer-status-1').getByLabel('已完成(销号)', { exact: true }).check();

      await admin.getByRole('switch', { name: '有期限' }).click();
      await admin.getByRole('switch', { name: '有责任人' }).click();

      const [created] = await Promise.all([
        admin.waitForResponse((res) => apiPath(res.url()) === '/api/worklists' && res.request().method() === 'POST'),
        admin.getByRole('button', { name: '保存台账', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      const saved = (await created.json()) as {
        id: number;
        fields: { key: string; label: string; type: string; required: boolean; unit: string | null; options: string[] }[];
        statuses: { key: string; label: string; done: boolean }[];
        hasDeadline: boolean;
        hasResponsible: boolean;
      };
      expect(saved.fields.map((f) => [f.label, f.type, f.required])).toEqual([
        ['事项', 'text', true],
        ['类别', 'choice', false],
        ['数量', 'number', false],
      ]);
      expect(saved.fields[1].options).toEqual(['甲', '乙']);
      expect(saved.fields[2].unit).toBe('件');
      expect(saved.fields.every((f) => /^[a-z][a-z0-9_]*$/.test(f.key))).toBe(true);
      expect(saved.statuses.map((s) => [s.label, s.done])).toEqual([
        ['办理中', false],
        ['已办结', true],
      ]);
      expect(saved).toMatchObject({ hasDeadline: true, hasResponsible: true });
      await admin.waitForURL((current) => current.pathname === `/worklists/${saved.id}`);
      await admin.getByRole('heading', { name }).waitFor();
      // A column per field, with the unit in the number's heading.
      for (const heading of ['事项', '类别', '数量(件)', '状态', '责任人', '期限', '登记日期']) {
        await admin.getByRole('columnheader', { name: heading }).first().waitFor();
      }
      return saved;
    });

    const page = await newPage(browser!);
    staffPage = page;
    const startMine = await step('staff sign in; the overdue counts before', async () => {
      await loginAs(page, url, 'yewu', DEMO_PASSWORD);
      await page.goto(`${url}/`);
      const mine = await overdueMine(page);
      await expectListOverdue(page, url, list.id, 0);
      return mine;
    });

    const title = `督办事项-${Date.now()}`;
    const item = await step('新增条目, past its deadline, herself responsible', async () => {
      await page.getByTestId(`worklist-row-${list.id}`).getByRole('link', { name, exact: true }).click();
      await page.waitForURL((current) => current.pathname === `/worklists/${list.id}`);
      await page.getByRole('button', { name: /新增条目$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByLabel('事项', { exact: true }).fill(title);
      await pickOption(page, dialog.getByLabel('类别', { exact: true }), '甲');
      await dialog.getByLabel('数量', { exact: true }).fill('3');
      await pickOption(page, dialog.getByLabel('责任人', { exact: true }), STAFF_NAME, '王丽');
      expect(await dialog.getByLabel('登记日期', { exact: true }).inputValue()).toBe(today);
      // Registered a week ago (a deadline may not precede the registration), due yesterday: overdue now.
      await fillDate(dialog.getByLabel('登记日期', { exact: true }), weekAgo);
      await fillDate(dialog.getByLabel('期限', { exact: true }), yesterday);
      const [added] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === `/api/worklists/${list.id}/items` && res.request().method() === 'POST'),
        dialog.getByRole('button', { name: '保存', exact: true }).click(),
      ]);
      expect(added.status(), await added.text()).toBe(200);
      const saved = (await added.json()) as {
        id: number;
        title: string;
        overdue: boolean;
        deadline: string;
        responsibleName: string;
        registeredDate: string;
        values: Record<string, unknown>;
      };
      expect(saved).toMatchObject({ title, overdue: true, deadline: yesterday, responsibleName: STAFF_NAME, registeredDate: weekAgo });
      expect(saved.values).toEqual({ [list.fields[0].key]: title, [list.fields[1].key]: '甲', [list.fields[2].key]: 3 });
      await page.waitForURL((current) => current.pathname === `/worklist-items/${saved.id}`);
      await page.getByRole('heading', { name: title }).waitFor();
      expect((await page.getByTestId('item-status').textContent())?.trim()).toBe('办理中');
      expect(await page.getByTestId('item-deadline').textContent()).toContain('逾期');
      return saved;
    });

    await step('one more overdue item on the home page and on the list', async () => {
      await expectHomeOverdue(page, url, startMine + 1);
      // The card links to the list's overdue items.
      expect(await page.getByRole('link', { name, exact: true }).getAttribute('href')).toBe(`/worklists/${list.id}?overdue=yes`);
      await expectListOverdue(page, url, list.id, 1);
    });

    const row = page.getByTestId(`item-row-${item.id}`);
    await step('the list filtered to its overdue items holds the new one, with 逾期', async () => {
      await page.getByTestId(`worklist-overdue-${list.id}`).click();
      await page.waitForURL((current) => current.pathname === `/worklists/${list.id}` && current.searchParams.get('overdue') === 'yes');
      await row.waitFor();
      expect(await row.textContent()).toContain('逾期');
      expect(await page.getByRole('switch', { name: '仅看逾期' }).isChecked()).toBe(true);
    });

    await step('记录进展: to 已办结, with a closing note', async () => {
      // A click anywhere on the row opens the item, not only its title link.
      await row.getByText('逾期').first().click();
      await page.waitForURL((current) => current.pathname === `/worklist-items/${item.id}`);
      const progress = page.locator('form#worklist-progress');
      await progress.waitFor();
      expect(await progress.getByLabel('日期', { exact: true }).inputValue()).toBe(today);
      expect(await progress.getByLabel('进展情况', { exact: true }).count()).toBe(1);
      await pickOption(page, progress.getByLabel('变更状态', { exact: true }), '已办结(销号)');
      // The content's label says it is a closing note.
      const note = `已督办完成-${Date.now()}`;
      await progress.getByLabel('销号说明', { exact: true }).fill(note);
      const [closed] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === `/api/worklist-items/${item.id}/progress` && res.request().method() === 'POST'),
        progress.getByRole('button', { name: '提交', exact: true }).click(),
      ]);
      expect(closed.status(), await closed.text()).toBe(200);
      expect(await closed.json()).toMatchObject({ done: true, overdue: false, closingNote: note, closedDate: today });
      await expect.poll(async () => (await page.getByTestId('item-status').textContent())?.trim(), { timeout: 10_000 }).toBe('已办结');
      expect(await page.getByTestId('item-closing-note').textContent()).toBe(note);
      const last = page.locator('[data-testid^="progress-entry-"]').last();
      const lastText = (await last.textContent()) ?? '';
      expect(lastText).toContain(note);
      expect(lastText).toContain(STAFF_NAME);
      expect((await last.locator('.ant-tag').allTextContents()).map((t) => t.trim())).toEqual(['办理中', '已办结']);
      await saveScreenshot(page, 'worklist-item-closed');
    });

    await step('closed, it is no longer overdue: the counts are back where they started', async () => {
      await expectHomeOverdue(page, url, startMine);
      await expectListOverdue(page, url, list.id, 0);
    });
  });
});
