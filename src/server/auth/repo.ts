import { type Kysely, sql } from 'kysely';
import type { DB, UserRow } from '../db/types.js';

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

/** Counts one more failed login atomically and returns the new count. */
export async function incrementFailedLogins(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function lockUser(db: Kysely<DB>, userId: number, untilIso: string): Promise<void> {
  await db.updateTable('users').set({ locked_until: untilIso, failed_logins: 0 }).where('id', '=', userId).execute();
}

export async function markLoginSucceeded(db: Kysely<DB>, userId: number, atIso: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: atIso })
    .where('id', '=', userId)
    .execute();
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
      's.id as session_id', 's.last_seen_at', 's.expires_at',
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'u.section_id', 'u.disabled', 'o.path as org_path',
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

export async function deleteExpiredSessions(db: Kysely<DB>, nowIso: string, idleCutoffIso: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('last_seen_at', '<=', idleCutoffIso)]))
    .execute();
}

export function findTokenWithUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      't.id as token_id', 't.last_used_at', 't.revoked_at',
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.org_id', 'u.section_id', 'u.disabled', 'o.path as org_path',
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

export function findMe(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('sections as s', 's.id', 'u.section_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.role', 'u.phone', 'u.must_change_password',
      's.id as section_id', 's.name as section_name',
      'o.id as org_id', 'o.name as org_name', 'o.short_name as org_short_name', 'o.level as org_level',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
