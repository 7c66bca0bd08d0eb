import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

/** The app_meta key a set-up claims first in its transaction: the second of two concurrent set-ups fails on it. */
export const SETUP_META_KEY = 'setup_done';

/** Claims the set-up: a unique violation here means another set-up has (or is about to have) committed. */
export async function claimSetup(db: Kysely<DB>, nowIso: string): Promise<void> {
  await db.insertInto('app_meta').values({ key: SETUP_META_KEY, value: nowIso }).execute();
}
