import type { Kysely } from 'kysely';
import type { DB, IdempotencyKeysTable } from '../db/types.js';

/** The stored answer to a key of a user, if it was stored after `since`. */
export function findKey(db: Kysely<DB>, userId: number, key: string, since: string) {
  return db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).where('created_at', '>=', since).executeTakeFirst();
}

/** Forgets a user's keys older than `before`, so an expired key can be used again and the table stays small. */
export async function deleteExpiredKeys(db: Kysely<DB>, userId: number, before: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('created_at', '<', before).execute();
}

/** Stores a key; a concurrent request with the same key fails here on the primary key (user_id, key). */
export async function insertKey(db: Kysely<DB>, row: IdempotencyKeysTable): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}

export async function storeResponse(db: Kysely<DB>, userId: number, key: string, status: number, responseJson: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status, response_json: responseJson }).where('user_id', '=', userId).where('key', '=', key).execute();
}
