import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { SQLite } from '../db/sqlite-driver.js';
import type { FastifyInstance } from 'fastify';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { type Database, connect } from '../db/connection.js';
import { classifyDatabaseError } from '../db/sql-helpers.js';
import { Factories } from '../test/factories.js';
import { type TestApp, TestClient, type TestResponse, createTestApp } from '../test/harness.js';

// What keguan does when the database, not the request, fails: a lost or refused PostgreSQL
// connection, a locked, full or read-only SQLite file. The process must live on, every answer must
// be a coded Chinese error (UNAVAILABLE 503 or STORAGE 507, never INTERNAL 500), nothing may be
// half-written, and service must resume by itself once the database is back.

const databaseUrl = process.env.DATABASE_URL ?? null;
const onPostgres = databaseUrl !== null;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const UNAVAILABLE = { code: 'UNAVAILABLE', message: '数据库暂时不可用,请稍后再试' };

/** Polls `check` until it holds (a state, not a duration), failing after `ms`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface OwnPoolApp {
  app: FastifyInstance;
  database: Database;
  /** Errors the pool reported for connections it lost. */
  connectionErrors: Error[];
  client(): TestClient;
  login(username: string): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * A second app on the test file's database (same PostgreSQL schema) but with a pool of its own,
 * named so that pg_stat_activity finds it, so a test can cut, limit or redirect that pool alone.
 */
async function appOnOwnPool(options: { url?: string; applicationName?: string; poolSize?: number; connectTimeoutMs?: number } = {}): Promise<OwnPoolApp> {
  const schema = onPostgres ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.database.db)).rows[0].s : undefined;
  const connectionErrors: Error[] = [];
  const database = connect({
    databaseUrl: options.url ?? databaseUrl,
    dataDir: t.database.config.dataDir,
    pgSchema: schema,
    pgPoolSize: options.poolSize ?? 3,
    pgApplicationName: options.applicationName,
    pgConnectTimeoutMs: options.connectTimeoutMs,
    onConnectionError: (error) => connectionErrors.push(error),
  });
  const app = await buildApp({ db: database.db, dialect: database.dialect, config: t.database.config }, { logger: false });
  app.get('/test/sleep', async () => {
    await sql`select pg_sleep(30)`.execute(database.db);
    return { ok: true };
  });
  await app.ready();
  return {
    app,
    database,
    connectionErrors,
    client: () => new TestClient(app),
    async login(username) {
      const client = new TestClient(app);
      const res = await client.post('/api/auth/login', { username, password: Factories.DEFAULT_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Runs one statement on a connection of its own (outside every app's pool). */
async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const admin = new pg.Client({ connectionString: databaseUrl! });
  await admin.connect();
  try {
    return (await admin.query<R>(text, values)).rows;
  } finally {
    await admin.end();
  }
}

async function staffMember() {
  const org = await t.factories.org();
  const section = await t.factories.section(org);
  const user = await t.factories.user({ org, role: 'staff', section });
  return { org, section, user };
}

const enterprise = (name: string, notes: string | null = null) => ({
  name,
  creditCode: null,
  kind: '合作社',
  industry: 'agriculture',
  townId: null,
  address: null,
  contactPerson: null,
  contactPhone: null,
  notes,
});

describe('a lost PostgreSQL connection', () => {
  // SQLite has no connection to lose; its counterpart is the locked-file test below.
  it.skipIf(!onPostgres)('is logged, not fatal: after every backend of the pool is terminated the next requests work', async () => {
    const applicationName = `keguan_t_${randomBytes(4).toString('hex')}`;
    const own = await appOnOwnPool({ applicationName, poolSize: 3 });
    try {
      const { user } = await staffMember();
      const staff = await own.login(user.username);
      // Open several connections, and keep one checked out inside a transaction while it dies:
      // an idle client reports through the pool, a checked-out one through its own listener.
      const lists = await Promise.all([1, 2, 3].map(() => staff.get('/api/enterprises')));
      expect(lists.map((r) => r.status)).toEqual([200, 200, 200]);
      const backends = () =>
        adminQuery<{ pid: number; state: string }>('select pid, state from pg_stat_activity where application_name = $1', [applicationName]);

      const held = own.database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await waitFor('the transaction to be seen', async () => (await backends()).some((b) => b.state === 'idle in transaction'));
        const killed = await adminQuery<{ ok: boolean }>('select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1', [
          applicationName,
        ]);
        expect(killed.length).toBeGreaterThanOrEqual(2);
        await waitFor('every lost connection to be reported', () => own.connectionErrors.length >= killed.length);
        await sql`select 1`.execute(trx);
      });
      await expect(held).rejects.toThrow();
      expect(own.connectionErrors.map((e) => e.message).join('\n')).toMatch(/terminat/i);
      expect(classifyDatabaseError(await held.catch((e: unknown) => e))).toBe('unavailable');

      expect((await staff.get('/api/enterprises')).status).toBe(200);
      expect((await own.client().get('/api/health')).body).toMatchObject({ status: 'ok', db: 'postgres' });
      expect((await staff.post('/api/enterprises', enterprise('断线后登记的合作社'))).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it.skipIf(!onPostgres)('fails the request it was serving with UNAVAILABLE, not INTERNAL', async () => {
    const applicationName = `keguan_t_${randomBytes(4).toString('hex')}`;
    const own = await appOnOwnPool({ applicationName });
    try {
      const pending = own.client().get('/test/sleep');
      await waitFor(
        'the query to run',
        async () =>
          (await adminQuery('select pid from pg_stat_activity where application_name = $1 and query like $2', [applicationName, '%pg_sleep%'])).length === 1,
      );
      await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject(UNAVAILABLE);
      expect(res.headers['retry-after']).toBe('5');
      // Other connections of the pool were ended too; the pool drops each as it learns of it, so the
      // next requests may still meet one before service resumes by itself.
      await waitFor('service to resume', async () => (await own.client().get('/api/health')).status === 200);
    } finally {
      await own.close();
    }
  });
});

describe('PostgreSQL that cannot be reached', () => {
  // Needs no PostgreSQL server: nothing listens on port 1, so every connection is refused.
  it('answers 503 UNAVAILABLE on /api/health, on login and on a list, and the process stays up', async () => {
    const own = await appOnOwnPool({ url: 'postgres://postgres@127.0.0.1:1/test' });
    try {
      const health = await own.client().get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'down', db: 'down', dialect: 'postgres', error: UNAVAILABLE });
      const login = await own.client().post('/api/auth/login', { username: 'nobody', password: 'whatever123' });
      expect(login.status).toBe(503);
      expect(login.body.error).toMatchObject(UNAVAILABLE);
      const list = own.client();
      list.setCookie('keguan_sid', 'a-session-token');
      const res = await list.get('/api/enterprises');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject(UNAVAILABLE);
      expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      await own.close();
    }
  });

  // The SQLite counterpart is the locked-file test: it too resumes once the lock is gone.
  it.skipIf(!onPostgres)('serves again by itself once PostgreSQL is back, with no restart', async () => {
    const target = new URL(databaseUrl!);
    const sockets = new Set<net.Socket>();
    // A TCP relay in front of PostgreSQL that can be switched off and on like a database restart.
    const relay = net.createServer((socket) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      socket.pipe(upstream).pipe(socket);
    });
    const listen = (port: number) => new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', () => resolve()));
    await listen(0);
    const port = (relay.address() as net.AddressInfo).port;
    const url = new URL(databaseUrl!);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const own = await appOnOwnPool({ url: url.toString() });
    try {
      const { user } = await staffMember();
      const staff = await own.login(user.username);
      expect((await staff.get('/api/enterprises')).status).toBe(200);

      await new Promise<void>((resolve) => {
        relay.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await waitFor('the pool to notice', () => own.connectionErrors.length > 0);
      const health = await own.client().get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'down', db: 'down' });
      const down = await staff.get('/api/enterprises');
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject(UNAVAILABLE);

      await listen(port);
      expect((await own.client().get('/api/health')).body).toMatchObject({ status: 'ok', db: 'postgres' });
      expect((await staff.get('/api/enterprises')).status).toBe(200);
    } finally {
      await own.close();
      relay.close();
      for (const s of sockets) s.destroy();
    }
  });
});

describe('a SQLite file another process holds locked', () => {
  // The PostgreSQL counterparts are the unreachable and restarted server tests above.
  it.skipIf(onPostgres)('answers writes with UNAVAILABLE after the busy timeout, and writes again once the lock is released', async () => {
    const { user } = await staffMember();
    const staff = await t.login(user.username);
    const sqlite = t.database.sqlite!;
    const other = new SQLite(sqlite.name);
    const busyTimeout = sqlite.pragma('busy_timeout', { simple: true });
    try {
      sqlite.pragma('busy_timeout = 50');
      other.exec('begin immediate');
      const res = await staff.post('/api/enterprises', enterprise('锁定时登记的合作社'));
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject(UNAVAILABLE);
      expect((await staff.get('/api/enterprises?q=锁定时登记')).body.total).toBe(0);
      other.exec('rollback');
      expect((await staff.post('/api/enterprises', enterprise('锁定时登记的合作社'))).status).toBe(200);
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
  });
});

describe('a database that cannot be written', () => {
  // Filling a PostgreSQL server's disk is not something a test can do; SQLITE_FULL and PostgreSQL's
  // 53100 go through the same mapping, checked for both in the classification test below.
  it.skipIf(onPostgres)('when the disk is full answers STORAGE in Chinese, not "cannot rollback", and leaves nothing half-written', async () => {
    const { user } = await staffMember();
    const staff = await t.login(user.username);
    const sqlite = t.database.sqlite!;
    const before = (await staff.get('/api/enterprises')).body.total;
    const auditCount = () => Number(sqlite.prepare('select count(*) from audit_log').pluck().get());
    const auditBefore = auditCount();
    const maxPages = sqlite.pragma('max_page_count', { simple: true });
    let saved = 0;
    let refused: TestResponse | null = null;
    try {
      // Register enterprises with long notes, each allowed a page or three more than the file has,
      // until one no longer fits. Typically the enterprise row fits and its audit row does not;
      // SQLite then rolls the whole transaction back by itself (see the next test).
      for (let i = 0; i < 100 && !refused; i++) {
        sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true })) + (i % 3) + 1}`);
        const res = await staff.post('/api/enterprises', enterprise(`磁盘满时登记的合作社${i}`, '备注'.repeat(500)));
        if (res.status === 200) saved++;
        else refused = res;
      }
    } finally {
      sqlite.pragma(`max_page_count = ${maxPages}`);
    }
    expect(refused?.status).toBe(507);
    expect(refused?.body.error).toMatchObject({ code: 'STORAGE', message: '服务器磁盘已满,本次操作未保存,请联系管理员清理磁盘空间' });
    expect(refused?.text).not.toMatch(/rollback|SQLITE/i);
    // The refused enterprise left neither its row nor its audit entry.
    expect((await staff.get('/api/enterprises')).body.total).toBe(before + saved);
    expect(auditCount()).toBe(auditBefore + saved);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
    expect((await staff.post('/api/enterprises', enterprise('磁盘清理后登记的合作社', '备注'.repeat(500)))).status).toBe(200);
  });

  it.skipIf(onPostgres)('when SQLite rolled the transaction back itself, the error says why, not "cannot rollback"', async () => {
    const sqlite = t.database.sqlite!;
    await sql`create table if not exists fill_scratch (v text)`.execute(t.database.db);
    const maxPages = sqlite.pragma('max_page_count', { simple: true });
    let failure: unknown = null;
    try {
      sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true })}`);
      await t.database.db.transaction().execute(async (trx) => {
        await sql`insert into fill_scratch (v) values (${'x'.repeat(10_000)})`.execute(trx);
      });
    } catch (error) {
      failure = error;
    } finally {
      sqlite.pragma(`max_page_count = ${maxPages}`);
    }
    expect(sqlite.inTransaction).toBe(false);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(classifyDatabaseError(failure)).toBe('disk-full');
  });

  it('when it is read-only answers STORAGE in Chinese and writes nothing, while reads still work', async () => {
    const { user } = await staffMember();
    // One connection, so a session setting on it covers every request of this app.
    const own = onPostgres ? await appOnOwnPool({ poolSize: 1 }) : null;
    const staff = own ? await own.login(user.username) : await t.login(user.username);
    const db = own ? own.database.db : t.database.db;
    const setReadOnly = (on: boolean) =>
      db.executeQuery(CompiledQuery.raw(onPostgres ? `set default_transaction_read_only = ${on ? 'on' : 'off'}` : `pragma query_only = ${on ? 1 : 0}`));
    try {
      await setReadOnly(true);
      const res = await staff.post('/api/enterprises', enterprise('只读时登记的合作社'));
      expect(res.status).toBe(507);
      expect(res.body.error).toMatchObject({ code: 'STORAGE', message: '数据库无法写入(文件只读或没有权限),本次操作未保存,请联系管理员检查数据目录' });
      const list = await staff.get('/api/enterprises?q=只读时登记');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(0);
    } finally {
      await setReadOnly(false);
      await own?.close();
    }
  });
});

describe('classifying database failures', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('maps the codes of both databases and of the system to what the user is told', () => {
    const cases: [unknown, string | null][] = [
      [coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'unavailable'],
      [new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''), 'unavailable'],
      [coded('ECONNRESET'), 'unavailable'],
      [coded('57P01', 'terminating connection due to administrator command'), 'unavailable'],
      [coded('57P03', 'the database system is starting up'), 'unavailable'],
      [coded('08006'), 'unavailable'],
      [coded('53300', 'too many clients already'), 'unavailable'],
      [new Error('Connection terminated unexpectedly'), 'unavailable'],
      [new Error('timeout exceeded when trying to connect'), 'unavailable'],
      [coded('SQLITE_BUSY', 'database is locked'), 'unavailable'],
      [coded('53100', 'could not extend file: No space left on device'), 'disk-full'],
      [coded('SQLITE_FULL', 'database or disk is full'), 'disk-full'],
      [coded('ENOSPC'), 'disk-full'],
      [coded('SQLITE_READONLY'), 'read-only'],
      [coded('SQLITE_CANTOPEN'), 'read-only'],
      [coded('EACCES'), 'read-only'],
      [coded('25006', 'cannot execute INSERT in a read-only transaction'), 'read-only'],
      [coded('23505'), 'conflict'],
      [coded('SQLITE_CONSTRAINT_UNIQUE'), 'conflict'],
      [coded('SQLITE_CONSTRAINT_PRIMARYKEY'), 'conflict'],
      [coded('40001'), 'conflict'],
      [new Error('wrapped', { cause: coded('SQLITE_FULL') }), 'disk-full'],
      [coded('23503'), null],
      [coded('SQLITE_CONSTRAINT_FOREIGNKEY'), null],
      [new TypeError('x is undefined'), null],
      [null, null],
    ];
    for (const [error, expected] of cases) {
      expect([error, classifyDatabaseError(error)]).toEqual([error, expected]);
    }
  });
});
