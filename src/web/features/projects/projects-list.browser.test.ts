import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, step, browserSuite } from '../../test/browser-harness';

// 项目库's list keeps its filters, search and order in the URL: a URL with filters that make no sense
// shows no project and 清除筛选 clears it; a search and a sort by 项目名称 go into the URL; an unknown
// project says 项目不存在.

describe('the projects list', () => {
  const suite = browserSuite();

  it('keeps filters, search and order in the URL, clears them, and says when a project does not exist', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    await step('staff sign in', () => loginAs(page, url, 'yewu', DEMO_PASSWORD));

    await step('filters that make no sense show no project; 清除筛选 empties the URL', async () => {
      await page.goto(`${url}/projects?townId=abc&page=0&level=city`);
      await page.getByText('没有符合条件的项目').waitFor();
      await page.getByRole('button', { name: '清除筛选' }).click();
      await page.getByText(/共 \d+ 个项目/).waitFor();
      await expect.poll(() => new URL(page.url()).search).toBe('');
    });

    await step('a search that finds nothing, then cleared', async () => {
      await page.getByLabel('搜索项目').fill('zzzz不存在');
      await page.getByLabel('搜索项目').press('Enter');
      await page.getByText('没有符合条件的项目').waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe('zzzz不存在');
      await page.getByRole('button', { name: '清除筛选' }).click();
      await page.getByText(/共 \d+ 个项目/).waitFor();
    });

    await step('导出Excel downloads the list under its search, named and titled in Chinese', async () => {
      await page.getByLabel('搜索项目').fill('茶');
      await page.getByLabel('搜索项目').press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('茶');
      // What the list holds under the search, as the API counts it for this user.
      const listed = (await (await page.request.get(`${url}/api/projects?q=${encodeURIComponent('茶')}&pageSize=1`)).json()) as { total: number };
      expect(listed.total).toBeGreaterThan(0);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
      expect(download.suggestedFilename()).toMatch(/^项目库-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.worksheets[0];
      expect(String(sheet.getCell('A2').value)).toContain('关键词“茶”');
      // Title, filter line and header above the records: as many records as the list counts.
      expect(sheet.actualRowCount - 3).toBe(listed.total);
      await page.getByRole('button', { name: '清除筛选' }).click();
      await page.getByText(/共 \d+ 个项目/).waitFor();
    });

    await step('项目名称 sorts ascending, then back to the default order', async () => {
      await page.getByRole('columnheader', { name: '项目名称' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title');
      await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe('asc');
      await page.getByRole('columnheader', { name: '项目名称' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe(null);
    });

    await step('项目不存在 for an unknown id and for one that is no number', async () => {
      await page.goto(`${url}/projects/999999`);
      await page.getByText('项目不存在').waitFor();
      await page.goto(`${url}/projects/abc`);
      await page.getByText('项目不存在').waitFor();
    });
  });
});
