// Frozen in time: this file never imports app code.
// Record versions against lost updates, and idempotency keys against double-submitted creates.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<any>;

/** Every table whose rows the API changes in place; each row counts its changes from 1. */
const VERSIONED_TABLES = [
  'orgs',
  'sections',
  'places',
  'departments',
  'dictionary_items',
  'enterprises',
  'visits',
  'projects',
  'project_followups',
  'events',
  'commissioners',
  'service_logs',
  'commissioner_evaluations',
  'worklists',
  'worklist_items',
  'report_templates',
  'reports',
];

export async function up(db: Db): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  // A report's version is the number of its latest saved text, so a save names the version it edited.
  await sql`update reports set version = coalesce((select max(v.version_no) from report_versions v where v.report_id = reports.id), 1)`.execute(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'varchar(100)', (c) => c.notNull())
    .addColumn('method', 'varchar(10)', (c) => c.notNull())
    .addColumn('path', 'varchar(400)', (c) => c.notNull())
    // sha256 of the request body, so a key reused for different content is refused rather than answered wrongly.
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  for (const table of [...VERSIONED_TABLES].reverse()) {
    await db.schema.alterTable(table).dropColumn('version').execute();
  }
}
