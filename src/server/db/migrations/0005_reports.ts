// Frozen in time: this file never imports app code.
// Work summaries: templates (sentence patterns), reports for a period, and every saved version.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  await db.schema
    .createTable('report_templates')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'varchar(80)', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('report_templates_org_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_label', 'varchar(60)', (c) => c.notNull())
    .addColumn('template_id', 'integer', (c) => c.references('report_templates.id').onDelete('set null'))
    // The template as it was when drafted, so a later edit of the template does not change this report.
    .addColumn('template_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_org_idx').on('reports').columns(['org_id', 'period_from']).execute();

  await db.schema
    .createTable('report_versions')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    // The draft as generated at this version, to tell hand edits from generated text on a redraft.
    .addColumn('generated_json', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(400)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('report_versions_no_uq', ['report_id', 'version_no'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['report_versions', 'reports', 'report_templates']) await db.schema.dropTable(table).execute();
}
