import fs from 'node:fs';
import path from 'node:path';
import { SQLite, type SqliteDatabase } from './sqlite-driver.js';
import {
  type DatabaseConnection,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { DB } from './types.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The SQLite handle, for online backup; null on PostgreSQL. */
  sqlite: SqliteDatabase | null;
  /** Where errors of idle or lost PostgreSQL connections are reported (the app's logger once it exists). */
  onConnectionError(report: (error: Error) => void): void;
  close(): Promise<void>;
}

// SQLite runs DDL inside transactions just fine; telling Kysely so makes a failed
// migration roll back whole instead of leaving half a schema behind.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

// On SQLITE_FULL, SQLITE_IOERR and the like SQLite may roll the whole transaction back itself; Kysely
// then sends its own ROLLBACK, which fails with "cannot rollback - no transaction is active" and
// replaces the error that says what went wrong. Skip the ROLLBACK when nothing is open any more.
class ForgivingRollbackSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SqliteDatabase,
    config: SqliteDialectConfig,
  ) {
    super(config);
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase) {
    super({ database: sqlite });
  }
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
  override createDriver() {
    return new ForgivingRollbackSqliteDriver(this.sqlite, { database: this.sqlite });
  }
}

export interface ConnectOptions {
  databaseUrl: string | null;
  dataDir: string;
  pgPoolSize?: number;
  /** PostgreSQL schema to use as search_path (tests give each file its own). */
  pgSchema?: string;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
  /** PostgreSQL application_name, shown in pg_stat_activity (tests name their pool to find it). */
  pgApplicationName?: string;
  /** How long a request waits for a PostgreSQL connection before answering UNAVAILABLE. */
  pgConnectTimeoutMs?: number;
  /** Where lost-connection errors go until `onConnectionError` names another place (default: stderr). */
  onConnectionError?: (error: Error) => void;
}

function reportToStderr(error: Error): void {
  process.stderr.write(`keguan: database connection error: ${error.message}\n`);
}

/** Opens the database named by the configuration: PostgreSQL when a URL is given, else the SQLite file. */
export function connect(options: ConnectOptions): Database {
  let report = options.onConnectionError ?? reportToStderr;
  const onConnectionError = (next: (error: Error) => void) => {
    report = next;
  };
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      application_name: options.pgApplicationName ?? 'keguan',
      // Without a limit a request waits forever for an unreachable server instead of answering UNAVAILABLE.
      connectionTimeoutMillis: options.pgConnectTimeoutMs ?? 10_000,
      keepAlive: true,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // A backend that dies (restart, pg_terminate_backend, network loss) makes its client emit
    // 'error'; with no listener Node ends the process. The pool drops such a client and opens a
    // new one on the next request, so reporting is all there is to do. Idle clients report through
    // the pool; checked-out ones (e.g. inside a transaction waiting on something else) through
    // their own listener; a query running at the time fails on its own and is answered UNAVAILABLE.
    pool.on('error', (error) => report(error));
    pool.on('connect', (client) => {
      client.on('error', (error) => report(error));
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlite: null, onConnectionError, close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, options.sqliteFile ?? 'keguan.db');
  const sqlite = new SQLite(file);
  // WAL + synchronous=FULL: a commit is on disk before it returns, so kill -9 loses nothing committed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new TransactionalSqliteDialect(sqlite) });
  return { db, dialect: 'sqlite', sqlite, onConnectionError, close: () => db.destroy() };
}

/** Which dialect a Kysely handle speaks. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
