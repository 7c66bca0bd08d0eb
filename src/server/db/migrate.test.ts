import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';
import { MIGRATIONS, MigrationError, migrateToLatest } from './migrate.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

async function tableExists(db: Kysely<any>, name: string): Promise<boolean> {
  try {
    await sql`select 1 from ${sql.table(name)} limit 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

describe('migrations', () => {
  it('are idempotent: running them again changes nothing', async () => {
    const again = await migrateToLatest(database.db);
    expect(again.results).toEqual([]);
  });

  it('leave the database as it was when one fails half-way', async () => {
    const broken = {
      ...MIGRATIONS,
      '9999_broken': {
        async up(db: Kysely<any>) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await db.insertInto('app_meta').values({ key: 'half', value: 'done' }).execute();
          await sql`this is not sql`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(database.db, broken)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrateToLatest(database.db, broken)).rejects.toThrow(/9999_broken 失败,数据库保持原样/);
    expect(await tableExists(database.db, 'half_done')).toBe(false);
    const meta = await database.db.selectFrom('app_meta').selectAll().where('key', '=', 'half').execute();
    expect(meta).toEqual([]);
    const ran = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    expect(ran.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
  });

  it('turn SQLite foreign keys on and use WAL', async () => {
    if (database.dialect !== 'sqlite') return expect(database.dialect).toBe('postgres');
    expect(database.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(Number(database.sqlite!.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });
});
