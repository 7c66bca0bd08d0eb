import type { Kysely } from 'kysely';
import { MISSING_VERSION_MESSAGE, STALE_VERSION_MESSAGE } from '../../shared/versions.js';
import type { Ctx } from '../context.js';
import { conflict, notFound, validation } from '../http/errors.js';
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

/** Tables whose rows carry a version (migration 0006; project_milestones from 0009). */
export type VersionedTable =
  | 'orgs'
  | 'sections'
  | 'places'
  | 'departments'
  | 'dictionary_items'
  | 'enterprises'
  | 'visits'
  | 'projects'
  | 'project_followups'
  | 'project_milestones'
  | 'events'
  | 'commissioners'
  | 'service_logs'
  | 'commissioner_evaluations'
  | 'worklists'
  | 'worklist_items'
  | 'report_templates'
  | 'reports';

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

/**
 * The version a change is based on, as the route read it from If-Match: a number, `'any'` for
 * `If-Match: *`, `'missing'` when a PATCH or PUT sent none (refused once the writer may see the record,
 * so another bureau still gets its 404 first), undefined for an action that names none.
 */
export type ExpectedVersion = number | 'any' | 'missing' | undefined;

/** The 409 of a write based on an outdated version, with the record as it is now. */
export function staleVersion(current: unknown) {
  return conflict(STALE_VERSION_MESSAGE, { current });
}

/** A PATCH or PUT must name the version it read (If-Match): 400 when it sent none. */
function assertVersionNamed(expected: ExpectedVersion): void {
  if (expected === 'missing') throw validation(MISSING_VERSION_MESSAGE, [{ path: 'If-Match', message: MISSING_VERSION_MESSAGE }]);
}

/**
 * Whether a save would leave the row as it is (every column of `patch` not sent, undefined, or equal
 * to the row's; PostgreSQL gives big integers as text, so values compare by their text). Such a save
 * writes nothing: no new version, no update time, no audit entry. It is still held to If-Match: a
 * save based on an outdated version is a 409 whatever it holds.
 */
export async function isUnchangedSave(
  row: { id: number; version: number },
  patch: object,
  expected: ExpectedVersion,
  current: () => Promise<unknown>,
): Promise<boolean> {
  assertVersionNamed(expected);
  const stored = row as unknown as Record<string, unknown>;
  const unchanged = Object.entries(patch).every(([column, value]) => {
    if (value === undefined) return true;
    const was = stored[column];
    return was === value || (was !== null && was !== undefined && value !== null && String(was) === String(value));
  });
  if (!unchanged) return false;
  if (typeof expected === 'number' && expected !== row.version) throw staleVersion(await current());
  return true;
}

/**
 * Claims `row` for the change the caller is making, inside its transaction: the change goes ahead
 * only from the version the writer read (`expected`, from If-Match; `'any'` or undefined means the
 * version just read in this transaction; `'missing'` is a 400). Otherwise 409 CONFLICT with `details.current` from `current()`,
 * or 404 when `current()` finds the record gone.
 */
export async function claimVersion(
  ctx: Ctx,
  table: VersionedTable,
  row: { id: number; version: number },
  expected: ExpectedVersion,
  current: () => Promise<unknown>,
): Promise<void> {
  assertVersionNamed(expected);
  const wanted = expected === undefined || expected === 'any' ? row.version : expected;
  if (wanted !== row.version || !(await bumpVersion(ctx.db, table, row.id, wanted))) {
    const now = await current();
    if (now === null || now === undefined) throw notFound('记录已被删除');
    throw staleVersion(now);
  }
}
