import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DialectName } from './connection.js';

// The few places where SQLite and PostgreSQL differ, in one file.

/** Case-insensitive "contains" match on a column. */
export function containsText(dialect: DialectName, column: Expression<unknown> | string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return dialect === 'postgres'
    ? sql<SqlBool>`${col} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${col} like ${pattern} escape '\\'`;
}

/** count(*) as a JS number in both dialects (PostgreSQL returns bigint as a string). */
export async function countRows(query: { executeTakeFirst(): Promise<{ count: unknown } | undefined> }): Promise<number> {
  const row = await query.executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Current time as the ISO string every timestamp column holds. */
export function nowIso(): string {
  return new Date().toISOString();
}

export type AnyDb = Kysely<any>;

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
