import { GRADES } from '../../shared/commissioners.js';
import type { FactValue } from '../../shared/fact-catalogue.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import { readableOrgIds } from '../orgs/service.js';
import { type FactSource, numberFact } from '../reports/fact-source.js';
import * as repo from './repo.js';
import { type CommissionerFact, type CommissionerFacts, type CommissionerFactsQuery, NO_PLACE_LABEL } from '../../shared/commissioners.js';

/** The rows the figures are counted from (as the repository reads them; plain objects in tests). */
export interface CommissionerFactRows {
  commissioners: { id: number; status: string; term_start_year: number; term_end_year: number }[];
  logs: {
    id: number;
    commissioner_id: number;
    log_date: string;
    people_served: number | null;
    new_techniques: string | null;
    place_id: number | null;
    place_level: string | null;
    place_name: string | null;
    parent_id: number | null;
    parent_name: string | null;
  }[];
  supports: { id: number; support_date: string; amount: number | string | null }[];
  evaluations: { id: number; year: number; grade: string }[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The figures on commissioners for a period (section 二 of the work summary), each with the
 * records it counted. Leaders of a higher organisation get the sum over the organisations below.
 * Commissioners themselves do not read them (403).
 */
export async function countCommissionerFacts(ctx: Ctx, period: CommissionerFactsQuery): Promise<CommissionerFacts> {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  const rows = await repo.factRows(ctx.db, orgIds, { ...period, fromYear: yearOf(period.from), toYear: yearOf(period.to) });
  return tallyCommissionerFacts(rows, period);
}

/**
 * Counts the figures from rows; pure, so the rules are tested on their own. Rules:
 * - Active (在岗) in the period: term from a year ≤ the year of `to` to a year ≥ the year of `from`,
 *   and not withdrawn (退出).
 * - Logs, supports: dated from `from` to `to`, both days included.
 * - Who logged: commissioners with a log in the period. People served: the sum of 服务人次 over the
 *   period's logs that state it.
 * - By town: a village's log counts for its town; a log with no town or village counts under 未填地点.
 * - New techniques: the period's logs that name a new variety or technique.
 * - Evaluations: those of the year of `to`, by grade (every grade listed, zero included).
 */
export function tallyCommissionerFacts(rows: CommissionerFactRows, period: { from: string; to: string }): CommissionerFacts {
  const { from, to } = period;
  const fromYear = yearOf(from);
  const toYear = yearOf(to);
  const inPeriod = (date: string) => date >= from && date <= to;

  const active = rows.commissioners.filter((c) => c.status !== 'withdrawn' && c.term_start_year <= toYear && c.term_end_year >= fromYear);
  const logs = rows.logs.filter((l) => inPeriod(l.log_date));
  const withPeople = logs.filter((l) => l.people_served !== null);
  const supports = rows.supports.filter((s) => inPeriod(s.support_date));
  const withAmount = supports.filter((s) => s.amount !== null);
  const evaluations = rows.evaluations.filter((e) => e.year === toYear);

  const towns = new Map<number | null, { name: string; ids: number[] }>();
  for (const log of logs) {
    const town =
      log.place_level === 'town'
        ? { id: log.place_id, name: log.place_name }
        : log.place_level === 'village'
          ? { id: log.parent_id, name: log.parent_name }
          : { id: null, name: null };
    const key = town.id ?? null;
    const entry = towns.get(key) ?? { name: key === null ? NO_PLACE_LABEL : (town.name ?? ''), ids: [] };
    entry.ids.push(log.id);
    towns.set(key, entry);
  }
  const logsByTown = [...towns]
    .map(([townId, t]) => ({ townId, townName: t.name, fact: fact('service_log', t.ids) }))
    // Most served first, as the summary names them; 未填地点 last.
    .sort((a, b) => Number(a.townId === null) - Number(b.townId === null) || b.fact.value - a.fact.value || (a.townId ?? 0) - (b.townId ?? 0));

  return {
    period: { from, to },
    activeCommissioners: fact(
      'commissioner',
      active.map((c) => c.id),
    ),
    commissionersWhoLogged: fact(
      'commissioner',
      logs.map((l) => l.commissioner_id),
    ),
    serviceLogs: fact(
      'service_log',
      logs.map((l) => l.id),
    ),
    peopleServed: {
      value: withPeople.reduce((sum, l) => sum + Number(l.people_served), 0),
      recordType: 'service_log',
      ids: uniqueSorted(withPeople.map((l) => l.id)),
    },
    logsByTown,
    newTechniques: fact(
      'service_log',
      logs.filter((l) => !!l.new_techniques?.trim()).map((l) => l.id),
    ),
    supports: fact(
      'commissioner_support',
      supports.map((s) => s.id),
    ),
    supportAmount: {
      value: withAmount.reduce((sum, s) => sum + Number(s.amount), 0),
      recordType: 'commissioner_support',
      ids: uniqueSorted(withAmount.map((s) => s.id)),
    },
    evaluationYear: toYear,
    evaluationsByGrade: GRADES.map((grade) => ({
      grade,
      fact: fact(
        'commissioner_evaluation',
        evaluations.filter((e) => e.grade === grade).map((e) => e.id),
      ),
    })),
  };
}

/** A count of distinct records. */
function fact(recordType: CommissionerFact['recordType'], ids: number[]): CommissionerFact {
  const unique = uniqueSorted(ids);
  return { value: unique.length, recordType, ids: unique };
}

function uniqueSorted(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

// ---------- the summary's commissioner facts ----------

/** commissioners.*: the work of science and technology commissioners in the period. */
export const commissionerFactSource: FactSource = {
  ledger: 'commissioners',
  async gather(ctx, { from, to }) {
    const c = await countCommissionerFacts(ctx, { from, to });
    // Towns served, most served first; logs with no place say nothing of a town.
    const towns = c.logsByTown.filter((t) => t.townId !== null);
    const townLogIds = uniqueSorted(towns.flatMap((t) => t.fact.ids));
    return new Map<string, FactValue>([
      ['commissioners.active', numberFact(c.activeCommissioners)],
      ['commissioners.logged', numberFact(c.commissionersWhoLogged)],
      ['commissioners.logs', numberFact(c.serviceLogs)],
      ['commissioners.peopleServed', numberFact(c.peopleServed)],
      ['commissioners.newTechniques', numberFact(c.newTechniques)],
      ['commissioners.supports', numberFact(c.supports)],
      ['commissioners.supportAmount', numberFact(c.supportAmount)],
      ['commissioners.towns', { kind: 'names', names: towns.map((t) => t.townName), ids: townLogIds }],
      ['commissioners.townCount', numberFact({ value: towns.length, ids: townLogIds })],
    ]);
  },
};
