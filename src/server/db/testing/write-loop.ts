// Child process for the durability test: commits one row per transaction and reports each key
// on stdout only after its commit returned, until it is killed. Argument: data dir; env
// DATABASE_URL and KEGUAN_TEST_SCHEMA select PostgreSQL instead of the SQLite file.
import { connect } from '../connection.js';
import { migrateToLatest } from '../migrate.js';

const database = connect({
  databaseUrl: process.env.DATABASE_URL ?? null,
  dataDir: process.argv[2],
  pgSchema: process.env.KEGUAN_TEST_SCHEMA,
  pgPoolSize: 1,
});
await migrateToLatest(database.db);
for (let i = 0; ; i++) {
  const key = `durable-${i}`;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_meta')
      .values({ key, value: 'x'.repeat(200) })
      .execute();
  });
  process.stdout.write(`${key}\n`);
}
