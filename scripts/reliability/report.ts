// The figures as one Markdown table (a row per figure, a column per database), the failing
// figures named, and the details behind them. Pure: takes the results, returns text.
import type { BadInputResult } from './bad-inputs.js';
import type { ConflictResult } from './conflicts.js';
import type { OutageResult } from './db-outage.js';
import type { IsolationResult } from './isolation.js';
import type { KillResult } from './kill-rounds.js';

export interface DatabaseResults {
  label: string;
  kill: KillResult | null;
  /** PostgreSQL only: connections terminated and the cluster crashed while writing. */
  outage: OutageResult | null;
  conflicts: ConflictResult[];
  badInputs: BadInputResult | null;
  isolation: IsolationResult | null;
  /** Why a phase could not run at all. */
  errors: string[];
}

interface Row {
  figure: string;
  cells: string[];
  must: string;
  /** Per database: true pass, false fail, null not judged (informational). */
  judged: (boolean | null)[];
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

export function buildRows(dbs: DatabaseResults[]): Row[] {
  const rows: Row[] = [];
  const row = (figure: string, must: string, cell: (d: DatabaseResults) => [string, boolean | null]) => {
    const pairs = dbs.map(cell);
    rows.push({ figure, must, cells: pairs.map((p) => p[0]), judged: pairs.map((p) => p[1]) });
  };
  const missing = (what: string): [string, boolean] => [`not run (${what})`, false];

  row('kill -9 rounds completed', '≥ 3', (d) => {
    if (!d.kill) return missing('kill');
    const n = d.kill.rounds.length;
    return [`${n} of ${d.kill.planned}${n < d.kill.planned && d.kill.note ? ` (${d.kill.note})` : ''}`, n >= Math.min(3, d.kill.planned)];
  });
  row('writes acknowledged (200) before the kill', '> 0', (d) => {
    if (!d.kill) return missing('kill');
    const n = sum(d.kill.rounds.map((r) => r.acknowledged));
    return [`${n}`, n > 0];
  });
  row('acknowledged rows lost after restart', '0', (d) => {
    if (!d.kill) return missing('kill');
    const lost = sum(d.kill.rounds.map((r) => r.lost));
    const odd = sum(d.kill.rounds.map((r) => r.oddAnswers));
    const failed = d.kill.note?.startsWith('failed') || d.kill.note?.includes('; failed');
    return [`${lost}${odd ? ` (${odd} odd answers before the kill)` : ''}${failed ? ` (${d.kill.note})` : ''}`, lost === 0 && odd === 0 && !failed];
  });
  row('after restart the API lists what the database holds', 'all rounds', (d) => {
    if (!d.kill) return missing('kill');
    const ok = d.kill.rounds.filter((r) => r.listed === r.present + r.unacknowledged).length;
    return [`${ok}/${d.kill.rounds.length}`, ok === d.kill.rounds.length];
  });
  row('committed but unacknowledged (in flight at the kill)', '', (d) => (d.kill ? [`${sum(d.kill.rounds.map((r) => r.unacknowledged))}`, null] : ['–', null]));
  row('PRAGMA integrity_check after restart', 'ok', (d) => {
    if (!d.kill) return missing('kill');
    const checks = d.kill.rounds.map((r) => r.integrity);
    if (checks.every((c) => c === null)) return ['n/a', null];
    const ok = checks.every((c) => c === 'ok');
    return [ok ? `ok ×${checks.length}` : checks.filter((c) => c !== 'ok').join('; '), ok];
  });

  const pg = (d: DatabaseResults) => d.label.startsWith('PostgreSQL');
  if (dbs.some(pg)) {
    row('database connections ended, then the database crashed and restarted: keguan stayed up and resumed', 'yes', (d) => {
      if (!pg(d)) return ['n/a', null];
      const o = d.outage;
      if (!o) return missing('outage');
      const ok = o.survived && o.resumedMs >= 0;
      return [
        `${o.survived ? 'stayed up' : 'DIED'}, ${o.resumedMs >= 0 ? `resumed ${o.resumedMs < 1000 ? `${o.resumedMs} ms` : `${(o.resumedMs / 1000).toFixed(1)} s`} after the restart` : 'never resumed'}${o.note ? ` (${o.note})` : ''}`,
        ok && !o.note,
      ];
    });
    row('…writes answered while the database was away', 'coded, no 500', (d) => {
      if (!pg(d)) return ['n/a', null];
      const o = d.outage;
      if (!o) return missing('outage');
      const list =
        Object.entries(o.answers)
          .map(([k, n]) => `${n}×${k}`)
          .join(', ') || 'none';
      return [
        `${list}; health ${o.healthWhileDown}`,
        o.errors500 === 0 && o.uncoded === 0 && !Object.keys(o.answers).some((k) => k.startsWith('no answer')) && o.healthWhileDown.startsWith('503'),
      ];
    });
    row('…acknowledged writes lost across the outage', '0', (d) => {
      if (!pg(d)) return ['n/a', null];
      const o = d.outage;
      if (!o) return missing('outage');
      return [`${o.lost} of ${o.acknowledged}`, o.lost === 0 && o.acknowledged > 0];
    });
  }

  const operations = [...new Set(dbs.flatMap((d) => d.conflicts.map((c) => c.operation)))];
  for (const op of operations) {
    const sample = dbs.flatMap((d) => d.conflicts).find((c) => c.operation === op)!;
    const label = sample.must.startsWith('checked')
      ? `${op}: wrong ones checked`
      : sample.must.startsWith('records')
        ? `parallel ${op}: records`
        : `parallel ${op}: won`;
    row(label, sample.must.replace(/^.*?([=≤].*)$/, '$1'), (d) => {
      const c = d.conflicts.find((x) => x.operation === op);
      if (!c) return missing('conflicts');
      if (c.figure < 0) return [`setup failed`, false];
      const extra = c.errors5xx ? `, ${c.errors5xx}×5xx` : '';
      return [`${c.figure} of ${c.sent}${extra}`, c.pass];
    });
  }

  row('bad inputs tried (generated from OpenAPI + hand-written)', '≥ 100', (d) =>
    d.badInputs ? [`${d.badInputs.tried} (${d.badInputs.generated} + ${d.badInputs.hand})`, d.badInputs.tried >= 100] : missing('bad inputs'),
  );
  row('answered with a coded Chinese error', 'all', (d) => {
    const b = d.badInputs;
    if (!b) return missing('bad inputs');
    const note = [
      b.harmless ? `${b.harmless} harmless 200` : '',
      b.accepted ? `${b.accepted} accepted` : '',
      b.uncoded ? `${b.uncoded} uncoded` : '',
      b.noAnswer ? `${b.noAnswer} no answer` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [`${b.coded}${note ? ` (${note})` : ''}`, b.accepted === 0 && b.uncoded === 0 && b.noAnswer === 0 && b.coded + b.harmless === b.tried];
  });
  row('500s', '0', (d) => (d.badInputs ? [`${d.badInputs.errors5xx}`, d.badInputs.errors5xx === 0] : missing('bad inputs')));
  row('tables changed by a bad input', 'none', (d) => {
    const b = d.badInputs;
    if (!b) return missing('bad inputs');
    return [b.changed ? `${b.changed} cases (${b.changedTables.join(', ')})` : 'none', b.changed === 0];
  });

  row('endpoints taking an id checked for cross-organisation isolation', 'all', (d) => {
    const i = d.isolation;
    if (!i) return missing('isolation');
    return [`${i.checked}/${i.total}${i.unmapped.length ? ` (${i.unmapped.length} unmapped)` : ''}`, i.checked === i.total && !i.unmapped.length];
  });
  row("…answering 404/403 with none of the other bureau's data", 'all', (d) => {
    const i = d.isolation;
    if (!i) return missing('isolation');
    return [`${i.held}/${i.checked} (${i.probes} requests)`, i.held === i.checked];
  });
  row("list filters naming the other bureau's records", 'none leak', (d) => {
    const i = d.isolation;
    if (!i) return missing('isolation');
    return [`${i.filtersHeld}/${i.filtersChecked} clean`, i.filtersHeld === i.filtersChecked];
  });
  return rows;
}

function escape(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(dbs: DatabaseResults[], rows: Row[]): string {
  const header = `| Figure | ${dbs.map((d) => d.label).join(' | ')} | Must | Result |`;
  const rule = `|---|${dbs.map(() => '---:').join('|')}|---|---|`;
  const lines = rows.map((r) => {
    const judged = r.judged.filter((j) => j !== null);
    const result = judged.length === 0 ? '' : judged.every(Boolean) ? 'PASS' : '**FAIL**';
    return `| ${escape(r.figure)} | ${r.cells.map(escape).join(' | ')} | ${escape(r.must)} | ${result} |`;
  });
  return [header, rule, ...lines].join('\n');
}

/** The figures that failed, one line each, with the database. */
export function failingFigures(dbs: DatabaseResults[], rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    r.judged.forEach((j, i) => {
      if (j === false) out.push(`${dbs[i].label}: ${r.figure} = ${r.cells[i]} (must be ${r.must})`);
    });
  }
  for (const d of dbs) for (const e of d.errors) out.push(`${d.label}: ${e}`);
  return out;
}

/** Details behind failing figures: a few examples of each kind, enough to start fixing. */
export function details(dbs: DatabaseResults[], perKind = 12): string {
  const out: string[] = [];
  for (const d of dbs) {
    const lines: string[] = [];
    for (const c of d.conflicts)
      if (!c.pass)
        lines.push(`- ${c.operation}: ${c.ok}×200, ${c.refused} refused, ${c.errors5xx}×5xx, ${c.other} other; db holds ${c.effects}. ${c.note ?? ''}`);
    if (d.kill && !d.kill.pass) {
      for (const r of d.kill.rounds) {
        if (r.lost || r.oddAnswers || (r.integrity && r.integrity !== 'ok')) {
          lines.push(`- kill round ${r.round}: ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.oddAnswers} odd answers, integrity ${r.integrity ?? 'n/a'}`);
        }
      }
      if (d.kill.note) lines.push(`- kill rounds: ${d.kill.note}`);
    }
    if (d.badInputs?.failures.length) {
      const byVerdict = new Map<string, typeof d.badInputs.failures>();
      for (const f of d.badInputs.failures) {
        const key = f.changed.length && (f.verdict === 'coded' || f.verdict === 'noop') ? 'changed tables' : f.verdict;
        byVerdict.set(key, [...(byVerdict.get(key) ?? []), f]);
      }
      for (const [verdict, fs] of byVerdict) {
        lines.push(`- bad inputs ${verdict} (${fs.length}):`);
        for (const f of fs.slice(0, perKind)) {
          lines.push(`  - ${f.id} → ${f.status}${f.changed.length ? ` changed ${f.changed.join(',')}` : ''} ${escape(f.answer ?? '').slice(0, 140)}`);
        }
        if (fs.length > perKind) lines.push(`  - … ${fs.length - perKind} more in test-results/reliability.json`);
      }
    }
    if (d.isolation && (d.isolation.failures.length || d.isolation.unmapped.length)) {
      for (const u of d.isolation.unmapped) lines.push(`- isolation: no record known for ${u} (add it to RECORD_BY_SEGMENT)`);
      for (const f of d.isolation.failures.slice(0, perKind * 2)) lines.push(`- isolation ${f.endpoint} as ${f.as}: ${f.why}`);
    }
    for (const e of d.errors) lines.push(`- ${e}`);
    if (lines.length) out.push(`### ${d.label}\n${lines.join('\n')}`);
  }
  return out.join('\n\n');
}
