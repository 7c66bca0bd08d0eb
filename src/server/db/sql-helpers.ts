import { type Expression, type SqlBool, sql } from 'kysely';
import type { DialectName } from './connection.js';

// The few places where SQLite and PostgreSQL differ, in one file.

/** Case-insensitive "contains" match on a column. */
export function containsText(dialect: DialectName, column: Expression<unknown> | string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return dialect === 'postgres' ? sql<SqlBool>`${col} ilike ${pattern} escape '\\'` : sql<SqlBool>`${col} like ${pattern} escape '\\'`;
}

/** count(*) as a JS number in both dialects (PostgreSQL returns bigint as a string). */
export async function countRows(query: { executeTakeFirst(): Promise<{ count: unknown } | undefined> }): Promise<number> {
  const row = await query.executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Whether a database error is a foreign-key violation, in either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Deletes and reports 'referenced' instead of throwing when a later ledger still points at the row. */
export async function deleteUnlessReferenced(run: () => Promise<unknown>): Promise<'deleted' | 'referenced'> {
  try {
    await run();
    return 'deleted';
  } catch (error) {
    if (isForeignKeyViolation(error)) return 'referenced';
    throw error;
  }
}

/** The text of one key of a JSON object stored in a text column (numbers as their decimal text). */
export function jsonText(dialect: DialectName, column: string, key: string): Expression<string | null> {
  if (!/^[a-z][a-z0-9_]*$/.test(key)) throw new Error(`bad JSON key ${key}`);
  return dialect === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`
    : sql<string | null>`cast(json_extract(${sql.ref(column)}, ${`$.${key}`}) as text)`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a database error is a unique or primary-key violation, in either dialect (a lost race on a "one per …" rule). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * What a failure of the database (or the disk under it) means for the user:
 * - `unavailable`: the server does not answer or is busy; nothing was saved and a retry later works;
 * - `disk-full` / `read-only`: nothing can be written until an administrator acts;
 * - `conflict`: a concurrent request won a race (unique key, serialization failure, deadlock);
 * - null: not a database condition (a bug: answered INTERNAL).
 * Errors are matched by their code (SQLSTATE, SQLite extended code, errno), walking `cause`.
 */
export type DatabaseFailure = 'unavailable' | 'disk-full' | 'read-only' | 'conflict';

// Messages node-postgres and pg-pool give without a code when the socket goes or never comes.
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end/i;

export function classifyDatabaseError(error: unknown, depth = 0): DatabaseFailure | null {
  if (!error || depth > 4) return null;
  const failure = classifyOne(error);
  if (failure) return failure;
  // Connecting to "localhost" tries ::1 and 127.0.0.1 and may fail with an AggregateError of both.
  const inner = error instanceof AggregateError ? error.errors : [];
  for (const e of [...inner, (error as { cause?: unknown }).cause]) {
    const found = classifyDatabaseError(e, depth + 1);
    if (found) return found;
  }
  return null;
}

function classifyOne(error: unknown): DatabaseFailure | null {
  const code = errorCode(error);
  if (isUniqueViolation(error)) return 'conflict';
  if (code) {
    // PostgreSQL SQLSTATE: 08 connection exception; 57P01-03 shutdown / cannot connect now;
    // 53300 too many connections; 40001 serialization failure, 40P01 deadlock; 53100 disk full;
    // 25006 read-only transaction (a standby).
    if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300', '53200'].includes(code)) return 'unavailable';
    if (code === '40001' || code === '40P01') return 'conflict';
    if (code === '53100') return 'disk-full';
    if (code === '25006') return 'read-only';
    // SQLite extended codes (better-sqlite3): the file locked by another process past busy_timeout,
    // the disk or the page limit full, the file or its directory not writable.
    // BUSY_SNAPSHOT: this transaction read data another connection has since changed, a lost race.
    if (code === 'SQLITE_BUSY_SNAPSHOT') return 'conflict';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'unavailable';
    if (code === 'SQLITE_FULL') return 'disk-full';
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM')
      return 'read-only';
    // Node system errors: the database host unreachable, or the data directory (uploads, SQLite) full or read-only.
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) return 'unavailable';
    if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read-only';
  }
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && LOST_CONNECTION_MESSAGE.test(message)) return 'unavailable';
  return null;
}
