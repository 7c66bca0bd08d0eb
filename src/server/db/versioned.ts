import type { Kysely } from 'kysely';
import { STALE_VERSION_MESSAGE } from '../../shared/versions.js';
import type { Ctx } from '../context.js';
import { conflict } from '../http/errors.js';
import type { DB } from './types.js';

// Optimistic locking, one way for every ledger.
//
// A change first "claims" its record: `update … set version = version + 1 where id = ? and version = ?`.
// The statement is atomic on both databases, so of two writers that read the same version exactly one
// gets a row back. On PostgreSQL the second writer's update waits on the row lock until the first
// commits, then re-checks the condition, finds the version gone and updates nothing; SQLite runs one
// writer at a time. The claim comes before every other write of the change and holds the row until
// commit, so whatever the change reads afterwards (stage history, progress log) is not moved by anyone
// else meanwhile. The rest of the change then writes its columns without touching `version`: one
// change, one step.

/** Tables whose rows carry a version (migration 0006). */
export type VersionedTable =
  | 'orgs' | 'sections' | 'places' | 'departments' | 'dictionary_items'
  | 'enterprises' | 'visits' | 'projects' | 'project_followups'
  | 'events' | 'commissioners' | 'service_logs' | 'commissioner_evaluations'
  | 'worklists' | 'worklist_items' | 'report_templates' | 'reports';

/** Moves a record from version `expected` to the next; false when it no longer has that version (or is gone). */
export async function bumpVersion(db: Kysely<DB>, table: VersionedTable, id: number, expected: number): Promise<boolean> {
  const result = await (db as unknown as Kysely<Record<VersionedTable, { id: number; version: number }>>)
    .updateTable(table)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The 409 of a write based on an outdated version, with the record as it is now. */
export function staleVersion(current: unknown) {
  return conflict(STALE_VERSION_MESSAGE, { current });
}

/**
 * Claims `row` for the change the caller is making, inside its transaction: the change goes ahead
 * only from the version the writer read (`expected`, from If-Match; `'any'` or undefined means the
 * version just read in this transaction). Otherwise 409 CONFLICT with `details.current` from `current()`.
 */
export async function claimVersion(
  ctx: Ctx,
  table: VersionedTable,
  row: { id: number; version: number },
  expected: number | 'any' | undefined,
  current: () => Promise<unknown>,
): Promise<void> {
  const wanted = expected === undefined || expected === 'any' ? row.version : expected;
  if (wanted !== row.version || !(await bumpVersion(ctx.db, table, row.id, wanted))) {
    throw staleVersion(await current());
  }
}
