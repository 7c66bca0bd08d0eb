import { describe, expect, it } from 'vitest';
import { ApiSession, loginAs, step, browserSuite } from '../../test/browser-harness';

// The header's 全站搜索 on a bureau of its own: a two-character query finds a project and an event,
// grouped by ledger with the words marked, and choosing one opens its page.

const PASSWORD = 'Lingchuan2025x';

describe('the header search', () => {
  const suite = browserSuite({ demo: false });

  it('finds records of two ledgers by two characters, marks them, and opens the one chosen', { timeout: 120_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;

    const project = await step('a county with a project and an event that mention 油茶', async () => {
      const { session } = await ApiSession.setUp(url, {
        division: '450323',
        name: '灵川县科学技术局',
        admin: { username: 'lcadmin', displayName: '韦红', password: PASSWORD },
        starterLists: [],
        departments: false,
      });
      const created = await session.post<{ id: number }>('/api/projects', {
        title: '高产油茶示范基地建设',
        field: 'agriculture',
        stageDates: { lead: '2025-03-02' },
      });
      await session.post('/api/events', { type: '送科技下乡', theme: '送油茶栽培技术下乡', startDate: '2025-03-05', role: 'lead' });
      return created;
    });

    await step('the admin signs in', () => loginAs(page, url, 'lcadmin', PASSWORD));

    const results = page.getByTestId('search-result');
    await step('typing 油茶 lists both, grouped, with the words marked', async () => {
      await page.getByRole('combobox', { name: '全站搜索' }).or(page.getByLabel('全站搜索')).first().fill('油茶');
      await results.nth(1).waitFor();
      const texts = await results.allTextContents();
      expect(texts.some((t) => t.includes('高产油茶示范基地建设'))).toBe(true);
      expect(texts.some((t) => t.includes('送油茶栽培技术下乡'))).toBe(true);
      expect(await results.first().locator('mark').first().textContent()).toBe('油茶');
      await page.locator('.ant-select-dropdown').getByText('项目库', { exact: true }).waitFor();
    });

    await step('choosing the project opens its page', async () => {
      await results.filter({ hasText: '高产油茶示范基地建设' }).click();
      await page.waitForURL((current) => current.pathname === `/projects/${project.id}`);
      await page.getByRole('heading', { name: '高产油茶示范基地建设' }).first().waitFor();
    });
  });
});
