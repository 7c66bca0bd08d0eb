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
import { burnVerifyTime, hashPassword, verifyPassword } from './password.js';
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

/**
 * Checks a username and password and opens a session. Five wrong passwords in a row lock the
 * account for 15 minutes; the count and the lock live in the database, so they hold across instances.
 */
export async function login(
  db: Kysely<DB>,
  config: AppConfig,
  input: LoginBody,
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await burnVerifyTime(input.password);
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  const now = new Date();
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError(
      'ACCOUNT_LOCKED',
      `密码连续输错${MAX_FAILED_LOGINS}次,账号已锁定,请于${formatChinaTime(user.locked_until)}后再试或联系管理员重置密码`,
      { lockedUntil: user.locked_until },
    );
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = await repo.incrementFailedLogins(db, user.id);
    if (failures >= MAX_FAILED_LOGINS) {
      const until = minutesFrom(now, LOCK_MINUTES).toISOString();
      await repo.lockUser(db, user.id, until);
      throw new AppError(
        'ACCOUNT_LOCKED',
        `密码连续输错${MAX_FAILED_LOGINS}次,账号已锁定${LOCK_MINUTES}分钟,请于${formatChinaTime(until)}后再试或联系管理员重置密码`,
        { lockedUntil: until },
      );
    }
    throw new AppError('UNAUTHENTICATED', `${WRONG_CREDENTIALS},还可尝试${MAX_FAILED_LOGINS - failures}次`);
  }
  if (user.disabled) throw new AppError('UNAUTHENTICATED', '账号已停用,请联系管理员');

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
  return { sessionToken, expiresAt, user: await loadMe(db, user.id) };
}

type ActorRow = {
  id: number; username: string; display_name: string; role: string; org_id: number;
  section_id: number | null; disabled: number; org_path: string;
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
  };
}

/** The actor behind a session cookie, 'expired' for a session past its idle or absolute limit, or null. */
export async function authenticateSession(db: Kysely<DB>, config: AppConfig, token: string): Promise<Actor | 'expired' | null> {
  const id = sha256(token);
  const row = await repo.findSessionWithUser(db, id);
  if (!row) return null;
  const now = new Date();
  const idleLimit = minutesFrom(new Date(row.last_seen_at), config.sessionIdleMinutes);
  if (row.expires_at <= now.toISOString() || idleLimit <= now || row.disabled) {
    await repo.deleteSession(db, id);
    return 'expired';
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, id, now.toISOString());
  }
  return toActor(row, 'session', id);
}

/** The actor behind a personal API token, or null when it is unknown, revoked or its user disabled. */
export async function authenticateToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await repo.findTokenWithUser(db, sha256(token));
  if (!row || row.revoked_at || row.disabled) return null;
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
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    phone: row.phone,
    section: row.section_id !== null && row.section_name !== null ? { id: row.section_id, name: row.section_name } : null,
    org: { id: row.org_id, name: row.org_name, shortName: row.org_short_name, level: row.org_level as OrgLevel },
    mustChangePassword: row.must_change_password === 1,
  };
}

export function me(ctx: Ctx): Promise<Me> {
  return loadMe(ctx.db, ctx.actor.userId);
}

/** Changes one's own password; other sessions of the user are ended, the current one stays. */
export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  if (currentPassword === newPassword) {
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (tx) => {
    await repo.setPassword(tx.db, user.id, passwordHash, false);
    await repo.deleteUserSessions(tx.db, user.id, ctx.actor.sessionId);
    await recordChange(tx, {
      action: 'update', entityType: 'user', entityId: user.id, orgId: user.org_id,
      before: { password: '(已修改)' }, after: { passwordChangedAt: new Date().toISOString() },
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
