// Frozen in time: this file never imports app code.
// Failed logins for usernames that belong to no account, counted and locked like real accounts
// (whose count stays in users.failed_logins), so the answers never tell which names exist.
import type { Kysely } from 'kysely';

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('login_failures')
    // The name as typed, lower-cased; wider than a username, as lower-casing may lengthen it.
    .addColumn('username', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // Old rows are purged by age.
  await db.schema.createIndex('login_failures_updated_idx').on('login_failures').column('updated_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
