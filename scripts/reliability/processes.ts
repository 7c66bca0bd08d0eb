// The real things the reliability run talks to: keguan servers started as separate processes (so
// they can be killed with SIGKILL), and a private PostgreSQL cluster in a temp directory on a free
// port, never the shared server. Everything started here is registered for clean-up, which runs on
// a normal end, on an error and on Ctrl-C.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------- clean-up ----------

const cleanups: (() => Promise<void> | void)[] = [];

/** Registers a clean-up step; they run last-registered first. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

let cleaning: Promise<void> | null = null;
/** Runs every registered clean-up once (stops servers and the cluster, removes temp directories). */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await fn();
      } catch (err) {
        process.stderr.write(`clean-up step failed: ${(err as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

/** A temp directory removed at clean-up. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keguan-rel-${prefix}-`));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port nobody listens on right now (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---------- keguan ----------

export interface ServerOptions {
  label: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string;
  demoPassword: string;
  /** Run the compiled dist/ (bin/keguan.js) instead of the sources through tsx. */
  built: boolean;
}

/** One keguan server process (`keguan serve`), restartable on the same port and database. */
export class KeguanServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> | null = null;
  readonly logFile: string;
  port = 0;

  constructor(readonly options: ServerOptions) {
    this.logFile = path.join(options.dataDir, 'server.log');
    onCleanup(() => this.stop());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment a server (or the CLI) of this database runs with. */
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KEGUAN_DATA_DIR: this.options.dataDir,
      KEGUAN_HOST: '127.0.0.1',
      KEGUAN_ADMIN_PASSWORD: this.options.adminPassword,
      KEGUAN_DEMO_PASSWORD: this.options.demoPassword,
      KEGUAN_DEMO: 'true',
      KEGUAN_LOG_LEVEL: 'warn',
      PORT: String(this.port),
    };
    delete env.DATABASE_URL;
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    return env;
  }

  /** Starts the process and waits until /api/health answers 200. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child) throw new Error(`${this.options.label}: already running`);
    if (!this.port) this.port = await freePort();
    const args = this.options.built ? ['bin/keguan.js', 'serve'] : ['--import', 'tsx', 'src/cli/entry.ts', 'serve'];
    const log = fs.openSync(this.logFile, 'a');
    const child = spawn(process.execPath, args, { cwd: ROOT, env: this.env(), stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        this.child = null;
        throw new Error(`${this.options.label}: keguan exited while starting (code ${child.exitCode}); log:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.options.label}: /api/health did not answer 200 within ${timeoutMs / 1000} s; log:\n${this.logTail()}`);
  }

  /** kill -9: no shutdown hook of keguan runs. */
  async kill9(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  /** A normal stop (SIGTERM), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Whether the process is still running (not exited by itself). */
  alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  logTail(lines = 30): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

// ---------- a private PostgreSQL cluster ----------

/** The directory of initdb/pg_ctl: RELIABILITY_PG_BIN, the newest /usr/lib/postgresql/N/bin, or pg_config --bindir. */
function findPgBin(): string | null {
  const candidates: string[] = [];
  if (process.env.RELIABILITY_PG_BIN) candidates.push(process.env.RELIABILITY_PG_BIN);
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // not a Debian layout
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

/**
 * A PostgreSQL cluster of our own: initdb into a temp directory, started on a free port with its socket
 * in that directory, stopped (immediate) and removed at clean-up. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the `postgres` system user and its commands run through runuser.
 */
export class PrivatePostgres {
  port = 0;
  dir = '';
  private bin = '';
  private runAs: string | null = null;
  private started = false;

  /** Why no private cluster can be made here, or null when it can. */
  static unavailableReason(): string | null {
    if (!findPgBin()) return 'initdb/pg_ctl not found (install postgresql, or set RELIABILITY_PG_BIN)';
    if (process.getuid?.() === 0) {
      try {
        execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' });
        execFileSync('runuser', ['--help'], { stdio: 'pipe' });
      } catch {
        return 'running as root without a postgres user or runuser: initdb refuses root';
      }
    }
    return null;
  }

  private run(cmd: string, args: string[]): string {
    const file = path.join(this.bin, cmd);
    const [exe, argv] = this.runAs ? ['runuser', ['-u', this.runAs, '--', file, ...args]] : [file, args];
    return execFileSync(exe, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
  }

  async start(): Promise<void> {
    const reason = PrivatePostgres.unavailableReason();
    if (reason) throw new Error(reason);
    this.bin = findPgBin()!;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-rel-pg-'));
    onCleanup(() => fs.rmSync(this.dir, { recursive: true, force: true }));
    if (process.getuid?.() === 0) {
      this.runAs = 'postgres';
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      fs.chownSync(this.dir, uid, gid);
    }
    const data = path.join(this.dir, 'data');
    try {
      this.run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    } catch (err) {
      throw new Error(`initdb failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`, { cause: err });
    }
    this.port = await freePort();
    onCleanup(() => this.stop());
    try {
      this.pgCtl('start');
      this.started = true;
    } catch (err) {
      let log = '';
      try {
        log = fs.readFileSync(path.join(this.dir, 'postgres.log'), 'utf8');
      } catch {
        // none
      }
      throw new Error(`pg_ctl start failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}\n${log}`, { cause: err });
    }
  }

  private pgCtl(action: 'start' | 'stop'): void {
    const data = path.join(this.dir, 'data');
    if (action === 'stop') {
      this.run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      return;
    }
    this.run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB`,
      'start',
    ]);
  }

  /** A crash of the database server: immediate stop (no checkpoint), as a power cut of PostgreSQL alone. */
  crash(): void {
    this.pgCtl('stop');
    this.started = false;
  }

  /** Starts the cluster again on the same port after crash(). */
  restart(): void {
    this.pgCtl('start');
    this.started = true;
  }

  /** Ends every connection to a database but ours (pg_terminate_backend), as a network blip or an operator would. */
  async terminateConnections(database: string): Promise<number> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const res = await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
      return res.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`create database "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    try {
      this.pgCtl('stop');
    } catch (err) {
      process.stderr.write(`pg_ctl stop failed: ${(err as { stderr?: string }).stderr ?? (err as Error).message}\n`);
    }
  }
}

/**
 * Last resort when no private cluster can run here: a fresh database on a server named by
 * RELIABILITY_PG_FALLBACK_URL, dropped at clean-up. Results are labelled as such.
 */
export async function fallbackDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  onCleanup(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
