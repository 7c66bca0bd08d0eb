import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, saveScreenshot, pickOption, step, browserSuite } from '../../test/browser-harness';

// A staff member (yewu, 业务股) registers a 送科技下乡 event of 2014 H1 on 活动 (登记活动) with its
// places, departments and figures, and the totals row (合计) of the list goes up by exactly the
// event's 资料, 展板 and 咨询 (and one more event), with the new event in the table.

const TOTALS = ['materials', 'boards', 'consultations', 'attendees', 'peopleSent'] as const;
type Totals = Record<(typeof TOTALS)[number], number | null> & { count: number };

const apiPath = (url: string) => new URL(url).pathname;

/** Types a date into an antd DatePicker and confirms it. */
async function fillDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(date);
}

/** A number of the totals row, or null while it shows '—' (not loaded). */
async function totalCell(page: Page, testId: string): Promise<number | null> {
  const text = (await page.getByTestId(testId).textContent())?.trim() ?? '';
  if (text === '—' || text === '') return null;
  const n = Number(text.replace(/\s*次活动$/, ''));
  if (!Number.isInteger(n)) throw new Error(`${testId} 不是整数:${JSON.stringify(text)}`);
  return n;
}

async function readTotals(page: Page): Promise<Totals> {
  const totals = { count: (await totalCell(page, 'events-total-count')) ?? -1 } as Totals;
  for (const figure of TOTALS) totals[figure] = await totalCell(page, `events-total-${figure}`);
  return totals;
}

describe('events', () => {
  const suite = browserSuite();

  it('registers a 送科技下乡 event and the totals row adds its 资料, 展板 and 咨询', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    const theme = `浏览器测试:科技下乡进东山-${Date.now()}`;
    const figures = { materials: 1000, boards: 5, consultations: 300 };
    await step('staff of 业务股 sign in', () => loginAs(page, url, 'yewu', DEMO_PASSWORD));

    const start = await step('the totals row of 活动 before', async () => {
      await page.goto(`${url}/events`);
      await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
      await page.getByTestId('events-total-count').waitFor();
      await expect.poll(() => totalCell(page, 'events-total-materials'), { timeout: 10_000 }).not.toBeNull();
      const totals = await readTotals(page);
      // The demo's events are counted: every total the event adds to is a number, not '—'.
      for (const key of ['count', 'materials', 'boards', 'consultations'] as const) {
        expect(totals[key], `合计 ${key}`).toBeGreaterThan(0);
      }
      return totals;
    });

    const event = await step('登记活动: fill in the form and save', async () => {
      // The button's name also carries its icon's label ("plus 登记活动").
      await page.getByRole('button', { name: /登记活动$/ }).click();
      const dialog = page.getByRole('dialog', { name: '登记活动' });
      await dialog.waitFor();
      const form = dialog.locator('form#create-event');
      await form.waitFor();

      await pickOption(page, form.getByLabel('活动类型', { exact: true }), '送科技下乡');
      await form.getByLabel('活动主题', { exact: true }).fill(theme);
      await fillDate(form.getByLabel('开始日期', { exact: true }), '2014-06-20');
      await form.getByRole('radio', { name: '牵头组织', exact: true }).check();
      expect(await form.getByRole('radio', { name: '牵头组织', exact: true }).isChecked()).toBe(true);
      // 东山镇 as a whole (a town of the county), found by typing its name.
      await pickOption(page, form.getByLabel('活动地点', { exact: true }), '东山镇(全镇)', '东山镇');
      expect(await form.locator('.ant-select-selection-item').filter({ hasText: '东山镇' }).count()).toBe(1);
      for (const department of ['林业', '农业']) {
        await form.getByRole('checkbox', { name: department, exact: true }).check();
      }
      await form.getByLabel('发放资料', { exact: true }).fill(String(figures.materials));
      await form.getByLabel('展板', { exact: true }).fill(String(figures.boards));
      await form.getByLabel('咨询', { exact: true }).fill(String(figures.consultations));

      const [created] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/events' && res.request().method() === 'POST'),
        dialog.getByRole('button', { name: '保存', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      const saved = (await created.json()) as {
        id: number;
        places: { name: string }[];
        departments: { shortName: string | null }[];
      };
      expect(saved).toMatchObject({
        type: '送科技下乡',
        theme,
        startDate: '2014-06-20',
        endDate: null,
        role: 'lead',
        ...figures,
        attendees: null,
        peopleSent: null,
      });
      expect(saved.places.map((p) => p.name)).toEqual(['东山镇']);
      expect(saved.departments.map((d) => d.shortName).sort()).toEqual(['农业', '林业']);
      await dialog.waitFor({ state: 'hidden' });
      return saved;
    });

    await step("the totals row adds the event's figures", async () => {
      // One more event, and exactly the event's figures more; the others unchanged.
      await expect
        .poll(() => readTotals(page), { timeout: 10_000 })
        .toEqual({
          ...start,
          count: start.count + 1,
          materials: start.materials! + figures.materials,
          boards: start.boards! + figures.boards,
          consultations: start.consultations! + figures.consultations,
        });
    });

    await step('the new event is the first row', async () => {
      // Newest first: 2014-06-20 is the latest of the half-year.
      const row = page.getByTestId(`event-row-${event.id}`);
      await row.waitFor();
      expect(await page.locator('tr[data-testid^="event-row-"]').first().getAttribute('data-testid')).toBe(`event-row-${event.id}`);
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      expect(cells.slice(0, 6)).toEqual(['2014-06-20', '送科技下乡', theme, '东山镇', '牵头组织', '林业、农业']);
      expect(cells.slice(6, 11)).toEqual(['1000', '5', '300', '—', '—']);
      await expect
        .poll(async () => (await page.locator('.ant-pagination-total-text').textContent())?.trim(), { timeout: 10_000 })
        .toBe(`共 ${start.count + 1} 次活动`);
      await saveScreenshot(page, 'events-registered');
    });
  });
});
