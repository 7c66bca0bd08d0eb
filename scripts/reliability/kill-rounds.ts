// kill -9 rounds: writers create records through the API while the server is killed with SIGKILL
// at a random moment; the server is started again on the same database and every record whose
// create was acknowledged (200) must be there. On SQLite the file must also pass integrity_check.
import { randomBytes, randomInt } from 'node:crypto';
import { Client } from './client.js';
import { type DbProbe, openProbe } from './db-probe.js';
import { type KeguanServer, sleep } from './processes.js';
import { cliAddUser, strongPassword } from './world.js';

export interface KillRound {
  round: number;
  /** Milliseconds of writing before the kill. */
  killedAfterMs: number;
  acknowledged: number;
  /** Acknowledged records found after the restart. */
  present: number;
  lost: number;
  /** Records committed whose answer never arrived (in flight at the kill): allowed. */
  unacknowledged: number;
  /** Answers other than 200 before the kill (each should be none). */
  oddAnswers: number;
  /** What the list endpoint counts after the restart (must equal what the database holds). */
  listed: number;
  /** SQLite: PRAGMA integrity_check after the restart; PostgreSQL: null. */
  integrity: string | null;
  restartMs: number;
}

export interface KillResult {
  database: string;
  /** Rounds asked for; fewer ran when the time budget ran out. */
  planned: number;
  rounds: KillRound[];
  pass: boolean;
  note?: string;
}

const WRITERS = 6;

export async function runKillRounds(label: string, server: KeguanServer, rounds: number, deadline: number): Promise<KillResult> {
  const target = { dataDir: server.options.dataDir, databaseUrl: server.options.databaseUrl };
  const result: KillResult = { database: label, planned: rounds, rounds: [], pass: false };
  const tag = randomBytes(3).toString('hex');
  const username = `rel_kill_${tag}`;
  let password = strongPassword();
  try {
    await server.start();
    let probe: DbProbe = openProbe(target);
    const [county] = await probe.all<{ name: string }>(`select name from orgs where level = 'county' order by id limit 1`);
    await probe.close();
    await cliAddUser(server, { username, name: '断电测试', role: 'staff', org: county.name, password });

    for (let round = 1; round <= rounds; round++) {
      if (Date.now() > deadline) {
        result.note = `stopped after ${round - 1} rounds: time budget spent`;
        break;
      }
      const login = await Client.login(server.url, username, password);
      password = login.password;
      const client = login.client;
      const prefix = `kill-${tag}-r${round}-`;
      const acknowledged = new Set<string>();
      let oddAnswers = 0;
      let stopped = false;
      const writer = async (w: number) => {
        for (let i = 0; !stopped; i++) {
          const name = `${prefix}${w}-${i}`;
          const a = await client.post('/api/enterprises', { name, kind: '合作社', industry: 'agriculture' });
          if (a.status === 200 && a.json?.name === name) acknowledged.add(name);
          else if (a.status === 0)
            return; // the server is gone
          else if (!stopped) oddAnswers++;
        }
      };
      const started = Date.now();
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await sleep(randomInt(300, 1500));
      const killedAfterMs = Date.now() - started;
      await server.kill9();
      stopped = true;
      await Promise.all(writers);

      const restartStarted = Date.now();
      await server.start();
      const restartMs = Date.now() - restartStarted;
      probe = openProbe(target);
      const integrity = await probe.integrityCheck();
      const rows = await probe.all<{ name: string }>(`select name from enterprises where name like ?`, [`${prefix}%`]);
      await probe.close();
      const present = new Set(rows.map((r) => r.name));
      const lost = [...acknowledged].filter((n) => !present.has(n)).length;
      const after = await Client.login(server.url, username, password);
      password = after.password;
      const listed = await after.client.get(`/api/enterprises?q=${encodeURIComponent(prefix)}&pageSize=1`);
      result.rounds.push({
        round,
        killedAfterMs,
        acknowledged: acknowledged.size,
        present: acknowledged.size - lost,
        lost,
        unacknowledged: [...present].filter((n) => !acknowledged.has(n)).length,
        oddAnswers,
        listed: listed.status === 200 ? Number(listed.json.total) : -1,
        integrity,
        restartMs,
      });
    }
    const rs = result.rounds;
    const listedOk = rs.every((r) => r.listed === r.present + r.unacknowledged);
    // Rounds cut short by the time budget are said in the note; fewer than three prove too little.
    result.pass =
      rs.length >= Math.min(3, rounds) &&
      rs.every((r) => r.lost === 0 && r.oddAnswers === 0 && (r.integrity === null || r.integrity === 'ok')) &&
      rs.reduce((s, r) => s + r.acknowledged, 0) > 0 &&
      listedOk;
    if (!listedOk) result.note = [result.note, 'the list after a restart did not count what the database holds'].filter(Boolean).join('; ');
  } catch (err) {
    result.note = [result.note, `failed: ${(err as Error).message.slice(0, 400)}`].filter(Boolean).join('; ');
    result.pass = false;
  } finally {
    await server.stop();
  }
  return result;
}
