import { type Kysely, sql } from 'kysely';
import type { DB, UserRow } from '../db/types.js';
import { orgBlockedSql } from '../orgs/repo.js';

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<boolean>`lower(username) = ${username.toLowerCase()}`)
    .executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What claiming a password check left behind: the count of checks since the last success, and the lock it set. */
export interface LoginAttempt {
  failed_logins: number;
  locked_until: string | null;
}

/**
 * The SET clause of a claim, shared by accounts and unknown names. A claim counts the check as
 * failed before it is made (a right password clears the count afterwards), and the claim that
 * reaches `max` locks at once, so a burst of parallel guesses cannot all pass an unlocked check.
 * A lock that has run out starts the count again. `t` qualifies the columns (the upsert needs it).
 */
function claimSet(t: 'users' | 'login_failures', nowIso: string, lockUntilIso: string, max: number) {
  const failed = sql.ref(`${t}.failed_logins`);
  const lockedUntil = sql.ref(`${t}.locked_until`);
  const count = sql<number>`(case when ${lockedUntil} is not null and ${lockedUntil} <= ${nowIso} then 1 else ${failed} + 1 end)`;
  return {
    failed_logins: count,
    locked_until: sql<string | null>`(case when ${count} >= ${max} then ${lockUntilIso} else null end)`,
  };
}

/**
 * Claims one password check of an account, in one conditional update: none while it is locked
 * (undefined then). The database serialises claims on the row, so at most `max` checks are made
 * per lock period however many arrive at once.
 */
export function claimUserLoginAttempt(db: Kysely<DB>, userId: number, nowIso: string, lockUntilIso: string, max: number): Promise<LoginAttempt | undefined> {
  return db
    .updateTable('users')
    .set(claimSet('users', nowIso, lockUntilIso, max))
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
}

/** The same claim for a username that belongs to no account (`name` lower-cased), so it answers alike. */
export function claimUnknownNameLoginAttempt(
  db: Kysely<DB>,
  name: string,
  nowIso: string,
  lockUntilIso: string,
  max: number,
): Promise<LoginAttempt | undefined> {
  return db
    .insertInto('login_failures')
    .values({ username: name, failed_logins: 1, locked_until: max <= 1 ? lockUntilIso : null, updated_at: nowIso })
    .onConflict((oc) =>
      oc
        .column('username')
        .doUpdateSet({ ...claimSet('login_failures', nowIso, lockUntilIso, max), updated_at: nowIso })
        .where((eb) => eb.or([eb('login_failures.locked_until', 'is', null), eb('login_failures.locked_until', '<=', nowIso)])),
    )
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
}

/** Until when an account (or an unknown name) is locked, as stored. */
export async function findLockedUntil(db: Kysely<DB>, target: { userId: number } | { name: string }): Promise<string | null> {
  const row =
    'userId' in target
      ? await db.selectFrom('users').select('locked_until').where('id', '=', target.userId).executeTakeFirst()
      : await db.selectFrom('login_failures').select('locked_until').where('username', '=', target.name).executeTakeFirst();
  return row?.locked_until ?? null;
}

export async function markLoginSucceeded(db: Kysely<DB>, userId: number, atIso: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: atIso }).where('id', '=', userId).execute();
}

export async function setPassword(db: Kysely<DB>, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: number; nowIso: string; expiresIso: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.nowIso,
      last_seen_at: s.nowIso,
      expires_at: s.expiresIso,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export function findSessionWithUser(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id as session_id',
      's.last_seen_at',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.section_id',
      'u.disabled',
      'u.must_change_password',
      'o.path as org_path',
      orgBlockedSql.as('org_blocked'),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, sessionId: string, nowIso: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, except optionally the one in use. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, exceptSessionId?: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** Removes sessions past their absolute or idle limit. */
export async function deleteExpiredSessions(db: Kysely<DB>, nowIso: string, idleCutoffIso: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('last_seen_at', '<=', idleCutoffIso)]))
    .execute();
}

/** Removes failure counts of unknown names last touched before `cutoffIso` and no longer locked. */
export async function deleteStaleLoginFailures(db: Kysely<DB>, nowIso: string, cutoffIso: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('updated_at', '<', cutoffIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .execute();
}

export function findTokenWithUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      't.id as token_id',
      't.last_used_at',
      't.revoked_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.section_id',
      'u.disabled',
      'u.must_change_password',
      'o.path as org_path',
      orgBlockedSql.as('org_blocked'),
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, tokenId: number, nowIso: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: nowIso }).where('id', '=', tokenId).execute();
}

export function listTokens(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

export function insertToken(db: Kysely<DB>, t: { userId: number; name: string; prefix: string; tokenHash: string; nowIso: string }) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, prefix: t.prefix, token_hash: t.tokenHash, created_at: t.nowIso })
    .returning(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
}

export function findActiveToken(db: Kysely<DB>, userId: number, tokenId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: Kysely<DB>, tokenId: number, nowIso: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: nowIso }).where('id', '=', tokenId).execute();
}

/** Revokes every API token of a user still in force; returns how many. */
export async function revokeUserTokens(db: Kysely<DB>, userId: number, nowIso: string): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** Whether the user's organisation, or one above it, is inactive (then the user cannot sign in). */
export async function isUserOrgBlocked(db: Kysely<DB>, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(orgBlockedSql.as('org_blocked'))
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return Number(row?.org_blocked ?? 0) === 1;
}

/** Clears an account's count of failed checks (after a right password that still may not sign in). */
export async function clearLoginFailures(db: Kysely<DB>, userId: number): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export function findMe(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('sections as s', 's.id', 'u.section_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.phone',
      'u.must_change_password',
      's.id as section_id',
      's.name as section_name',
      'o.id as org_id',
      'o.name as org_name',
      'o.short_name as org_short_name',
      'o.level as org_level',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
