import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type RunningServer,
  closePage,
  launchBrowser,
  loginAs,
  newPage,
  saveScreenshot,
  startServer,
  submitLoginForm,
} from '../../test/browser-harness';

describe('login page', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    // Chromium first: when it is missing the test fails at once, without starting a server.
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    await closePage(page, task);
    page = undefined;
  });

  it('signs a staff member in and shows the home page of their bureau', async () => {
    page = await newPage(browser!);
    await loginAs(page, server!.url, 'yewu', DEMO_PASSWORD);

    const orgName = page.getByTestId('org-name');
    await orgName.waitFor();
    expect(await orgName.textContent()).toBe('上犹县科技局');
    await page.getByRole('heading', { name: '欢迎,王丽(业务股)', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await saveScreenshot(page, 'home-after-login');
  });

  it('shows 用户名或密码错误 for a wrong password and stays on /login', async () => {
    page = await newPage(browser!);
    const response = await submitLoginForm(page, server!.url, 'yewu', 'wrong-password');
    expect(response.status()).toBe(401);

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
