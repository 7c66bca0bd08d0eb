import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, pickOption, saveScreenshot, step, browserSuite } from '../../test/browser-harness';

// A staff member (yewu, 业务股) records a 中期检查 on a demo project under way through its page
// (项目节点 → 登记节点), sees it in the card, finds it counted in the period's project figures, and
// deletes it again.

/** Today as the browser (zh-CN, Asia/Shanghai) and the server both count it. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

describe('project milestones', () => {
  const suite = browserSuite();

  it('records a 中期检查 on a project, counts it in the period and deletes it', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    const today = todayInShanghai();
    const facts = async () =>
      ((await (await page.request.get(`${url}/api/projects/facts?from=${today}&to=${today}`)).json()) as { milestones: { value: number } }).milestones.value;

    const { project, before } = await step('staff sign in; a project under way and the milestones counted today', async () => {
      await loginAs(page, url, 'yewu', DEMO_PASSWORD);
      const projects = await page.request.get(`${url}/api/projects?stage=ongoing&pageSize=1`);
      expect(projects.ok()).toBe(true);
      const first = ((await projects.json()) as { items: { id: number; title: string }[] }).items[0];
      expect(first).toBeDefined();
      return { project: first, before: await facts() };
    });

    const milestone = await step('登记节点: a 中期检查 with a note', async () => {
      await page.goto(`${url}/projects/${project.id}`);
      const card = page.getByTestId('milestones-card');
      await card.getByText('暂无项目节点', { exact: false }).waitFor();
      await card.getByRole('button', { name: '登记节点' }).click();
      const dialog = page.getByRole('dialog', { name: '登记项目节点' });
      await dialog.waitFor();
      await pickOption(page, dialog.getByLabel('节点类型'), '中期检查');
      await dialog.getByLabel('说明').fill('浏览器测试:专家组现场检查');
      const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/projects/${project.id}/milestones`);
      await dialog.getByRole('button', { name: '保存' }).click();
      const response = await saved;
      expect(response.status()).toBe(200);
      await dialog.waitFor({ state: 'hidden' });
      return (await response.json()) as { id: number };
    });

    const row = page.getByTestId(`milestone-row-${milestone.id}`);
    await step("the card shows it, and the period's figures count it", async () => {
      await row.waitFor();
      expect(await row.textContent()).toContain('中期检查');
      expect(await row.textContent()).toContain('浏览器测试:专家组现场检查');
      await expect.poll(facts).toBe(before + 1);
      await saveScreenshot(page, 'project-milestones');
    });

    await step('删除 takes it off the card and out of the figures', async () => {
      await row.getByRole('button', { name: '删除' }).click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
      await row.waitFor({ state: 'detached' });
      await expect.poll(facts).toBe(before);
    });
  });
});
