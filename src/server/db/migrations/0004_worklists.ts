// Frozen in time: this file never imports app code.
// Work lists the bureau defines itself: the definition (fields, statuses, figures) as JSON, items
// with their values as JSON, and each item's dated progress log (status changes included).
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('worklists')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'varchar(80)', (c) => c.notNull())
    .addColumn('topic', 'varchar(120)')
    .addColumn('description', 'text')
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('worklists_org_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('worklist_items')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('worklists.id'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    // The text that names the item (its title field), kept for lists and links.
    .addColumn('title', 'varchar(400)', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    // Display text of every value, for the text search.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('responsible_id', 'integer', (c) => c.references('users.id'))
    .addColumn('deadline', 'varchar(10)')
    .addColumn('registered_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('closed_date', 'varchar(10)')
    .addColumn('closing_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('worklist_items_list_status_idx').on('worklist_items').columns(['list_id', 'status']).execute();
  await db.schema.createIndex('worklist_items_list_deadline_idx').on('worklist_items').columns(['list_id', 'deadline']).execute();
  await db.schema.createIndex('worklist_items_list_registered_idx').on('worklist_items').columns(['list_id', 'registered_date']).execute();
  await db.schema.createIndex('worklist_items_responsible_idx').on('worklist_items').columns(['org_id', 'responsible_id']).execute();

  await db.schema
    .createTable('worklist_progress')
    .addColumn('id', 'integer', id)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('worklist_items.id').onDelete('cascade'))
    .addColumn('entry_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('from_status', 'varchar(30)')
    .addColumn('to_status', 'varchar(30)')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('worklist_progress_item_idx').on('worklist_progress').columns(['item_id', 'entry_date']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['worklist_progress', 'worklist_items', 'worklists']) await db.schema.dropTable(table).execute();
}
