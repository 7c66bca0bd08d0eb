import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

/** The app_meta key a set-up claims first in its transaction: the second of two concurrent set-ups fails on it. */
export const SETUP_META_KEY = 'setup_done';

/** Whether any organisation exists (the demo's, a set-up's, or one made otherwise). */
export async function anyOrganisation(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return !!row;
}

/** Claims the set-up: a unique violation here means another set-up has (or is about to have) committed. */
export async function claimSetup(db: Kysely<DB>, nowIso: string): Promise<void> {
  await db.insertInto('app_meta').values({ key: SETUP_META_KEY, value: nowIso }).execute();
}
