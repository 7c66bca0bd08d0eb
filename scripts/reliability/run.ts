// npm run test:reliability — the figures of issue 9, measured on real servers over HTTP:
//   1. kill -9 rounds: records acknowledged vs records present after a restart (SQLite: integrity_check);
//   2. concurrent conflicting operations: how many of N identical requests took effect (must be 1);
//   3. bad inputs generated from the OpenAPI description plus hand-written ones: coded Chinese errors,
//      no 500, no table changed;
//   4. cross-organisation isolation: every endpoint taking an id, asked for another bureau's record.
// Each runs on SQLite (a temp KEGUAN_DATA_DIR) and on a private PostgreSQL cluster started here
// (initdb on a free port; never the shared server). Prints a Markdown table, writes
// test-results/reliability.json, exits 1 when a must-be figure fails. Stops itself within the budget.
//
// Options: --only=sqlite|postgres, --built (serve dist/ through bin/keguan.js instead of the sources),
// RELIABILITY_ROUNDS (kill rounds, default 5), RELIABILITY_WIDTH (parallel requests, default 30),
// RELIABILITY_BUDGET_S (default 230), RELIABILITY_PG_BIN, RELIABILITY_PG_FALLBACK_URL (last resort only).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runBadInputs } from './bad-inputs.js';
import { runConflicts } from './conflicts.js';
import { type OutageResult, runOutage } from './db-outage.js';
import { openProbe } from './db-probe.js';
import { runIsolation } from './isolation.js';
import { runKillRounds } from './kill-rounds.js';
import { operationsOf } from './openapi-cases.js';
import { KeguanServer, PrivatePostgres, ROOT, cleanupAll, fallbackDatabase, tempDir } from './processes.js';
import { type DatabaseResults, buildRows, details, failingFigures, markdownTable } from './report.js';
import { buildWorld, strongPassword } from './world.js';

const started = Date.now();
const budgetMs = Number(process.env.RELIABILITY_BUDGET_S ?? 230) * 1000;
const deadline = started + budgetMs;
const rounds = Number(process.env.RELIABILITY_ROUNDS ?? 5);
const width = Number(process.env.RELIABILITY_WIDTH ?? 30);
const built = process.argv.includes('--built');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

function log(text: string): void {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);
}

interface Target {
  label: string;
  /** The private cluster, for the database-outage round (PostgreSQL only). */
  cluster: PrivatePostgres | null;
  /** A database URL for a fresh database (PostgreSQL), or null for SQLite. */
  freshDatabase: ((name: string) => Promise<string>) | null;
}

/** kill -9 rounds on a database of their own. */
async function killPhase(
  target: Target,
  passwords: { admin: string; demo: string },
  until: number,
): Promise<Pick<DatabaseResults, 'kill' | 'outage' | 'errors'>> {
  try {
    const dataDir = tempDir(`${target.label.split(' ')[0].toLowerCase()}-kill`);
    const databaseUrl = target.freshDatabase ? await target.freshDatabase('keguan_kill') : null;
    const server = new KeguanServer({
      label: `${target.label} (kill)`,
      dataDir,
      databaseUrl,
      adminPassword: passwords.admin,
      demoPassword: passwords.demo,
      built,
    });
    log(`${target.label}: kill -9 rounds`);
    const kill = await runKillRounds(target.label, server, rounds, until);
    log(`${target.label}: kill -9 rounds done (${kill.rounds.length})`);
    let outage: OutageResult | null = null;
    if (target.cluster) {
      log(`${target.label}: connections terminated and the cluster crashed under load`);
      outage = await runOutage(target.label, server, target.cluster, 'keguan_kill');
    }
    return { kill, outage, errors: [] };
  } catch (err) {
    return { kill: null, outage: null, errors: [`kill rounds could not run: ${(err as Error).message.slice(0, 300)}`] };
  }
}

/** Conflicts, isolation and bad inputs on one server holding two bureaus. */
async function mainPhases(target: Target, passwords: { admin: string; demo: string }, until: number, out: DatabaseResults): Promise<void> {
  const dataDir = tempDir(`${target.label.split(' ')[0].toLowerCase()}-main`);
  let server: KeguanServer | null = null;
  try {
    const databaseUrl = target.freshDatabase ? await target.freshDatabase('keguan_main') : null;
    server = new KeguanServer({ label: target.label, dataDir, databaseUrl, adminPassword: passwords.admin, demoPassword: passwords.demo, built });
    await server.start();
    const probe = openProbe({ dataDir, databaseUrl });
    try {
      log(`${target.label}: two bureaus and their records`);
      const world = await buildWorld(server, probe);
      const docs = await fetch(`${server.url}/api/docs/json`);
      if (docs.status !== 200) throw new Error(`GET /api/docs/json → ${docs.status}`);
      const ops = operationsOf((await docs.json()) as { paths: Record<string, Record<string, unknown>> });
      log(`${target.label}: concurrent conflicting operations (${width} at once)`);
      out.conflicts = await runConflicts(target.label, server, probe, world, width);
      log(`${target.label}: cross-organisation isolation`);
      out.isolation = await runIsolation(target.label, probe, world, ops, until);
      log(`${target.label}: bad inputs`);
      out.badInputs = await runBadInputs(target.label, server.url, probe, world, ops, until);
      if (Date.now() > until) out.errors.push('the time budget ran out before every case was sent');
    } finally {
      await probe.close();
    }
  } catch (err) {
    out.errors.push(`${(err as Error).message.slice(0, 400)}${server ? `\nserver log:\n${server.logTail(15)}` : ''}`);
  } finally {
    await server?.stop();
  }
}

async function main(): Promise<number> {
  const targets: Target[] = [];
  if (!only || only === 'sqlite') targets.push({ label: 'SQLite', cluster: null, freshDatabase: null });
  const setupErrors: string[] = [];
  if (!only || only === 'postgres') {
    const reason = PrivatePostgres.unavailableReason();
    let cluster: PrivatePostgres | null = null;
    if (!reason) {
      try {
        cluster = new PrivatePostgres();
        log('PostgreSQL: initdb of a private cluster');
        await cluster.start();
        log(`PostgreSQL: private cluster on 127.0.0.1:${cluster.port}`);
        const c = cluster;
        targets.push({ label: 'PostgreSQL (private cluster)', cluster: c, freshDatabase: (name) => c.createDatabase(name) });
      } catch (err) {
        setupErrors.push(`private PostgreSQL cluster: ${(err as Error).message.slice(0, 400)}`);
        cluster = null;
      }
    } else {
      setupErrors.push(`private PostgreSQL cluster: ${reason}`);
    }
    const fallback = process.env.RELIABILITY_PG_FALLBACK_URL;
    if (!cluster && fallback) {
      const suffix = Math.random().toString(36).slice(2, 8);
      targets.push({
        label: 'PostgreSQL (FALLBACK: fresh database on a shared server)',
        cluster: null,
        freshDatabase: (name) => fallbackDatabase(fallback, `${name}_${suffix}`),
      });
    }
  }

  // The kill rounds of every database at once (they spend their time restarting servers), then the
  // other phases one database at a time, each with its share of what is left of the budget.
  const passwords = { admin: strongPassword(), demo: strongPassword() };
  const killUntil = started + budgetMs * 0.45;
  const kills = await Promise.all(targets.map((t) => killPhase(t, passwords, killUntil)));
  const results: DatabaseResults[] = targets.map((t, i) => ({
    label: t.label,
    kill: kills[i].kill,
    outage: kills[i].outage,
    conflicts: [],
    badInputs: null,
    isolation: null,
    errors: [...kills[i].errors],
  }));
  for (let i = 0; i < targets.length; i++) {
    const until = Date.now() + (deadline - Date.now()) / (targets.length - i);
    await mainPhases(targets[i], passwords, until, results[i]);
  }
  if (setupErrors.length && !results.some((r) => r.label.startsWith('PostgreSQL'))) {
    results.push({ label: 'PostgreSQL', kill: null, outage: null, conflicts: [], badInputs: null, isolation: null, errors: setupErrors });
  }

  const rows = buildRows(results);
  const table = markdownTable(results, rows);
  const failing = failingFigures(results, rows);
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' + uncommitted changes';
  } catch {
    // not a checkout
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const heading = `## keguan reliability figures (${new Date().toISOString().slice(0, 10)}, ${commit}, ${seconds} s, ${built ? 'dist/' : 'sources'})`;
  const detail = details(results);
  process.stdout.write(`\n${heading}\n\n${table}\n\n`);
  if (detail) process.stdout.write(`### Details of what failed\n\n${detail}\n\n`);

  const outDir = path.join(ROOT, 'test-results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'reliability.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit,
        seconds,
        options: { rounds, width, built, only: only ?? null },
        table: rows,
        failing,
        results,
      },
      null,
      2,
    )}\n`,
  );

  if (failing.length) {
    process.stdout.write(`RELIABILITY FAILED (${failing.length}):\n${failing.map((f) => `  - ${f}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('Every must-be figure holds.\n');
  return 0;
}

let code: number;
// A last guard: whatever hangs, the run ends a minute after its budget, cleaned up.
setTimeout(() => {
  process.stderr.write(`reliability run exceeded its budget of ${budgetMs / 1000} s by a minute: stopping\n`);
  void cleanupAll().then(() => process.exit(1));
}, budgetMs + 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanupAll().then(() => process.exit(130));
  });
}
try {
  code = await main();
} catch (err) {
  process.stderr.write(`reliability run failed: ${(err as Error).stack ?? err}\n`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);
