import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, saveScreenshot, pickOption, step, browserSuite } from '../../test/browser-harness';

// A staff member (yewu, 业务股) takes one project from 线索 to 立项 through the UI, one stage at a
// time, and the stage summary of 项目库 follows: +1 线索 on creation, then back to where it was,
// with +1 立项 at the end; the 立项 tile filters the table to a list holding the new project.

/** A demo enterprise (上犹县, 工业) used as the applicant. */
const ENTERPRISE = '上犹县鑫源机械制造有限公司';
const ENTERPRISE_SEARCH = '鑫源机械';

type CountedStage = 'lead' | 'pool' | 'applied' | 'approved';
const COUNTED: readonly CountedStage[] = ['lead', 'pool', 'applied', 'approved'];
type Counts = Record<CountedStage, number>;

/** Today as the browser (zh-CN, Asia/Shanghai) and the server (todayInChina) both count it. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function apiPath(url: string): string {
  return new URL(url).pathname;
}

/** The summary tile's number, once the summary has loaded. */
async function stageCount(page: Page, stage: CountedStage | 'all'): Promise<number> {
  const text = await page.getByTestId(`stage-count-${stage}`).textContent();
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`stage-count-${stage} 不是整数:${JSON.stringify(text)}`);
  return n;
}

async function readCounts(page: Page): Promise<Counts> {
  await page.getByTestId('stage-count-lead').waitFor();
  const counts = {} as Counts;
  for (const stage of COUNTED) counts[stage] = await stageCount(page, stage);
  return counts;
}

/**
 * Waits until the summary shows `expected` (it refetches after navigating back) and then checks
 * every tile, so a mismatch names the tile and both numbers.
 */
async function expectCounts(page: Page, expected: Counts): Promise<void> {
  await page.getByTestId('stage-count-lead').waitFor();
  await expect
    .poll(async () => Object.fromEntries(await Promise.all(COUNTED.map(async (s) => [s, await stageCount(page, s)]))), {
      timeout: 10_000,
    })
    .toEqual(expected);
}

/** The 阶段历程 card of the project page. */
function timeline(page: Page): Locator {
  return page.locator('.ant-card').filter({ has: page.getByText('阶段历程', { exact: true }) });
}

/** The stage tags of each timeline entry, oldest first: [['线索'], ['线索', '储备'], …]. */
async function timelineTags(page: Page): Promise<string[][]> {
  const events = timeline(page).locator('[data-testid^="stage-event-"]');
  const tags: string[][] = [];
  for (const event of await events.all()) {
    tags.push((await event.locator('.ant-tag').allTextContents()).map((t) => t.trim()));
  }
  return tags;
}

/** The project page shows `stage` in its header and the timeline holds exactly `history`. */
async function expectProjectAt(page: Page, stage: string, history: string[][], today: string): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('project-stage').textContent())?.trim(), { timeout: 10_000 }).toBe(stage);
  await expect.poll(() => timelineTags(page), { timeout: 10_000 }).toEqual(history);
  const last = timeline(page).locator('[data-testid^="stage-event-"]').last();
  const text = (await last.textContent()) ?? '';
  expect(text).toContain(today);
  expect(text).toContain('王丽(业务股)');
  if (history.length === 1) expect(text).toContain('登记为');
}

describe('project pipeline', () => {
  const suite = browserSuite();

  it('takes a new project from 线索 to 立项 one stage at a time and the stage summary follows', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    const today = todayInShanghai();
    const title = `浏览器测试项目-${Date.now()}`;

    const { start, startAll } = await step('staff sign in; the counts of 项目库 before', async () => {
      await loginAs(page, url, 'yewu', DEMO_PASSWORD);
      await page.goto(`${url}/projects`);
      await page.getByRole('heading', { name: '项目库', exact: true }).waitFor();
      return { start: await readCounts(page), startAll: await stageCount(page, 'all') };
    });

    const history = [['线索']];
    const project = await step('新建项目 at 线索, today', async () => {
      // The button's name also carries its icon's label ("plus 新建项目").
      await page.getByRole('button', { name: /新建项目$/ }).click();
      await page.waitForURL((current) => current.pathname === '/projects/new');
      await page.getByRole('heading', { name: '新建项目', exact: true }).waitFor();
      await page.getByLabel('项目名称', { exact: true }).fill(title);
      await pickOption(page, page.getByLabel('申报单位', { exact: true }), ENTERPRISE, ENTERPRISE_SEARCH);
      await pickOption(page, page.getByLabel('领域', { exact: true }), '工业');
      const form = page.locator('form#create-project');
      // The form's defaults: start at 线索, dated today.
      expect(await form.locator('.ant-select', { has: page.getByLabel('起始阶段', { exact: true }) }).textContent()).toContain('线索');
      expect(await page.getByLabel('线索日期', { exact: true }).inputValue()).toBe(today);
      expect(await form.locator('.ant-select', { has: page.getByLabel('申报单位', { exact: true }) }).textContent()).toContain(ENTERPRISE);

      const [created] = await Promise.all([
        page.waitForResponse((res) => apiPath(res.url()) === '/api/projects' && res.request().method() === 'POST'),
        page.getByRole('button', { name: '登记项目', exact: true }).click(),
      ]);
      expect(created.status(), await created.text()).toBe(200);
      const saved = (await created.json()) as { id: number; stage: string; enterpriseName: string | null; field: string };
      expect(saved).toMatchObject({ stage: 'lead', enterpriseName: ENTERPRISE, field: 'industry' });
      await page.waitForURL((current) => current.pathname === `/projects/${saved.id}`);
      await page.getByRole('heading', { name: title }).waitFor();
      await expectProjectAt(page, '线索', history, today);
      return saved;
    });

    await step('the summary counts it as a 线索', async () => {
      await page.getByRole('link', { name: '← 返回项目库', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/projects');
      await expectCounts(page, { ...start, lead: start.lead + 1 });
      expect(await stageCount(page, 'all')).toBe(startAll + 1);
      await page.getByRole('link', { name: title, exact: true }).click();
      await page.waitForURL((current) => current.pathname === `/projects/${project.id}`);
    });

    // 线索 → 储备 → 申报 → 立项, one step at a time through 变更阶段, dated today (the default).
    const moves: [from: string, to: string][] = [
      ['线索', '储备'],
      ['储备', '申报'],
      ['申报', '立项'],
    ];
    for (const [from, to] of moves) {
      await step(`变更阶段 ${from} → ${to}`, async () => {
        await expectProjectAt(page, from, history, today);
        await page.getByRole('button', { name: '变更阶段', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `变更阶段(当前:${from})` });
        await dialog.waitFor();
        await pickOption(page, dialog.getByLabel('变更为', { exact: true }), to);
        expect(await dialog.locator('.ant-select', { has: page.getByLabel('变更为', { exact: true }) }).textContent()).toContain(to);
        // One step: no dates of stages passed on the way are asked for.
        expect(await dialog.getByText('将依次经过').count()).toBe(0);
        expect(await dialog.getByLabel(`${to}日期`, { exact: true }).inputValue()).toBe(today);
        await dialog.getByLabel('说明', { exact: true }).fill(`浏览器测试:${from}→${to}`);

        const [moved] = await Promise.all([
          page.waitForResponse((res) => apiPath(res.url()) === `/api/projects/${project.id}/stage` && res.request().method() === 'POST'),
          dialog.getByRole('button', { name: '确定', exact: true }).click(),
        ]);
        expect(moved.status(), await moved.text()).toBe(200);
        await dialog.waitFor({ state: 'hidden' });
        history.push([from, to]);
        await expectProjectAt(page, to, history, today);
        expect(await timeline(page).locator('[data-testid^="stage-event-"]').last().textContent()).toContain(`浏览器测试:${from}→${to}`);
      });
    }
    await saveScreenshot(page, 'project-pipeline-approved');

    await step('back in 项目库: 线索, 储备 and 申报 as at the start, one more 立项', async () => {
      await page.getByRole('link', { name: '← 返回项目库', exact: true }).click();
      await page.waitForURL((current) => current.pathname === '/projects');
      await expectCounts(page, { ...start, approved: start.approved + 1 });
      expect(await stageCount(page, 'all')).toBe(startAll + 1);
    });

    await step('the 立项 tile filters the table to the 立项 projects, the new one among them', async () => {
      await page.getByTestId('stage-count-approved').click();
      await page.waitForURL((current) => current.pathname === '/projects' && current.searchParams.getAll('stage').join() === 'approved');
      const row = page.getByTestId(`project-row-${project.id}`);
      await row.waitFor();
      expect(await row.getByRole('link', { name: title, exact: true }).count()).toBe(1);
      expect((await row.locator('.ant-tag').allTextContents()).map((t) => t.trim())).toEqual(['立项']);
      await expect
        .poll(async () => (await page.locator('.ant-pagination-total-text').textContent())?.trim(), { timeout: 10_000 })
        .toBe(`共 ${start.approved + 1} 个项目`);
      // Every row shown is a 立项 project.
      const stageCells = page.locator('tr[data-testid^="project-row-"] .ant-tag');
      const shown = (await stageCells.allTextContents()).map((t) => t.trim());
      expect(shown.length).toBe(Math.min(start.approved + 1, 20));
      expect(new Set(shown)).toEqual(new Set(['立项']));
      expect(await page.getByTestId('stage-count-approved').locator('xpath=ancestor::*[@role="button"][1]').getAttribute('aria-pressed')).toBe('true');
      await saveScreenshot(page, 'project-pipeline-approved-filter');
    });
  });
});
