import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, pickOption, step, browserSuite } from '../../test/browser-harness';

// The roster and the service logs on the demo bureau (terms and logs of 2013–2015): filters live in
// the URL, and the buttons follow what the server allows — a leader (juzhang) may edit the roster,
// record support and confirm logs; staff (yewu) may edit the roster but neither record support nor
// touch a confirmed log.

describe('commissioners and service logs', () => {
  const suite = browserSuite();

  it('a leader filters the roster in the URL, finds every button on a profile, and 审核 on unconfirmed logs', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    await step('the leader signs in', () => loginAs(page, url, 'juzhang', DEMO_PASSWORD));

    await step('the roster: 登记特派员, a status filter in the URL, 清除筛选', async () => {
      await page.goto(`${url}/commissioners`);
      await page.getByText(/^共 \d+ 人/).waitFor();
      expect(await page.locator('[data-testid^="commissioner-row-"]').count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: '登记特派员' }).count()).toBe(1);
      await pickOption(page, page.getByLabel('状态筛选'), '在岗');
      await page.waitForURL(/status=active/);
      await page.getByText('清除筛选').click();
      await page.waitForURL((u) => !u.search.includes('status'));
    });

    await step("a profile opened from the roster of 2014 has the leader's buttons", async () => {
      await page.goto(`${url}/commissioners?year=2014`);
      await page.getByText(/^共 \d+ 人/).waitFor();
      await page.locator('[data-testid^="commissioner-row-"] a').first().click();
      await page.getByText('基本情况').waitFor();
      for (const name of ['编辑档案', '代为登记', '登记支持', '设置考核等次']) expect(await page.getByRole('button', { name }).count(), name).toBe(1);
      expect(await page.locator('[data-testid^="service-log-row-"]').count()).toBeGreaterThan(0);
    });

    await step('an id that is no number, and one that is no commissioner: 特派员不存在', async () => {
      await page.goto(`${url}/commissioners/abc`);
      await page.getByText('特派员不存在').waitFor();
      await page.goto(`${url}/commissioners/99999`);
      await page.getByText('特派员不存在').waitFor();
    });

    await step('服务日志 filtered in the URL to unconfirmed logs: 审核 on them', async () => {
      await page.goto(`${url}/service-logs?confirmed=no&from=2013-01-01`);
      await page.getByText(/^共 \d+ 条/).waitFor();
      expect(await page.getByRole('button', { name: '审核', exact: true }).count()).toBeGreaterThan(0);
    });
  });

  it('staff find confirmed logs locked and no 审核, and may edit a profile but not record support', { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    await step('staff sign in', () => loginAs(page, url, 'yewu', DEMO_PASSWORD));

    await step('服务日志: confirmed logs 已锁定, no 审核', async () => {
      await page.goto(`${url}/service-logs`);
      await page.getByText(/^共 \d+ 条/).waitFor();
      expect(await page.getByText('已锁定').count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: '审核', exact: true }).count()).toBe(0);
    });

    await step('a profile: 编辑档案, but no 登记支持 (leaders and admins only)', async () => {
      await page.goto(`${url}/commissioners`);
      await page.locator('[data-testid^="commissioner-row-"] a').first().click();
      await page.getByText('基本情况').waitFor();
      await page.getByRole('button', { name: '编辑档案' }).waitFor();
      expect(await page.getByRole('button', { name: '登记支持' }).count()).toBe(0);
    });
  });
});
