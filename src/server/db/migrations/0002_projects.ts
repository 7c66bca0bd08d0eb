// Frozen in time: this file never imports app code.
// The project pipeline: enterprises and bases, research visits, projects with their stage history,
// and follow-up service on projects.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('credit_code', 'varchar(18)')
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    .addColumn('industry', 'varchar(20)', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.references('places.id'))
    .addColumn('address', 'varchar(400)')
    .addColumn('contact_person', 'varchar(60)')
    .addColumn('contact_phone', 'varchar(60)')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('enterprises_org_credit_code_uq', ['org_id', 'credit_code'])
    .execute();
  await db.schema.createIndex('enterprises_org_name_idx').on('enterprises').columns(['org_id', 'name']).execute();
  await db.schema.createIndex('enterprises_org_updated_idx').on('enterprises').columns(['org_id', 'updated_at']).execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('visit_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(1000)', (c) => c.notNull())
    .addColumn('findings', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_org_date_idx').on('visits').columns(['org_id', 'visit_date']).execute();

  await db.schema
    .createTable('visit_staff')
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('visit_staff_pk', ['visit_id', 'user_id'])
    .execute();
  await db.schema.createIndex('visit_staff_user_idx').on('visit_staff').column('user_id').execute();

  await db.schema
    .createTable('visit_enterprises')
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addPrimaryKeyConstraint('visit_enterprises_pk', ['visit_id', 'enterprise_id'])
    .execute();
  await db.schema.createIndex('visit_enterprises_enterprise_idx').on('visit_enterprises').column('enterprise_id').execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('title', 'varchar(400)', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('field', 'varchar(20)', (c) => c.notNull())
    .addColumn('program', 'varchar(120)')
    .addColumn('level', 'varchar(20)')
    .addColumn('manager_id', 'integer', (c) => c.references('users.id'))
    // Money in whole 元 (the API speaks 万元).
    .addColumn('amount_applied', 'bigint')
    .addColumn('amount_approved', 'bigint')
    .addColumn('amount_received', 'bigint')
    .addColumn('amount_self_raised', 'bigint')
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    // The date each stage was reached, kept beside the history so period counts are simple range queries.
    .addColumn('lead_date', 'varchar(10)')
    .addColumn('pool_date', 'varchar(10)')
    .addColumn('applied_date', 'varchar(10)')
    .addColumn('approved_date', 'varchar(10)')
    .addColumn('ongoing_date', 'varchar(10)')
    .addColumn('accepted_date', 'varchar(10)')
    .addColumn('rejected_date', 'varchar(10)')
    .addColumn('stopped_date', 'varchar(10)')
    .addColumn('source_visit_id', 'integer', (c) => c.references('visits.id').onDelete('set null'))
    .addColumn('description', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  for (const column of ['stage', 'applied_date', 'approved_date', 'lead_date', 'pool_date', 'accepted_date', 'updated_at']) {
    await db.schema.createIndex(`projects_org_${column}_idx`).on('projects').columns(['org_id', column]).execute();
  }
  await db.schema.createIndex('projects_enterprise_idx').on('projects').column('enterprise_id').execute();
  await db.schema.createIndex('projects_source_visit_idx').on('projects').column('source_visit_id').execute();

  await db.schema
    .createTable('project_stage_events')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('from_stage', 'varchar(20)')
    .addColumn('to_stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('event_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('remark', 'varchar(1000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_stage_events_project_idx').on('project_stage_events').column('project_id').execute();

  await db.schema
    .createTable('project_followups')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('followup_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('found', 'text')
    .addColumn('solved', 'text')
    .addColumn('open_problems', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_followups_project_idx').on('project_followups').columns(['project_id', 'followup_date']).execute();
  await db.schema.createIndex('project_followups_org_date_idx').on('project_followups').columns(['org_id', 'followup_date']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['project_followups', 'project_stage_events', 'projects', 'visit_enterprises', 'visit_staff', 'visits', 'enterprises']) {
    await db.schema.dropTable(table).execute();
  }
}
