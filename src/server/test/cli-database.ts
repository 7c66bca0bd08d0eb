import { afterEach } from 'vitest';
import { runCli } from '../../cli/main.js';
import { type Database, connect } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTestStorage } from './harness.js';

/** What one `keguan …` printed, and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliDatabase {
  /** The environment the commands run with (KEGUAN_DATA_DIR, DATABASE_URL with the schema). */
  env: NodeJS.ProcessEnv;
  /** A temp directory of its own: the SQLite file, and room for output files. */
  dir: string;
  run(...argv: string[]): Promise<CliRun>;
  /** Works on the database the commands use (migrated first). */
  withDb<T>(fn: (db: Database['db'], dialect: Database['dialect']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * An empty database for driving the real command line: a temp SQLite directory, or on PostgreSQL
 * (DATABASE_URL set) a fresh schema selected through the URL's search_path option. `close` drops it.
 */
export async function cliDatabase(extraEnv: NodeJS.ProcessEnv = {}): Promise<CliDatabase> {
  const { dataDir: dir, schema, remove } = await createTestStorage();
  const env: NodeJS.ProcessEnv = { KEGUAN_DATA_DIR: dir, KEGUAN_DEMO_PASSWORD: 'demo2014pw', ...extraEnv };
  if (schema) {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  return {
    env,
    dir,
    async run(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, env, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    async withDb(fn) {
      const database = connect({ databaseUrl: env.DATABASE_URL ?? null, dataDir: dir, pgSchema: schema, pgPoolSize: 1 });
      try {
        await migrateToLatest(database.db);
        return await fn(database.db, database.dialect);
      } finally {
        await database.close();
      }
    },
    close: remove,
  };
}

/** For a file whose tests each want an empty database: call it once at the top; each call of what it returns opens one, closed after the test. */
export function cliDatabasePerTest(extraEnv: NodeJS.ProcessEnv = {}): () => Promise<CliDatabase> {
  const opened: CliDatabase[] = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()!.close();
  });
  return async () => {
    const cli = await cliDatabase(extraEnv);
    opened.push(cli);
    return cli;
  };
}
