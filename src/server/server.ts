import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { AppConfig } from './config.js';
import { type Database, connect } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { type DemoLoadResult, isDemoLoaded, loadDemo } from './demo/demo.js';
import { formatDemoLogins } from './demo/logins.js';
import { anyOrganisation } from './orgs/repo.js';

export function openDatabase(config: AppConfig): Database {
  return connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgPoolSize: config.pgPoolSize });
}

export function describeDatabase(config: AppConfig): string {
  if (!config.databaseUrl) return `SQLite ${config.dataDir}/keguan.db`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** What the start-up banner says while no organisation exists (KEGUAN_DEMO=false on an empty database). */
export function formatSetupHint(url: string): string {
  return [
    `尚未初始设置：请在浏览器打开 ${url}/setup，建立本单位和管理员账号；`,
    '  或运行 npx keguan setup --division <区划代码> --name <单位名称> --admin <管理员用户名>',
  ].join('\n');
}

/** Migrates, loads the demo bureau into an empty database, and serves on the configured port. */
export async function startServer(config: AppConfig): Promise<{ app: FastifyInstance; database: Database; url: string }> {
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  let demo: DemoLoadResult | null = null;
  const empty = !(await anyOrganisation(database.db));
  if (config.loadDemo && empty) {
    demo = await loadDemo(database.db, { adminPassword: config.adminPassword, demoPassword: config.demoPassword });
  }
  // People starting it in a terminal read logs; a service manager collects JSON lines.
  const logger = process.stdout.isTTY
    ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname' } } }
    : { level: config.logLevel };
  const app = await buildApp({ db: database.db, dialect: database.dialect, config }, { logger });
  // A dropped PostgreSQL connection is logged, not fatal: the pool opens a new one when needed.
  database.onConnectionError((err) => app.log.warn({ err }, 'database connection lost; reconnecting on the next request'));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;

  const banner = [`科管 keguan 已启动: ${url}`, `数据库: ${describeDatabase(config)}`, `接口文档: ${url}/api/docs`];
  if (demo?.loaded || (await isDemoLoaded(database.db))) {
    banner.push(formatDemoLogins(demo ?? { generatedAdminPassword: null, demoPassword: config.demoPassword }, !!config.adminPassword));
  } else if (!config.loadDemo && empty) {
    banner.push(formatSetupHint(url));
  }
  process.stdout.write(`\n${banner.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, database, url };
}
