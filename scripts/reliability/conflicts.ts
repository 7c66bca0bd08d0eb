// Concurrent conflicting operations: the same change sent many times at once, as double clicks,
// two colleagues or a retrying script would. Exactly one may take effect; the others must be
// refused with a coded error (409 and the like), never a 500, and the database must hold one
// effect. Plus the lockout: wrong passwords sent at once must not get more than five checked.
import { randomBytes } from 'node:crypto';
import { type Answer, Client, isCodedChineseError } from './client.js';
import type { DbProbe } from './db-probe.js';
import type { KeguanServer } from './processes.js';
import { type World, cliAddUser, randomCreditCode, strongPassword, thisYear, today } from './world.js';

export interface ConflictResult {
  database: string;
  operation: string;
  sent: number;
  /** Answers 200. */
  ok: number;
  /** Coded refusals (4xx with a coded Chinese error). */
  refused: number;
  /** 5xx answers. */
  errors5xx: number;
  /** No answer, or an answer that is neither 200 nor a coded error. */
  other: number;
  /** What the database holds afterwards: the effects that took place. */
  effects: number;
  /** The figure that must hold, in words. */
  must: string;
  /** The figure the row is judged by (won, or wrong passwords checked). */
  figure: number;
  pass: boolean;
  note?: string;
}

function tally(answers: Answer[]) {
  let ok = 0,
    refused = 0,
    errors5xx = 0,
    other = 0;
  for (const a of answers) {
    if (a.status === 200) ok++;
    else if (a.status >= 500) errors5xx++;
    else if (isCodedChineseError(a)) refused++;
    else other++;
  }
  return { ok, refused, errors5xx, other };
}

function firstOddAnswer(answers: Answer[]): string | undefined {
  const odd = answers.find((a) => a.status !== 200 && !(a.status < 500 && isCodedChineseError(a)));
  return odd ? `e.g. ${odd.status || odd.failure} ${odd.text.slice(0, 160)}` : undefined;
}

/** Sends `n` copies of a request at the same moment. */
function burst(n: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

/** The lockout rule of the issue: at most five wrong passwords are ever checked. */
const MAX_FAILED_LOGINS = 5;

type Scenario = { operation: string; run: () => Promise<Omit<ConflictResult, 'database' | 'operation'>> };

function judgeOne(answers: Answer[], effects: number, extra?: { effectsMust?: number; note?: string }): Omit<ConflictResult, 'database' | 'operation'> {
  const t = tally(answers);
  const effectsMust = extra?.effectsMust ?? 1;
  return {
    sent: answers.length,
    ...t,
    effects,
    figure: t.ok,
    must: 'won = 1',
    pass: t.ok === 1 && effects === effectsMust && t.errors5xx === 0 && t.other === 0,
    note: extra?.note ?? firstOddAnswer(answers),
  };
}

export async function runConflicts(label: string, server: KeguanServer, probe: DbProbe, world: World, width: number): Promise<ConflictResult[]> {
  const { A } = world;
  const staff = A.accounts.staff.client;
  const leader = A.accounts.leader.client;
  const admin = A.accounts.admin.client;
  const day = today();
  const tag = randomBytes(3).toString('hex');

  const scenarios: Scenario[] = [
    {
      operation: 'stage moves of one project to 储备 (pool)',
      run: async () => {
        const project = await staff.ok('POST', '/api/projects', {
          title: `并发阶段${tag}`,
          enterpriseId: A.fx.enterprise,
          field: 'industry',
          stage: 'lead',
          stageDates: { lead: day },
        });
        const answers = await burst(width, () => staff.post(`/api/projects/${project.id}/stage`, { to: 'pool', date: day }));
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from project_stage_events where project_id = ? and to_stage = 'pool'`, [project.id]);
        return judgeOne(answers, Number(row.n));
      },
    },
    {
      operation: 'closings of one work-list item',
      run: async () => {
        const item = await staff.ok('POST', `/api/worklists/${A.fx.worklist}/items`, { values: { title: `并发销号${tag}` }, registeredDate: day });
        const answers = await burst(width, (i) =>
          staff.post(`/api/worklist-items/${item.id}/progress`, { entryDate: day, content: `办结${i}`, toStatus: 'done' }),
        );
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from worklist_progress where item_id = ? and to_status = 'done'`, [item.id]);
        return judgeOne(answers, Number(row.n));
      },
    },
    {
      operation: 'saves of a report version on the same base',
      run: async () => {
        const report = await leader.ok('POST', '/api/reports', { from: `${thisYear()}-01-01`, to: day, templateId: A.fx.template });
        const version = await leader.ok('GET', `/api/reports/${report.id}/versions/${report.latestVersion}`);
        const answers = await burst(width, (i) =>
          leader.post(`/api/reports/${report.id}/versions`, {
            doc: { ...version.doc, title: `${version.doc.title}${i}` },
            note: `并发${i}`,
            baseVersion: report.latestVersion,
          }),
        );
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from report_versions where report_id = ?`, [report.id]);
        return judgeOne(answers, Number(row.n) - 1);
      },
    },
    {
      operation: 'creates of enterprises with one credit code',
      run: async () => {
        const code = randomCreditCode();
        const answers = await burst(width, (i) =>
          staff.post('/api/enterprises', { name: `并发企业${tag}-${i}`, kind: '科技型中小企业', creditCode: code, industry: 'industry' }),
        );
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from enterprises where credit_code = ?`, [code]);
        return judgeOne(answers, Number(row.n));
      },
    },
    {
      operation: 'yearly evaluations of one commissioner, one year',
      run: async () => {
        const year = thisYear();
        const c = await admin.ok('POST', '/api/commissioners', {
          name: `并发考核${tag}`,
          gender: 'female',
          employer: '农业技术推广中心',
          termStartYear: year,
          termEndYear: year,
        });
        const answers = await burst(width, (i) =>
          leader.put(`/api/commissioners/${c.id}/evaluations/${year}`, {
            grade: i % 2 ? 'excellent' : 'qualified',
            note: `并发${i}`,
          }),
        );
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from commissioner_evaluations where commissioner_id = ? and year = ?`, [c.id, year]);
        const t = tally(answers);
        const created = Number(row.n);
        // An upsert: later writers may update the one record; what must hold is one record and no 500.
        return {
          sent: answers.length,
          ...t,
          effects: created,
          figure: created,
          must: 'records = 1',
          pass: created === 1 && t.errors5xx === 0 && t.other === 0,
          note: firstOddAnswer(answers) ?? `${t.ok} answered 200 (later ones update the one record)`,
        };
      },
    },
    {
      operation: 'edits of one enterprise from the same version (If-Match)',
      run: async () => {
        const e = await staff.ok('POST', '/api/enterprises', { name: `并发修改${tag}`, kind: '合作社', industry: 'agriculture' });
        const version = typeof e.version === 'number' ? e.version : 1;
        const answers = await burst(width, (i) =>
          staff.request('PUT', `/api/enterprises/${e.id}`, {
            json: { name: `并发修改${tag}-${i}`, kind: '合作社', industry: 'agriculture' },
            headers: { 'if-match': `"${version}"` },
          }),
        );
        const rows = await probe.all<{ n: number }>(
          `select count(*) as n from audit_log where entity_type = 'enterprise' and entity_id = ? and action = 'update'`,
          [String(e.id)],
        );
        return judgeOne(answers, Number(rows[0].n));
      },
    },
    {
      operation: 'double-submits of one create (same Idempotency-Key)',
      run: async () => {
        const key = `rel-${tag}-${randomBytes(8).toString('hex')}`;
        const name = `幂等企业${tag}`;
        const answers = await burst(width, () =>
          staff.request('POST', '/api/enterprises', {
            json: { name, kind: '合作社', industry: 'agriculture' },
            headers: { 'idempotency-key': key },
          }),
        );
        const [row] = await probe.all<{ n: number }>(`select count(*) as n from enterprises where name = ?`, [name]);
        const t = tally(answers);
        const ids = new Set(answers.filter((a) => a.status === 200).map((a) => a.json?.id));
        // Replays answer 200 with the first record: one record, every 200 naming it.
        return {
          sent: answers.length,
          ...t,
          effects: Number(row.n),
          figure: Number(row.n),
          must: 'records = 1',
          pass: Number(row.n) === 1 && ids.size <= 1 && t.errors5xx === 0 && t.other === 0,
          note: firstOddAnswer(answers) ?? `${t.ok} answered 200 naming ${ids.size} record(s)`,
        };
      },
    },
    {
      operation: `login guesses at once: ${width + 9} wrong + the right one`,
      run: async () => {
        const username = `rel_${world.run}_lock_${tag}`;
        const password = strongPassword();
        await cliAddUser(server, { username, name: '锁定测试', role: 'staff', org: A.orgName, password });
        const wrong = width + 9;
        const guesses = Array.from({ length: wrong + 1 }, (_, i) => (i === Math.floor(wrong / 2) ? password : `${password}x${i}`));
        const answers = await Promise.all(guesses.map((p) => new Client(server.url).post('/api/auth/login', { username, password: p })));
        const rightIndex = guesses.indexOf(password);
        const wrongAnswers = answers.filter((_, i) => i !== rightIndex);
        // A wrong password was checked when it was answered "wrong" (401), or when it is the guess that
        // set the lock (423 naming the lock's length); a 423 saying "already locked" was not checked.
        const checked = wrongAnswers.filter((a) => a.status === 401 || (a.status === 423 && /锁定\d+分钟/.test(a.json?.error?.message ?? ''))).length;
        const t = tally(answers);
        const right = answers[rightIndex];
        return {
          sent: answers.length,
          ...t,
          effects: checked,
          figure: checked,
          must: `checked ≤ ${MAX_FAILED_LOGINS}`,
          pass: checked <= MAX_FAILED_LOGINS && t.errors5xx === 0 && t.other === 0,
          note: `right password answered ${right.status}; ${wrongAnswers.filter((a) => a.status === 401).length}×401, ${wrongAnswers.filter((a) => a.status === 423).length}×423${firstOddAnswer(answers) ? `; ${firstOddAnswer(answers)}` : ''}`,
        };
      },
    },
  ];

  const results: ConflictResult[] = [];
  for (const s of scenarios) {
    try {
      results.push({ database: label, operation: s.operation, ...(await s.run()) });
    } catch (err) {
      results.push({
        database: label,
        operation: s.operation,
        sent: 0,
        ok: 0,
        refused: 0,
        errors5xx: 0,
        other: 0,
        effects: 0,
        figure: -1,
        must: 'won = 1',
        pass: false,
        note: `setup failed: ${(err as Error).message.slice(0, 300)}`,
      });
    }
  }
  return results;
}
