import { Migrator, PostgresAdapter, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrg } from '../orgs/repo.js';
import { createTestDatabase } from '../test/harness.js';
import { MIGRATIONS, migrateToLatest } from './migrate.js';

// Migration 0009 on a database that already holds bureaus: each gets the milestone kinds, a bureau
// that made its own milestone_kind dictionary keeps it, and everything comes back down cleanly.

let database: Awaited<ReturnType<typeof createTestDatabase>>;

async function migrateTo(target: string): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (database.db.getExecutor().adapter instanceof PostgresAdapter) {
    migrationTableSchema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema;
  }
  const migrator = new Migrator({ db: database.db, migrationTableSchema, provider: { getMigrations: async () => MIGRATIONS } });
  const result = await migrator.migrateTo(target);
  if (result.error) throw result.error;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('migration 0009 (ledger figures)', () => {
  it('gives every existing bureau the milestone kinds, keeping a bureau’s own dictionary, and goes down cleanly', async () => {
    await migrateTo('0008_worklist_keys');
    const db = database.db;
    const plain = await insertOrg(db, { parentId: null, parentPath: '/', name: '老县科技局', shortName: null, level: 'county', regionCode: null });
    const own = await insertOrg(db, { parentId: null, parentPath: '/', name: '自建字典的县科技局', shortName: null, level: 'county', regionCode: null });
    const ownDict = await db
      .insertInto('dictionaries')
      .values({ org_id: own.id, code: 'milestone_kind', name: '我的节点', description: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('dictionary_items')
      .values({ org_id: own.id, dictionary_id: ownDict.id, value: '年度检查', label: '年度检查', sort_order: 10, active: 1 })
      .execute();

    await migrateToLatest(db);
    const kinds = async (orgId: number) =>
      await db
        .selectFrom('dictionary_items as i')
        .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
        .select(['i.label', 'i.sort_order', 'i.measure'])
        .where('d.org_id', '=', orgId)
        .where('d.code', '=', 'milestone_kind')
        .orderBy('i.sort_order')
        .execute();
    expect(await kinds(plain.id)).toEqual([
      { label: '中期检查', sort_order: 10, measure: null },
      { label: '验收检查', sort_order: 20, measure: null },
      { label: '绩效评价', sort_order: 30, measure: null },
    ]);
    expect((await kinds(own.id)).map((k) => k.label)).toEqual(['年度检查']);
    // The new columns are there and empty for the records of before.
    await expect(sql`select trainees from events`.execute(db)).resolves.toBeDefined();
    await expect(sql`select id, version from project_milestones`.execute(db)).resolves.toBeDefined();

    await migrateTo('0008_worklist_keys');
    await expect(sql`select 1 from project_milestones`.execute(db)).rejects.toThrow();
    expect(await db.selectFrom('dictionaries').select('id').where('code', '=', 'milestone_kind').execute()).toEqual([]);
    await migrateToLatest(db);
    expect(await kinds(plain.id)).toHaveLength(3);
  });
});
