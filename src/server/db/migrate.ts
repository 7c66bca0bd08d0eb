import { type Kysely, type Migration, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_projects.js';
import * as m0003 from './migrations/0003_outreach.js';
import * as m0004 from './migrations/0004_worklists.js';
import * as m0005 from './migrations/0005_reports.js';
import * as m0006 from './migrations/0006_record_versions.js';
import * as m0007 from './migrations/0007_accounts.js';
import * as m0008 from './migrations/0008_worklist_keys.js';
import * as m0009 from './migrations/0009_ledger_figures.js';
import * as m0010 from './migrations/0010_org_active.js';
import * as m0011 from './migrations/0011_search.js';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_projects': m0002,
  '0003_outreach': m0003,
  '0004_worklists': m0004,
  '0005_reports': m0005,
  '0006_record_versions': m0006,
  '0007_accounts': m0007,
  '0008_worklist_keys': m0008,
  '0009_ledger_figures': m0009,
  '0010_org_active': m0010,
  '0011_search': m0011,
};

export class MigrationError extends Error {}

/** Brings the schema up to date; a failing migration is rolled back and reported. */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration> = MIGRATIONS): Promise<MigrationResultSet> {
  // On PostgreSQL the migration bookkeeping lives in the schema in use (search_path), not in
  // whichever schema of the database happens to hold a table of that name already.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`数据库迁移 ${failed} 失败,数据库保持原样:${reason}`, { cause: result.error });
  }
  return result;
}
