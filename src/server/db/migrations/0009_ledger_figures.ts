// Frozen in time: this file never imports app code.
// Figures bureaus report (issue 10): dated project milestones (中期检查, 验收检查, 绩效评价 …) with
// their kinds in a dictionary each bureau extends, person-times trained at an event (培训人次),
// and a measure word on dictionary items (研发中心 个, 高新技术企业 家) for the summary's groups.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

type Db = Kysely<any>;

function idColumn(db: Db) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());
}

/** The milestone kinds every bureau starts with, as of this migration (new bureaus get theirs from the app's defaults). */
const MILESTONE_KINDS = ['中期检查', '验收检查', '绩效评价'];

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('project_milestones')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // The value of an item of the bureau's milestone_kind dictionary, as projects keep their program.
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    .addColumn('milestone_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('remark', 'varchar(1000)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The summary counts a period's milestones of an organisation; the project page lists a project's.
  await db.schema.createIndex('project_milestones_org_date_idx').on('project_milestones').columns(['org_id', 'milestone_date']).execute();
  await db.schema.createIndex('project_milestones_project_idx').on('project_milestones').columns(['project_id', 'milestone_date']).execute();

  await db.schema.alterTable('events').addColumn('trainees', 'integer').execute();
  await db.schema.alterTable('dictionary_items').addColumn('measure', 'varchar(4)').execute();

  // Every existing bureau gets the milestone kinds (a bureau that already has the dictionary keeps it).
  const orgs: { id: number }[] = await db.selectFrom('orgs').select('id').orderBy('id').execute();
  for (const org of orgs) {
    const existing = await db.selectFrom('dictionaries').select('id').where('org_id', '=', org.id).where('code', '=', 'milestone_kind').executeTakeFirst();
    if (existing) continue;
    const dict = await db
      .insertInto('dictionaries')
      .values({ org_id: org.id, code: 'milestone_kind', name: '项目节点', description: '项目实施中的检查、评价等节点' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [index, label] of MILESTONE_KINDS.entries()) {
      await db
        .insertInto('dictionary_items')
        .values({ org_id: org.id, dictionary_id: dict.id, value: label, label, sort_order: (index + 1) * 10, active: 1 })
        .execute();
    }
  }
}

export async function down(db: Db): Promise<void> {
  const dicts = db.selectFrom('dictionaries').select('id').where('code', '=', 'milestone_kind');
  await db.deleteFrom('dictionary_items').where('dictionary_id', 'in', dicts).execute();
  await db.deleteFrom('dictionaries').where('code', '=', 'milestone_kind').execute();
  await db.schema.alterTable('dictionary_items').dropColumn('measure').execute();
  await db.schema.alterTable('events').dropColumn('trainees').execute();
  await db.schema.dropTable('project_milestones').execute();
}
