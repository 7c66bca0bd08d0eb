// PostgreSQL faults under load (issue 9, item 1): while writers create records, every keguan
// connection is terminated (pg_terminate_backend), then the private cluster is crashed (immediate
// stop) and started again. keguan must stay up, answer 503 UNAVAILABLE (never 500) while the
// database is away, /api/health must say so, service must resume by itself, and no acknowledged
// write may be lost.
import { randomBytes } from 'node:crypto';
import { type Answer, Client, isCodedChineseError } from './client.js';
import { openProbe } from './db-probe.js';
import { type KeguanServer, type PrivatePostgres, sleep } from './processes.js';
import { cliAddUser, strongPassword } from './world.js';

export interface OutageResult {
  database: string;
  /** keguan still running after both faults. */
  survived: boolean;
  acknowledged: number;
  lost: number;
  /** Write answers while the database was away, by status and code. */
  answers: Record<string, number>;
  errors500: number;
  /** Non-200 answers without a coded Chinese error. */
  uncoded: number;
  /** /api/health while the database was down. */
  healthWhileDown: string;
  /** Milliseconds from the database's restart to /api/health answering 200; -1 when it never did. */
  resumedMs: number;
  pass: boolean;
  note?: string;
}

export async function runOutage(label: string, server: KeguanServer, cluster: PrivatePostgres, database: string): Promise<OutageResult> {
  const result: OutageResult = {
    database: label,
    survived: false,
    acknowledged: 0,
    lost: 0,
    answers: {},
    errors500: 0,
    uncoded: 0,
    healthWhileDown: '',
    resumedMs: -1,
    pass: false,
  };
  const target = { dataDir: server.options.dataDir, databaseUrl: server.options.databaseUrl };
  try {
    await server.start();
    const probe = openProbe(target);
    const [county] = await probe.all<{ name: string }>(`select name from orgs where level = 'county' order by id limit 1`);
    await probe.close();
    const tag = randomBytes(3).toString('hex');
    const username = `rel_outage_${tag}`;
    const password = strongPassword();
    await cliAddUser(server, { username, name: '停库测试', role: 'staff', org: county.name, password });
    const { client } = await Client.login(server.url, username, password);

    const prefix = `outage-${tag}-`;
    const acknowledged = new Set<string>();
    const answered: Answer[] = [];
    let stopped = false;
    const writer = async (w: number) => {
      for (let i = 0; !stopped; i++) {
        const name = `${prefix}${w}-${i}`;
        const a = await client.post('/api/enterprises', { name, kind: '合作社', industry: 'agriculture' }, { timeoutMs: 15_000 });
        if (a.status === 200 && a.json?.name === name) acknowledged.add(name);
        else {
          answered.push(a);
          await sleep(50); // a failing database answers at once: do not spin
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, w) => writer(w));
    await sleep(500);
    await cluster.terminateConnections(database);
    await sleep(700);
    cluster.crash();
    await sleep(300);
    const health = await new Client(server.url).get('/api/health', { timeoutMs: 10_000 });
    result.healthWhileDown = `${health.status} ${health.json?.db ?? health.json?.error?.code ?? ''}`.trim();
    await sleep(1200);
    cluster.restart();
    const restarted = Date.now();
    while (Date.now() - restarted < 30_000) {
      const h = await new Client(server.url).get('/api/health', { timeoutMs: 5000 });
      if (h.status === 200) {
        result.resumedMs = Date.now() - restarted;
        break;
      }
      await sleep(200);
    }
    await sleep(500);
    stopped = true;
    await Promise.all(writers);
    result.survived = server.alive();
    // After the restart a write must go through again.
    const after = await client.post('/api/enterprises', { name: `${prefix}after`, kind: '合作社', industry: 'agriculture' });
    if (after.status === 200) acknowledged.add(`${prefix}after`);
    else result.note = `a write after the restart answered ${after.status || after.failure}`;

    for (const a of answered) {
      const key = a.status ? `${a.status} ${a.json?.error?.code ?? ''}`.trim() : `no answer (${a.failure})`;
      result.answers[key] = (result.answers[key] ?? 0) + 1;
      if (a.status === 500) result.errors500++;
      if (a.status && !isCodedChineseError(a)) result.uncoded++;
    }
    const check = openProbe(target);
    const rows = await check.all<{ name: string }>('select name from enterprises where name like ?', [`${prefix}%`]);
    await check.close();
    const present = new Set(rows.map((r) => r.name));
    result.acknowledged = acknowledged.size;
    result.lost = [...acknowledged].filter((n) => !present.has(n)).length;
    const noAnswer = answered.filter((a) => a.status === 0).length;
    result.pass =
      result.survived &&
      result.errors500 === 0 &&
      result.uncoded === 0 &&
      noAnswer === 0 &&
      result.resumedMs >= 0 &&
      result.lost === 0 &&
      after.status === 200 &&
      health.status === 503;
  } catch (err) {
    result.note = `failed: ${(err as Error).message.slice(0, 300)}`;
  } finally {
    await server.stop();
  }
  return result;
}
