import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { Factories } from '../test/factories.js';
import { type TestApp, createTestApp } from '../test/harness.js';
import * as password from './password.js';

// Every password check the server makes goes through this spy, so a test can count them.
vi.mock('./password.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password.js')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const verifyPassword = vi.mocked(password.verifyPassword);

let t: TestApp;
let org: OrgRow;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.factories.org();
});
afterAll(() => t.close());
beforeEach(() => verifyPassword.mockClear());

/** 39 wrong guesses and the right password, all at once; the right one is sent last. */
async function burst(username: string) {
  const guesses = [...Array.from({ length: 39 }, (_, i) => `Guess${i}x2014`), Factories.DEFAULT_PASSWORD];
  return Promise.all(guesses.map((p) => t.anonymous().post('/api/auth/login', { username, password: p })));
}

describe('lockout under parallel guesses', () => {
  it('checks at most five passwords of a burst of forty, and the right one sent after them does not get in', async () => {
    const user = await t.factories.user({ org, username: 'burst_target' });
    const answers = await burst('burst_target');
    const statuses = answers.map((a) => a.status);
    expect(verifyPassword.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(36);
    expect(answers.filter((a) => a.status === 423).every((a) => a.body.error.code === 'ACCOUNT_LOCKED')).toBe(true);
    const row = await t.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(5);
    expect(new Date(row.locked_until!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // And the lock holds afterwards, without checking anything.
    const later = await t.anonymous().post('/api/auth/login', { username: 'burst_target', password: Factories.DEFAULT_PASSWORD });
    expect(later.status).toBe(423);
    expect(verifyPassword.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('answers a burst against an unknown username the same way', async () => {
    const answers = await burst('burst_nobody');
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(36);
  });

  it('lets the right password in when it is among the first five', async () => {
    await t.factories.user({ org, username: 'burst_owner' });
    const first = t.anonymous().post('/api/auth/login', { username: 'burst_owner', password: Factories.DEFAULT_PASSWORD });
    const wrong = Array.from({ length: 3 }, (_, i) => t.anonymous().post('/api/auth/login', { username: 'burst_owner', password: `Guess${i}x2014` }));
    const [right, ...rest] = await Promise.all([first, ...wrong]);
    expect(right.status).toBe(200);
    expect(rest.map((r) => r.status)).toEqual([401, 401, 401]);
  });
});
