import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, loginAs, step, browserSuite } from '../../test/browser-harness';

/** An admin resets a user's password through the API, as the 用户管理 page does. */
async function resetPasswordAsAdmin(url: string, username: string, newPassword: string): Promise<void> {
  const json = { 'content-type': 'application/json', origin: url };
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const users = (await (await fetch(`${url}/api/users?q=${username}`, { headers: { cookie } })).json()) as {
    items: { id: number; username: string }[];
  };
  const user = users.items.find((u) => u.username === username)!;
  const reset = await fetch(`${url}/api/users/${user.id}/reset-password`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ newPassword }),
  });
  expect(reset.status).toBe(200);
}

describe('a password that must be changed', () => {
  const suite = browserSuite();

  it('keeps the user on 修改密码 until it is changed, refuses a common one, then opens the app', async () => {
    const url = suite.url;
    const page = await suite.page();

    await step('an admin resets the password; the user signs in with it and lands on 修改密码', async () => {
      await resetPasswordAsAdmin(url, 'yewu', 'Reset2024abc');
      await loginAs(page, url, 'yewu', 'Reset2024abc');
      await page.waitForURL((u) => u.pathname === '/account/password');
      await page.getByText('修改密码后才能使用系统的其他功能', { exact: false }).waitFor();
    });

    await step('any other page leads back to 修改密码', async () => {
      await page.goto(`${url}/projects`);
      await page.waitForURL((u) => u.pathname === '/account/password');
    });

    await step('a common password is refused on the form', async () => {
      await page.getByLabel('当前密码', { exact: true }).fill('Reset2024abc');
      await page.getByLabel('新密码', { exact: true }).fill('Password1');
      await page.getByLabel('确认新密码', { exact: true }).fill('Password1');
      await page.getByRole('button', { name: '保存新密码' }).click();
      await page.getByText('这个密码太常见,容易被猜中,请换一个').waitFor();
    });

    await step('a good one is saved and the app opens', async () => {
      await page.getByLabel('新密码', { exact: true }).fill('Mine2024abcd');
      await page.getByLabel('确认新密码', { exact: true }).fill('Mine2024abcd');
      const [saved] = await Promise.all([
        page.waitForResponse((res) => new URL(res.url()).pathname === '/api/auth/password'),
        page.getByRole('button', { name: '保存新密码' }).click(),
      ]);
      expect(saved.status()).toBe(200);
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByTestId('org-name').waitFor();
      await page.goto(`${url}/projects`);
      await page.waitForURL((u) => u.pathname === '/projects');
    });
  });
});
