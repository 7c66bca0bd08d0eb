import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { Factories } from '../test/factories.js';
import { type TestApp, createTestApp } from '../test/harness.js';
import { SESSION_COOKIE } from './plugin.js';

let t: TestApp;
let org: OrgRow;

beforeAll(async () => {
  t = await createTestApp({ sessionIdleMinutes: 30, sessionMaxHours: 8 });
  org = await t.factories.org({ name: '上犹县科技局' });
  const section = await t.factories.section(org, '业务股');
  await t.factories.user({ org, role: 'staff', section, username: 'yewu', displayName: '业务股张三' });
});
afterAll(() => t.close());

describe('login', () => {
  it('signs in with the right password, sets an httpOnly SameSite=Lax cookie, and /me returns the user', async () => {
    const client = t.anonymous();
    const res = await client.post('/api/auth/login', { username: 'yewu', password: Factories.DEFAULT_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'yewu', displayName: '业务股张三', role: 'staff', section: { name: '业务股' } });
    expect(res.body.user.org.name).toBe('上犹县科技局');
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('yewu');
  });

  it('accepts the username in any letter case', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'YEWU', password: Factories.DEFAULT_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('rejects a wrong password and an unknown user with the same Chinese message and no cookie', async () => {
    const wrong = await t.anonymous().post('/api/auth/login', { username: 'yewu', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.error.message).toMatch(/^用户名或密码错误/);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await t.anonymous().post('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('用户名或密码错误');
    // A successful login resets the count for the next test.
    await t.login('yewu');
  });

  it('locks the account after five wrong passwords, even against the right one, and an admin reset unlocks it', async () => {
    const user = await t.factories.user({ org, username: 'locky' });
    const admin = await t.factories.user({ org, role: 'admin', username: 'admin_lock' });
    for (let i = 1; i <= 4; i++) {
      const res = await t.anonymous().post('/api/auth/login', { username: 'locky', password: 'wrong' });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toContain(`还可尝试${5 - i}次`);
    }
    const fifth = await t.anonymous().post('/api/auth/login', { username: 'locky', password: 'wrong' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.error.message).toContain('锁定');
    const right = await t.anonymous().post('/api/auth/login', { username: 'locky', password: Factories.DEFAULT_PASSWORD });
    expect(right.status).toBe(423);
    // The lock is a row in the database, so every instance sees it.
    const row = await t.database.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(new Date(row.locked_until!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    const adminClient = await t.login(admin.username);
    const reset = await adminClient.post(`/api/users/${user.id}/reset-password`, { newPassword: 'NewPass2014' });
    expect(reset.status).toBe(200);
    const after = await t.anonymous().post('/api/auth/login', { username: 'locky', password: 'NewPass2014' });
    expect(after.status).toBe(200);
    expect(after.body.user.mustChangePassword).toBe(true);
  });

  it('refuses a disabled account', async () => {
    const user = await t.factories.user({ org, username: 'gone' });
    await t.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    const res = await t.anonymous().post('/api/auth/login', { username: 'gone', password: Factories.DEFAULT_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('停用');
  });

  it('answers a missing or too-long field with VALIDATION and the failing field', async () => {
    const missing = await t.anonymous().post('/api/auth/login', { username: 'yewu' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION');
    expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'password' })]));
    const long = await t.anonymous().post('/api/auth/login', { username: 'x'.repeat(65), password: 'a' });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0]).toMatchObject({ path: 'username', message: '用户名不能超过64个字' });
  });
});

describe('sessions', () => {
  it('answers 401 without a cookie, and with an unknown cookie', async () => {
    const res = await t.anonymous().get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const forged = t.anonymous();
    forged.setCookie(SESSION_COOKIE, 'forged-token');
    expect((await forged.get('/api/auth/me')).status).toBe(401);
  });

  it('logs out: the session is gone from the database and the cookie no longer works', async () => {
    const client = await t.login('yewu');
    const token = client.cookie(SESSION_COOKIE)!;
    const out = await client.post('/api/auth/logout', {});
    expect(out.status).toBe(200);
    const replay = t.anonymous();
    replay.setCookie(SESSION_COOKIE, token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('expires a session that sat idle past its limit, saying so in Chinese', async () => {
    const client = await t.login('yewu');
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'yewu').executeTakeFirstOrThrow();
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ last_seen_at: longAgo }).where('user_id', '=', user.id).execute();
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('登录已过期,请重新登录');
  });

  it('expires a session past its absolute limit even when active', async () => {
    const client = await t.login('yewu');
    const past = new Date(Date.now() - 1000).toISOString();
    const token = client.cookie(SESSION_COOKIE)!;
    const { sha256 } = await import('./service.js');
    await t.database.db.updateTable('sessions').set({ expires_at: past }).where('id', '=', sha256(token)).execute();
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const client = await t.login('yewu');
    const token = client.cookie(SESSION_COOKIE)!;
    const row = await t.database.db.selectFrom('sessions').select('id').where('id', '=', token).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('marks the cookie Secure behind a proxy that says the request was HTTPS', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const o = await proxied.factories.org();
      await proxied.factories.user({ org: o, username: 'viaproxy' });
      const res = await proxied.anonymous({ origin: 'https://keguan.example.gov.cn' }).request(
        'POST', '/api/auth/login', { username: 'viaproxy', password: Factories.DEFAULT_PASSWORD },
        { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'keguan.example.gov.cn' },
      );
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });
});

describe('password change', () => {
  it('needs the current password, then ends the other sessions but keeps this one', async () => {
    await t.factories.user({ org, username: 'changer' });
    const other = await t.login('changer');
    const client = await t.login('changer');
    const wrong = await client.post('/api/auth/password', { currentPassword: 'bad', newPassword: 'Another2014' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('当前密码不正确');
    const weak = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const ok = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Another2014' });
    expect(ok.status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await t.anonymous().post('/api/auth/login', { username: 'changer', password: 'Another2014' })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('are shown once, work as Bearer without Origin, and stop working when revoked', async () => {
    const client = await t.login('yewu');
    const created = await client.post('/api/auth/tokens', { name: '统计脚本' });
    expect(created.status).toBe(200);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^kg_/);
    const list = await client.get('/api/auth/tokens');
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const script = t.anonymous({ origin: null });
    const asToken = await script.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${secret}` });
    expect(asToken.status).toBe(200);
    expect(asToken.body.user.username).toBe('yewu');
    const postAsToken = await script.request('POST', '/api/auth/tokens', { name: '脚本建的' }, { authorization: `Bearer ${secret}` });
    expect(postAsToken.status).toBe(200);

    const revoke = await client.delete(`/api/auth/tokens/${created.body.token.id}`);
    expect(revoke.status).toBe(200);
    const after = await script.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${secret}` });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('令牌');
  });

  it("cannot revoke another user's token", async () => {
    const mine = await t.login('yewu');
    const token = await mine.post('/api/auth/tokens', { name: '我的' });
    await t.factories.user({ org, username: 'thief' });
    const thief = await t.login('thief');
    expect((await thief.delete(`/api/auth/tokens/${token.body.token.id}`)).status).toBe(404);
  });
});

describe('cross-site protection', () => {
  it('refuses a post from another origin or with no origin, even with a valid session', async () => {
    const client = await t.login('yewu');
    const evil = await client.request('POST', '/api/auth/tokens', { name: 'x' }, { origin: 'https://evil.example.com' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.message).toBe('跨站请求已被拒绝');
    const noOrigin = t.anonymous({ origin: null });
    const res = await noOrigin.post('/api/auth/login', { username: 'yewu', password: Factories.DEFAULT_PASSWORD });
    expect(res.status).toBe(403);
  });

  it('refuses a form-encoded or text/plain body, which a cross-site form could send', async () => {
    const client = await t.login('yewu');
    const form = await client.request('POST', '/api/auth/tokens', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await client.request('POST', '/api/auth/tokens', '{"name":"x"}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const tokens = await client.get('/api/auth/tokens');
    expect(tokens.body.items.map((i: { name: string }) => i.name)).not.toContain('x');
  });

  it('answers a malformed JSON body with BAD_REQUEST in Chinese', async () => {
    const client = await t.login('yewu');
    const res = await client.request('POST', '/api/auth/tokens', '{"name": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.message).toBe('请求内容不是有效的 JSON');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.anonymous().request('POST', '/api/auth/login', JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
