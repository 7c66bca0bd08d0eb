import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type RunningServer, closePage, launchBrowser, loginAs, newPage, startServer, step } from '../../test/browser-harness';

// Two people edit the same enterprise. 王丽 saves first; the director's save, based on the copy he
// opened, is refused: the form says 已被他人修改 and lists each field that differs (what he typed,
// what is saved now). He loads the saved record, types his change again, and both changes are kept.

describe('two people editing one record', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let first: Page | undefined;
  let second: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    await closePage(first, task);
    await closePage(second, task);
    first = second = undefined;
  });

  it('the later save shows 已被他人修改 with what differs, and loads the saved record', { timeout: 180_000 }, async () => {
    const url = server!.url;
    const staff = await newPage(browser!);
    first = staff;
    const director = await newPage(browser!);
    second = director;
    const name = `浏览器测试合作社-${Date.now()}`;

    const id = await step('staff and the director sign in; an enterprise to edit', async () => {
      await loginAs(staff, url, 'yewu', DEMO_PASSWORD);
      await loginAs(director, url, 'juzhang', DEMO_PASSWORD);
      const created = await staff.request.post(`${url}/api/enterprises`, {
        data: { name, kind: '合作社', industry: 'agriculture', townId: null },
        headers: { origin: url },
      });
      expect(created.status()).toBe(200);
      return ((await created.json()) as { id: number }).id;
    });

    const openForm = async (page: Page) => {
      await page.goto(`${url}/enterprises/${id}`);
      await page.getByRole('button', { name: '编辑' }).click();
      const dialog = page.getByRole('dialog', { name: `编辑:${name}` });
      await dialog.waitFor();
      return dialog;
    };
    const [staffForm, directorForm] = await step(
      'both open the edit form on version 1',
      async () => [await openForm(staff), await openForm(director)] as const,
    );

    await step('王丽 fills in the contact person and saves', async () => {
      await staffForm.getByLabel('联系人').fill('张三');
      await staffForm.getByRole('button', { name: '保存' }).click();
      await staff.getByText('企业信息已保存').waitFor();
    });

    const stale = director.getByRole('dialog', { name: '已被他人修改' });
    await step("the director's save on his older copy is refused, with the differences shown", async () => {
      await directorForm.getByLabel('备注').fill('县局重点扶持');
      await directorForm.getByRole('button', { name: '保存' }).click();
      await stale.waitFor();
      const rows = stale.getByTestId('stale-changes').locator('tbody tr');
      await expect
        .poll(() => rows.allInnerTexts())
        .toEqual([expect.stringMatching(/联系人\s+\(空\)\s+张三/), expect.stringMatching(/备注\s+县局重点扶持\s+\(空\)/)]);
    });

    await step('he loads the saved record, types his note again and saves: both changes kept', async () => {
      await stale.getByTestId('stale-reload').click();
      await stale.waitFor({ state: 'hidden' });
      await expect.poll(() => directorForm.getByLabel('联系人').inputValue()).toBe('张三');
      await directorForm.getByLabel('备注').fill('县局重点扶持');
      await directorForm.getByRole('button', { name: '保存' }).click();
      await director.getByText('企业信息已保存').waitFor();
      const saved = (await (await director.request.get(`${url}/api/enterprises/${id}`)).json()) as { contactPerson: string; notes: string; version: number };
      expect(saved).toMatchObject({ contactPerson: '张三', notes: '县局重点扶持', version: 3 });
    });
  });
});
