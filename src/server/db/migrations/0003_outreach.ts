// Frozen in time: this file never imports app code.
// S&T commissioners (roster, service logs with attachments, support, yearly evaluation) and
// outreach events with their places, departments and figures.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('commissioners')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('gender', 'varchar(10)', (c) => c.notNull())
    .addColumn('employer', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(80)')
    .addColumn('specialty', 'varchar(400)')
    .addColumn('phone', 'varchar(60)')
    .addColumn('term_start_year', 'integer', (c) => c.notNull())
    .addColumn('term_end_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').unique())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commissioners_org_idx').on('commissioners').columns(['org_id', 'status']).execute();

  await db.schema
    .createTable('commissioner_places')
    .addColumn('commissioner_id', 'integer', (c) => c.notNull().references('commissioners.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addPrimaryKeyConstraint('commissioner_places_pk', ['commissioner_id', 'place_id'])
    .execute();

  await db.schema
    .createTable('commissioner_enterprises')
    .addColumn('commissioner_id', 'integer', (c) => c.notNull().references('commissioners.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addPrimaryKeyConstraint('commissioner_enterprises_pk', ['commissioner_id', 'enterprise_id'])
    .execute();

  await db.schema
    .createTable('service_logs')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('commissioner_id', 'integer', (c) => c.notNull().references('commissioners.id'))
    .addColumn('log_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('people_served', 'integer')
    .addColumn('problems_solved', 'text')
    .addColumn('new_techniques', 'text')
    .addColumn('confirmed_at', 'varchar(30)')
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_logs_org_date_idx').on('service_logs').columns(['org_id', 'log_date']).execute();
  await db.schema.createIndex('service_logs_commissioner_idx').on('service_logs').columns(['commissioner_id', 'log_date']).execute();

  await db.schema
    .createTable('service_log_files')
    .addColumn('log_id', 'integer', (c) => c.notNull().references('service_logs.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('service_log_files_pk', ['log_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('commissioner_supports')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('commissioner_id', 'integer', (c) => c.notNull().references('commissioners.id').onDelete('cascade'))
    .addColumn('support_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('description', 'varchar(2000)', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commissioner_evaluations')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('commissioner_id', 'integer', (c) => c.notNull().references('commissioners.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('grade', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'varchar(2000)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('commissioner_evaluations_year_uq', ['commissioner_id', 'year'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('type', 'varchar(60)', (c) => c.notNull())
    .addColumn('theme', 'varchar(400)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)')
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('organiser', 'varchar(200)')
    .addColumn('expert_count', 'integer')
    .addColumn('materials', 'integer')
    .addColumn('books', 'integer')
    .addColumn('leaflets', 'integer')
    .addColumn('boards', 'integer')
    .addColumn('consultations', 'integer')
    .addColumn('attendees', 'integer')
    .addColumn('people_sent', 'integer')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_org_start_idx').on('events').columns(['org_id', 'start_date']).execute();

  await db.schema
    .createTable('event_places')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id'))
    .addPrimaryKeyConstraint('event_places_pk', ['event_id', 'place_id'])
    .execute();

  await db.schema
    .createTable('event_enterprises')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addPrimaryKeyConstraint('event_enterprises_pk', ['event_id', 'enterprise_id'])
    .execute();

  await db.schema
    .createTable('event_departments')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('event_departments_pk', ['event_id', 'department_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'event_departments',
    'event_enterprises',
    'event_places',
    'events',
    'commissioner_evaluations',
    'commissioner_supports',
    'service_log_files',
    'service_logs',
    'commissioner_enterprises',
    'commissioner_places',
    'commissioners',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
