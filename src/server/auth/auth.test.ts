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
      // No count of tries left: that would tell a real account from an unknown name.
      expect(res.body.error.message).toBe('用户名或密码错误');
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

  it('answers an unknown username exactly as a real one, wrong tries and lock alike', async () => {
    await t.factories.user({ org, username: 'probe_real' });
    const answers = async (username: string) => {
      const out: { status: number; code: string; message: string }[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await t.anonymous().post('/api/auth/login', { username, password: 'wrong' });
        // The unlock time names a minute that may differ between the two runs.
        out.push({ status: res.status, code: res.body.error.code, message: res.body.error.message.replace(/\d\d:\d\d/, 'HH:MM') });
      }
      return out;
    };
    const real = await answers('probe_real');
    const unknown = await answers('probe_ghost');
    expect(unknown).toEqual(real);
    expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(real[0].message).toBe('用户名或密码错误');
    expect(real[4].message).toBe('密码连续输错5次,账号已锁定15分钟,请于HH:MM后再试或联系管理员重置密码');
    expect(real[5].message).toBe('密码连续输错5次,账号已锁定,请于HH:MM后再试或联系管理员重置密码');
  });

  it('counts again from one when a lock has run out', async () => {
    const user = await t.factories.user({ org, username: 'expired_lock' });
    for (let i = 0; i < 5; i++) await t.anonymous().post('/api/auth/login', { username: 'expired_lock', password: 'wrong' });
    const past = new Date(Date.now() - 1000).toISOString();
    await t.database.db.updateTable('users').set({ locked_until: past }).where('id', '=', user.id).execute();
    const wrong = await t.anonymous().post('/api/auth/login', { username: 'expired_lock', password: 'wrong' });
    expect(wrong.status).toBe(401);
    const row = await t.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 1, locked_until: null });
    expect((await t.anonymous().post('/api/auth/login', { username: 'expired_lock', password: Factories.DEFAULT_PASSWORD })).status).toBe(200);
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

it('refuses control characters in a password and unknown fields with VALIDATION, without counting a wrong try', async () => {
  const user = await t.factories.user({ org, role: 'staff' });
  for (const password of [`${Factories.DEFAULT_PASSWORD}\u0000`, 'ab\u0007cd12', 'x\uFFFEy1']) {
    const res = await t.anonymous().post('/api/auth/login', { username: user.username, password });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不能包含控制字符') });
  }
  const extra = await t.anonymous().post('/api/auth/login', { username: user.username, password: Factories.DEFAULT_PASSWORD, remember: true });
  expect(extra.status).toBe(400);
  expect(extra.body.error.message).toContain('remember');
  const row = await t.database.db.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow();
  expect(row.failed_logins).toBe(0);
  const client = await t.login(user.username);
  const change = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Neues\u001bPass99' });
  expect(change.status).toBe(400);
  expect(change.body.error.details[0]).toMatchObject({ path: 'newPassword' });
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
      const res = await proxied
        .anonymous({ origin: 'https://keguan.example.gov.cn' })
        .request(
          'POST',
          '/api/auth/login',
          { username: 'viaproxy', password: Factories.DEFAULT_PASSWORD },
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

describe('password change, guarded', () => {
  it('counts wrong current passwords toward the lockout: the fifth locks the account and ends its sessions', async () => {
    await t.factories.user({ org, username: 'guesser' });
    const client = await t.login('guesser');
    const other = await t.login('guesser');
    for (let i = 1; i <= 4; i++) {
      const res = await client.post('/api/auth/password', { currentPassword: `guess${i}`, newPassword: 'Another2014x' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('当前密码不正确');
    }
    const fifth = await client.post('/api/auth/password', { currentPassword: 'guess5', newPassword: 'Another2014x' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    const login = await t.anonymous().post('/api/auth/login', { username: 'guesser', password: Factories.DEFAULT_PASSWORD });
    expect(login.status).toBe(423);
  });

  it('shares the count with logins: wrong logins and wrong current passwords add up to five', async () => {
    await t.factories.user({ org, username: 'mixed' });
    const client = await t.login('mixed');
    for (let i = 0; i < 3; i++) await t.anonymous().post('/api/auth/login', { username: 'mixed', password: 'wrong' });
    expect((await client.post('/api/auth/password', { currentPassword: 'bad1', newPassword: 'Another2014x' })).status).toBe(400);
    expect((await client.post('/api/auth/password', { currentPassword: 'bad2', newPassword: 'Another2014x' })).status).toBe(423);
  });

  it('a right current password clears the count', async () => {
    await t.factories.user({ org, username: 'recovers' });
    const client = await t.login('recovers');
    for (let i = 0; i < 4; i++) await client.post('/api/auth/password', { currentPassword: 'bad', newPassword: 'Another2014x' });
    expect((await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Another2014x' })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await t.anonymous().post('/api/auth/login', { username: 'recovers', password: 'wrong' })).status).toBe(401);
    }
  });

  it("revokes all of the user's API tokens", async () => {
    await t.factories.user({ org, username: 'tokenholder' });
    const client = await t.login('tokenholder');
    const created = await client.post('/api/auth/tokens', { name: '脚本' });
    const script = t.anonymous({ origin: null });
    const bearer = { authorization: `Bearer ${created.body.secret}` };
    expect((await script.request('GET', '/api/auth/me', undefined, bearer)).status).toBe(200);
    expect((await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Another2014x' })).status).toBe(200);
    expect((await script.request('GET', '/api/auth/me', undefined, bearer)).status).toBe(401);
    expect((await client.get('/api/auth/tokens')).body.items).toEqual([]);
  });
});

describe('password policy', () => {
  it('refuses common passwords, the published demo password and passwords of only spaces, in Chinese on the field', async () => {
    await t.factories.user({ org, username: 'policy' });
    const client = await t.login('policy');
    const cases: [string, string][] = [
      ['password1', '这个密码太常见,容易被猜中,请换一个'],
      ['Password1', '这个密码太常见,容易被猜中,请换一个'],
      ['woaini1314', '这个密码太常见,容易被猜中,请换一个'],
      ['keguan2014', '这个密码太常见,容易被猜中,请换一个'],
      ['          ', '密码不能只有空格'],
      ['abcdefgh', '密码须同时包含字母和数字'],
      ['short1', '密码至少8位'],
    ];
    for (const [newPassword, message] of cases) {
      const res = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details[0], newPassword).toMatchObject({ path: 'newPassword', message });
    }
  });

  it('refuses the demo password this server was started with, wherever a password is set', async () => {
    const custom = await createTestApp({ demoPassword: 'Pilot2024demo' });
    try {
      const o = await custom.factories.org();
      const staff = await custom.factories.user({ org: o, username: 'demo_staff' });
      await custom.factories.user({ org: o, role: 'admin', username: 'demo_admin' });
      const client = await custom.login('demo_staff');
      const change = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Pilot2024demo' });
      expect(change.status).toBe(400);
      expect(change.body.error.details[0]).toMatchObject({ path: 'newPassword', message: '不能使用演示账号的公开密码' });
      const admin = await custom.login('demo_admin');
      const reset = await admin.post(`/api/users/${staff.id}/reset-password`, { newPassword: 'Pilot2024demo' });
      expect(reset.status).toBe(400);
      expect(reset.body.error.details[0]).toMatchObject({ path: 'newPassword', message: '不能使用演示账号的公开密码' });
      const create = await admin.post('/api/users', { username: 'demo_new', displayName: '新人', role: 'staff', password: 'Pilot2024demo' });
      expect(create.status).toBe(400);
      expect(create.body.error.details[0]).toMatchObject({ path: 'password', message: '不能使用演示账号的公开密码' });
      // A stronger one still goes through.
      expect((await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Pilot2024mine' })).status).toBe(200);
    } finally {
      await custom.close();
    }
  });
});

describe('must change password', () => {
  it('lets a user with a reset password do nothing but read who they are, log out and change it', async () => {
    const user = await t.factories.user({ org, username: 'fresh' });
    await t.database.db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', user.id).execute();
    const client = await t.login('fresh');
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);
    for (const [method, url, body] of [
      ['GET', '/api/auth/tokens', undefined],
      ['POST', '/api/auth/tokens', { name: 'x' }],
      ['GET', '/api/places', undefined],
      ['GET', '/api/projects', undefined],
    ] as const) {
      const res = await client.request(method, url, body);
      expect(res.status, url).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MUST_CHANGE_PASSWORD' } });
      expect(res.body.error.message).toContain('请先修改密码');
    }
    const change = await client.post('/api/auth/password', { currentPassword: Factories.DEFAULT_PASSWORD, newPassword: 'Fresh2014mine' });
    expect(change.status).toBe(200);
    expect((await client.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await client.get('/api/auth/tokens')).status).toBe(200);
    expect((await client.get('/api/places')).status).toBe(200);
  });

  it('holds for an API token too, and logout still works', async () => {
    const user = await t.factories.user({ org, username: 'fresh_token' });
    const client = await t.login('fresh_token');
    const secret: string = (await client.post('/api/auth/tokens', { name: '脚本' })).body.secret;
    await t.database.db.updateTable('users').set({ must_change_password: 1 }).where('id', '=', user.id).execute();
    const script = t.anonymous({ origin: null });
    const res = await script.request('GET', '/api/places', undefined, { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual({ reason: 'MUST_CHANGE_PASSWORD' });
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('authenticate first', () => {
  it('answers every non-public API route 401 to an anonymous caller before looking at the input', async () => {
    const spec = (await t.anonymous().get('/api/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
    // Set-up and the division list it shows are public: nobody can sign in before set-up (issue 12).
    const publicRoutes = new Set([
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/health',
      'GET /api/setup',
      'POST /api/setup',
      'GET /api/divisions',
    ]);
    const answered: Record<string, number> = {};
    for (const [path, methods] of Object.entries(spec.paths)) {
      // Parameters get values no schema accepts, bodies and queries too.
      const url = `${path.replace(/\{[^}]+\}/g, 'not-a-number')}?page=-1&pageSize=abc&from=yesterday`;
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (publicRoutes.has(key)) continue;
        const body = ['post', 'put', 'patch'].includes(method) ? { unexpected: '\u0000', name: 12, id: 'x' } : undefined;
        const res = await t.anonymous().request(method.toUpperCase() as 'GET', url, body);
        answered[key] = res.status;
      }
    }
    expect(Object.keys(answered).length).toBeGreaterThan(50);
    const not401 = Object.entries(answered).filter(([, status]) => status !== 401);
    expect(not401).toEqual([]);
  });

  it('still validates input once signed in, and keeps the public routes open', async () => {
    const client = await t.login('yewu');
    const res = await client.post('/api/auth/tokens', { name: 12 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect((await t.anonymous().post('/api/auth/login', { username: 'yewu' })).status).toBe(400);
  });
});

describe('empty bodies', () => {
  it('accepts a POST with no body and no content type on action endpoints (logout, undo)', async () => {
    const client = await t.login('yewu');
    const undo = await client.request('POST', '/api/projects/999999/stage/undo');
    expect(undo.status).not.toBe(415);
    expect(undo.body.error.code).toBe('NOT_FOUND');
    const out = await client.request('POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('still refuses a body without a content type, and a cross-site bare POST', async () => {
    const client = await t.login('yewu');
    const raw = await client.request('POST', '/api/auth/tokens', Buffer.from('{"name":"x"}'));
    expect(raw.status).toBe(415);
    const evil = await client.request('POST', '/api/projects/999999/stage/undo', undefined, { origin: 'https://evil.example.com' });
    expect(evil.status).toBe(403);
  });
});

describe('expired sessions', () => {
  it('are purged from the database when anyone logs in', async () => {
    const sleeper = await t.factories.user({ org, username: 'sleeper' });
    await t.login('sleeper');
    await t.login('sleeper');
    const sessions = () => t.database.db.selectFrom('sessions').select('id').where('user_id', '=', sleeper.id).execute();
    const [a, b] = await sessions();
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', a.id)
      .execute();
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', b.id)
      .execute();
    await t.login('yewu');
    expect(await sessions()).toEqual([]);
  });
});

describe('API tokens', () => {
  it('are shown once, work as Bearer without Origin, and stop working when revoked', async () => {
    // A user of their own, so the list holds only this test's token.
    const user = await t.factories.user({ org });
    const client = await t.login(user.username);
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
    expect(asToken.body.user.username).toBe(user.username);
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
    const thief = await t.login((await t.factories.user({ org })).username);
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
