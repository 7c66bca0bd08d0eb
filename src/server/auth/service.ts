import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiToken, LoginBody, Me } from '../../shared/auth.js';
import type { OrgLevel, Role } from '../../shared/roles.js';
import { recordChange } from '../audit/service.js';
import type { AppConfig } from '../config.js';
import { type Ctx, inTransaction } from '../context.js';
import type { DB } from '../db/types.js';
import { AppError, notFound } from '../http/errors.js';
import type { Actor } from './actor.js';
import { assertPasswordAllowed, burnVerifyTime, hashPassword, verifyPassword } from './password.js';
import { listChildren } from '../orgs/repo.js';
import { mePolicies } from './policies.js';
import * as repo from './repo.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** How often a session's or token's last-seen time is written (not on every request). */
const TOUCH_INTERVAL_MS = 60_000;
export const API_TOKEN_PREFIX = 'kg_';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function minutesFrom(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

function formatChinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(11, 16);
}

export interface LoginResult {
  sessionToken: string;
  expiresAt: string;
  user: Me;
}

const WRONG_CREDENTIALS = '用户名或密码错误';
/** Failure counts of unknown names are kept this long after their last try (purged at logins). */
const UNKNOWN_NAME_MEMORY_HOURS = 24;

function lockedError(lockedUntil: string | null, justNow: boolean): AppError {
  const when = lockedUntil ? `请于${formatChinaTime(lockedUntil)}后再试` : `请${LOCK_MINUTES}分钟后再试`;
  return new AppError(
    'ACCOUNT_LOCKED',
    justNow
      ? `密码连续输错${MAX_FAILED_LOGINS}次,账号已锁定${LOCK_MINUTES}分钟,${when}或联系管理员重置密码`
      : `密码连续输错${MAX_FAILED_LOGINS}次,账号已锁定,${when}或联系管理员重置密码`,
    { lockedUntil },
  );
}

/** Housekeeping done at each successful login: sessions past their limits, and old counts of unknown names. */
async function purgeExpired(db: Kysely<DB>, config: AppConfig, now: Date): Promise<void> {
  try {
    await repo.deleteExpiredSessions(db, now.toISOString(), minutesFrom(now, -config.sessionIdleMinutes).toISOString());
    await repo.deleteStaleLoginFailures(db, now.toISOString(), minutesFrom(now, -UNKNOWN_NAME_MEMORY_HOURS * 60).toISOString());
  } catch {
    // Housekeeping only: a busy database must not turn a good login away; the next login tries again.
  }
}

/**
 * Checks a username and password and opens a session. Five wrong passwords in a row lock the
 * account for 15 minutes; the count and the lock live in the database, so they hold across
 * instances. Each check is claimed first by a conditional update (repo.claimUserLoginAttempt), so
 * parallel guesses get no more checks than sequential ones. A username of no account is counted
 * and locked the same way and answered with the same words, so the answers never say which
 * names exist.
 */
export async function login(db: Kysely<DB>, config: AppConfig, input: LoginBody, meta: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db, input.username);
  const now = new Date();
  const lockUntil = minutesFrom(now, LOCK_MINUTES).toISOString();
  const target = user ? { userId: user.id } : { name: input.username.toLowerCase() };
  const attempt = user
    ? await repo.claimUserLoginAttempt(db, user.id, now.toISOString(), lockUntil, MAX_FAILED_LOGINS)
    : await repo.claimUnknownNameLoginAttempt(db, input.username.toLowerCase(), now.toISOString(), lockUntil, MAX_FAILED_LOGINS);
  if (!attempt) throw lockedError(await repo.findLockedUntil(db, target), false);

  // An unknown name takes as long as a wrong password.
  const right = user ? await verifyPassword(user.password_hash, input.password) : await burnVerifyTime(input.password).then(() => false);
  if (!user || !right) {
    // The claim counted this try already; the one that reached the limit has locked the account.
    if (attempt.locked_until) throw lockedError(attempt.locked_until, true);
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  if (user.disabled) throw new AppError('UNAUTHENTICATED', '账号已停用,请联系管理员');
  if (await repo.isUserOrgBlocked(db, user.id)) {
    // The password was right: it must not count toward a lock the person could do nothing about.
    await repo.clearLoginFailures(db, user.id);
    throw orgInactiveError();
  }

  const sessionToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3600_000).toISOString();
  await repo.markLoginSucceeded(db, user.id, now.toISOString());
  await repo.insertSession(db, {
    id: sha256(sessionToken),
    userId: user.id,
    nowIso: now.toISOString(),
    expiresIso: expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await purgeExpired(db, config, now);
  return { sessionToken, expiresAt, user: await loadMe(db, user.id) };
}

/** `details.reason` of the 401 a user of an inactive organisation (or of one below it) gets. */
export const ORG_INACTIVE = 'ORG_INACTIVE';

/** The answer to a user whose organisation, or one above it, has been deactivated. */
export function orgInactiveError(): AppError {
  return new AppError('UNAUTHENTICATED', '您所在的单位已停用，无法登录；如有疑问，请联系上级单位的系统管理员', { reason: ORG_INACTIVE });
}

type ActorRow = {
  id: number;
  username: string;
  display_name: string;
  role: string;
  org_id: number;
  section_id: number | null;
  disabled: number;
  must_change_password: number;
  org_path: string;
};

function toActor(row: ActorRow, via: Actor['via'], sessionId: string | null): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    orgId: row.org_id,
    orgPath: row.org_path,
    sectionId: row.section_id,
    via,
    sessionId,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * The actor behind a session cookie, 'expired' for a session past its idle or absolute limit,
 * 'org-inactive' (the session is ended) when the user's organisation or one above it is inactive, or null.
 */
export async function authenticateSession(db: Kysely<DB>, config: AppConfig, token: string): Promise<Actor | 'expired' | 'org-inactive' | null> {
  const id = sha256(token);
  const row = await repo.findSessionWithUser(db, id);
  if (!row) return null;
  const now = new Date();
  const idleLimit = minutesFrom(new Date(row.last_seen_at), config.sessionIdleMinutes);
  if (row.expires_at <= now.toISOString() || idleLimit <= now || row.disabled) {
    await repo.deleteSession(db, id);
    return 'expired';
  }
  if (Number(row.org_blocked) === 1) {
    await repo.deleteSession(db, id);
    return 'org-inactive';
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, id, now.toISOString());
  }
  return toActor(row, 'session', id);
}

/**
 * The actor behind a personal API token, null when it is unknown, revoked or its user disabled,
 * 'org-inactive' while the user's organisation or one above it is inactive (the token is kept).
 */
export async function authenticateToken(db: Kysely<DB>, token: string): Promise<Actor | 'org-inactive' | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await repo.findTokenWithUser(db, sha256(token));
  if (!row || row.revoked_at || row.disabled) return null;
  if (Number(row.org_blocked) === 1) return 'org-inactive';
  const now = new Date();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchToken(db, row.token_id, now.toISOString());
  }
  return toActor(row, 'token', null);
}

export async function logout(db: Kysely<DB>, token: string): Promise<void> {
  await repo.deleteSession(db, sha256(token));
}

export async function loadMe(db: Kysely<DB>, userId: number): Promise<Me> {
  const row = await repo.findMe(db, userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  const hasSubordinates = (await listChildren(db, row.org_id)).length > 0;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    phone: row.phone,
    section: row.section_id !== null && row.section_name !== null ? { id: row.section_id, name: row.section_name } : null,
    org: { id: row.org_id, name: row.org_name, shortName: row.org_short_name, level: row.org_level as OrgLevel },
    mustChangePassword: row.must_change_password === 1,
    policies: mePolicies({ role: row.role as Role }, { hasSubordinates }),
  };
}

export function me(ctx: Ctx): Promise<Me> {
  return loadMe(ctx.db, ctx.actor.userId);
}

/**
 * Changes one's own password. A wrong current password counts toward the lockout like a wrong
 * login (the fifth locks the account and ends all its sessions, this one too); a right one ends
 * the user's other sessions and revokes their API tokens, keeping only this session.
 */
export async function changePassword(ctx: Ctx, config: AppConfig, currentPassword: string, newPassword: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  assertPasswordAllowed(newPassword, config, 'newPassword');
  if (currentPassword === newPassword) {
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const now = new Date();
  const attempt = await repo.claimUserLoginAttempt(ctx.db, user.id, now.toISOString(), minutesFrom(now, LOCK_MINUTES).toISOString(), MAX_FAILED_LOGINS);
  if (!attempt) throw lockedError(await repo.findLockedUntil(ctx.db, { userId: user.id }), false);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    if (attempt.locked_until) {
      // Whoever holds this session could be guessing: the session goes with the lock.
      await repo.deleteUserSessions(ctx.db, user.id);
      throw lockedError(attempt.locked_until, true);
    }
    throw new AppError('VALIDATION', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (tx) => {
    // Also clears the count the claim above added.
    await repo.setPassword(tx.db, user.id, passwordHash, false);
    await repo.deleteUserSessions(tx.db, user.id, ctx.actor.sessionId);
    const revokedTokens = await repo.revokeUserTokens(tx.db, user.id, now.toISOString());
    await recordChange(tx, {
      action: 'update',
      entityType: 'user',
      entityId: user.id,
      orgId: user.org_id,
      before: { password: '(已修改)' },
      after: { passwordChangedAt: now.toISOString(), revokedTokens },
    });
  });
}

function presentToken(row: { id: number; name: string; prefix: string; created_at: string; last_used_at: string | null }): ApiToken {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

export async function listTokens(ctx: Ctx): Promise<ApiToken[]> {
  return (await repo.listTokens(ctx.db, ctx.actor.userId)).map(presentToken);
}

/** Creates a personal API token; the secret is returned this once and only its hash is kept. */
export async function createToken(ctx: Ctx, name: string): Promise<{ token: ApiToken; secret: string }> {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  return inTransaction(ctx, async (tx) => {
    const row = await repo.insertToken(tx.db, {
      userId: ctx.actor.userId,
      name,
      prefix: secret.slice(0, 7),
      tokenHash: sha256(secret),
      nowIso: new Date().toISOString(),
    });
    const token = presentToken(row);
    await recordChange(tx, { action: 'create', entityType: 'api_token', entityId: row.id, orgId: ctx.actor.orgId, after: token });
    return { token, secret };
  });
}

export async function revokeToken(ctx: Ctx, tokenId: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await repo.findActiveToken(tx.db, ctx.actor.userId, tokenId);
    if (!row) throw notFound('令牌不存在或已撤销');
    await repo.revokeToken(tx.db, tokenId, new Date().toISOString());
    await recordChange(tx, { action: 'delete', entityType: 'api_token', entityId: tokenId, orgId: ctx.actor.orgId, before: presentToken(row) });
  });
}
