// Reads a keguan database from the side, as an auditor would: row counts, a checksum of every table
// (to see whether a refused request changed anything), PRAGMA integrity_check on SQLite. It never
// writes. SQL is written with `?` placeholders and numbered for PostgreSQL.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SQLite, type SqliteDatabase } from '../../src/server/db/sqlite-driver.js';
import pg from 'pg';

/** Tables left out of "did anything change": sessions are touched by every signed-in request. */
const VOLATILE_TABLES = /session/i;

export type Snapshot = Map<string, string>;

export interface DbProbe {
  readonly kind: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** One checksum per table (rows in a stable order), volatile tables left out. */
  snapshot(): Promise<Snapshot>;
  /** SQLite: the result of PRAGMA integrity_check ('ok' when sound); PostgreSQL: null. */
  integrityCheck(): Promise<string | null>;
  close(): Promise<void>;
}

export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

class SqliteProbe implements DbProbe {
  readonly kind = 'sqlite' as const;
  private db: SqliteDatabase;
  constructor(file: string) {
    this.db = new SQLite(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
  }
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...params) as T[];
  }
  private last: { version: number; snapshot: Snapshot } | null = null;
  async snapshot(): Promise<Snapshot> {
    // data_version changes when another connection commits: unchanged means nothing to hash again.
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.last?.version === version) return this.last.snapshot;
    const snapshot = this.hashTables();
    this.last = { version, snapshot };
    return snapshot;
  }
  private hashTables(): Snapshot {
    const tables = this.db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as {
      name: string;
    }[];
    const out: Snapshot = new Map();
    // One read transaction, so the snapshot is of one moment.
    this.db.transaction(() => {
      for (const { name } of tables) {
        if (VOLATILE_TABLES.test(name)) continue;
        const hash = createHash('sha1');
        for (const row of this.db.prepare(`select * from "${name}"`).iterate()) hash.update(JSON.stringify(row)).update('\n');
        out.set(name, hash.digest('hex'));
      }
    })();
    return out;
  }
  async integrityCheck(): Promise<string> {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresProbe implements DbProbe {
  readonly kind = 'postgres' as const;
  private pool: pg.Pool;
  private tables: string[] | null = null;
  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => {
      // a killed backend is not our concern here
    });
  }
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await this.pool.query(text, params)).rows as T[];
  }
  private last: { token: string; snapshot: Snapshot } | null = null;
  async snapshot(): Promise<Snapshot> {
    // The transaction snapshot (xmin:xmax:in-progress) moves whenever a transaction that writes starts
    // or ends; unchanged means no commit since the last hash. Our own reads assign no transaction id.
    const [{ token }] = await this.all<{ token: string }>('select pg_current_snapshot()::text as token');
    if (this.last?.token === token) return this.last.snapshot;
    const snapshot = await this.hashTables();
    this.last = { token, snapshot };
    return snapshot;
  }
  private async hashTables(): Promise<Snapshot> {
    // Listed once: the schema does not change during a run.
    this.tables ??= (
      await this.all<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
      )
    )
      .map((r) => r.table_name)
      .filter((t) => !VOLATILE_TABLES.test(t));
    const parts = this.tables.map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "${t}" x`);
    const rows = await this.all<{ t: string; h: string }>(`${parts.join(' union all ')}`);
    return new Map(rows.map((r) => [r.t, r.h]));
  }
  async integrityCheck(): Promise<null> {
    return null;
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

export function openProbe(target: { dataDir: string; databaseUrl: string | null }): DbProbe {
  return target.databaseUrl ? new PostgresProbe(target.databaseUrl) : new SqliteProbe(path.join(target.dataDir, 'keguan.db'));
}
