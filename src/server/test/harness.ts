import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { type AppConfig, loadConfig } from '../config.js';
import { type Database, connect } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { Factories } from './factories.js';

/** An empty place for a test's data: a temp directory, and on PostgreSQL (DATABASE_URL set) a new schema of its own; `remove` drops both. */
export async function createTestStorage(): Promise<{ dataDir: string; databaseUrl: string | null; schema: string | undefined; remove(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL ?? null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-test-'));
  const onServer = async (sql: string) => {
    const admin = new pg.Client({ connectionString: databaseUrl! });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  const schema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (schema) await onServer(`create schema ${schema}`);
  return {
    dataDir,
    databaseUrl,
    schema,
    async remove() {
      if (schema) await onServer(`drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database for one test file: a temp SQLite file, or a new schema on PostgreSQL when DATABASE_URL is set. */
export async function createTestDatabase(): Promise<Database & { config: AppConfig; dispose(): Promise<void> }> {
  const { dataDir, databaseUrl, schema, remove } = await createTestStorage();
  const config = loadConfig({ KEGUAN_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, { logLevel: 'silent' });
  const database = connect({ databaseUrl, dataDir, pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(database.db);
  return {
    ...database,
    config,
    async dispose() {
      await database.close();
      await remove();
    },
  };
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  text: string;
}

/** Talks to the app like a browser on the same origin would: cookies kept, Origin sent. */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { bearer?: string; origin?: string | null } = {},
  ) {}

  async request<T = any>(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.options.origin !== null) h.origin ??= this.options.origin ?? 'http://localhost:80';
    if (this.options.bearer) h.authorization = `Bearer ${this.options.bearer}`;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const isBuffer = Buffer.isBuffer(payload) || typeof payload === 'string';
    if (payload !== undefined && !isBuffer) h['content-type'] ??= 'application/json';
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      payload: payload === undefined ? undefined : isBuffer ? (payload as string | Buffer) : JSON.stringify(payload),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (!c.value || (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let body: any;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body: unknown = {}) {
    return this.request<T>('POST', url, body);
  }
  patch<T = any>(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body, headers);
  }
  put<T = any>(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, body, headers);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** A client that signs in as `username` just before its first request, so a test pays only for the sign-ins it uses. */
class SignInOnFirstUse extends TestClient {
  private signedIn: Promise<void> | null = null;
  constructor(
    app: FastifyInstance,
    private readonly username: string,
    private readonly password: string,
  ) {
    super(app);
  }

  override async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    this.signedIn ??= super.request('POST', '/api/auth/login', { username: this.username, password: this.password }).then((res) => {
      if (res.status !== 200) throw new Error(`login ${this.username} failed: ${res.status} ${res.text}`);
    });
    await this.signedIn;
    return super.request<T>(method, url, payload, headers);
  }
}

export interface TestApp {
  app: FastifyInstance;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  factories: Factories;
  /** A client with no session. */
  anonymous(options?: { origin?: string | null }): TestClient;
  /** A client signed in through POST /api/auth/login. */
  login(username: string, password?: string): Promise<TestClient>;
  /** A client that signs in as `username` on its first request (for worlds of many roles, most unused by any one test). */
  lazyLogin(username: string, password?: string): TestClient;
  close(): Promise<void>;
}

/** The real app on a fresh database, for one test file. */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: { beforeReady?: (app: FastifyInstance) => void; logger?: object } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...database.config, ...overrides };
  const app = await buildApp({ db: database.db, dialect: database.dialect, config }, { logger: options.logger ?? false });
  options.beforeReady?.(app);
  await app.ready();
  const factories = new Factories(database.db);
  return {
    app,
    database,
    factories,
    anonymous: (options) => new TestClient(app, options),
    async login(username, password = Factories.DEFAULT_PASSWORD) {
      const client = new TestClient(app);
      const res = await client.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return client;
    },
    lazyLogin: (username, password = Factories.DEFAULT_PASSWORD) => new SignInOnFirstUse(app, username, password),
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
