import { CORE_FACTS, type FactLedger, LEADERSHIP_BY_ORG_LEVEL, ROLLUP_COLUMNS } from '../../shared/fact-catalogue.js';
import { type Appendix, type Rollup, type RollupRow, rollupColumnHeader, rollupFigureText } from '../../shared/reports.js';
import { ORG_LEVELS, type OrgLevel } from '../../shared/roles.js';
import { readsSubtree } from '../auth/actor.js';
import { assertAllowed, readsRollup } from '../auth/policies.js';
import type { Ctx } from '../context.js';
import type { OrgRow } from '../db/types.js';
import { notFound } from '../http/errors.js';
import { findOrg, listChildren } from '../orgs/repo.js';
import type { FactPeriod, FactValues } from './fact-source.js';
import { gatherFacts } from './facts.js';
import { describePeriod } from './period.js';
import { DEFAULT_OUTREACH_TYPE } from './template.js';

// The figures of the organisations below a city (or a province), one row each, side by side: what
// a city leader compares, and what a city's summary appends as its table (附件). Nothing is counted
// here: each row gathers the summary's own facts (reports/facts.ts, the ledgers' fact sources) as if
// that organisation had asked, so a row says what the organisation's own summary would say, and the
// total is the asking organisation's rolled-up facts, the ones its summary states. Rules:
// - One row per organisation directly below (a city's counties, a province's cities), counting it and
//   everything below it; in division-code order, then in the order they were made. Deactivated ones
//   are listed too: their records still count in the city's figures.
// - Then the asking organisation's own records (市本级) when any of its figures is above zero.
// - The rows add up to the total (合计), figure by figure, and their records to the total's.

const COLUMN_DEFS = ROLLUP_COLUMNS.map((c) => {
  const def = CORE_FACTS.find((d) => d.key === c.key);
  if (def?.kind !== 'number' || !def.recordType) throw new Error(`汇总列须是带记录类型的数字:${c.key}`);
  return { key: c.key, label: c.label, unit: def.unit, recordType: def.recordType, ledger: def.ledger };
});

/** The ledgers the columns come from: only these are gathered for each row. */
const LEDGERS: FactLedger[] = [...new Set(COLUMN_DEFS.map((c) => c.ledger))];

const levelOf = (org: OrgRow): OrgLevel => ORG_LEVELS.find((l) => l === org.level) ?? 'county';

/**
 * The service context as if `org` asked: a leader of it reads its subtree (readableOrgIds); with
 * `ownOnly`, its own records alone, as anyone but a leader or an admin reads them. The fact sources
 * count through readableOrgIds, so a row is counted exactly as that organisation's summary is.
 */
function asOrg(ctx: Ctx, org: OrgRow, ownOnly: boolean): Ctx {
  return { ...ctx, actor: { ...ctx.actor, orgId: org.id, orgPath: org.path, role: ownOnly ? 'staff' : 'leader', sectionId: null } };
}

function rowOf(org: { id: number; name: string }, kind: RollupRow['kind'], facts: FactValues): RollupRow {
  return {
    orgId: org.id,
    name: org.name,
    kind,
    cells: COLUMN_DEFS.map((c) => {
      const fact = facts.get(c.key);
      return fact?.kind === 'number' ? { value: fact.value, ids: [...fact.ids].sort((a, b) => a - b) } : { value: 0, ids: [] };
    }),
  };
}

/**
 * The table for the actor's organisation and a period, without an access check (the caller's).
 * Rows are empty when nothing is below it or the actor reads only their own organisation (their
 * summary is not rolled up either). `total` may be given when the caller gathered it already.
 */
export async function rollupFor(ctx: Ctx, period: FactPeriod, total?: FactValues): Promise<Rollup> {
  const org = await findOrg(ctx.db, ctx.actor.orgId);
  if (!org) throw notFound('单位不存在');
  const level = levelOf(org);
  const { region, subordinates } = LEADERSHIP_BY_ORG_LEVEL[level];
  const children = readsSubtree(ctx.actor)
    ? (await listChildren(ctx.db, org.id)).sort((a, b) => (a.region_code ?? '\uffff').localeCompare(b.region_code ?? '\uffff') || a.id - b.id)
    : [];
  const base = {
    period: { from: period.from, to: period.to, label: describePeriod(period.from, period.to).label },
    org: { id: org.id, name: org.name },
    subordinates,
    columns: COLUMN_DEFS.map(({ ledger: _ledger, ...c }) => c),
  };
  if (!children.length) return { ...base, rows: [], total: null };

  const options = (o: OrgRow) => ({ outreachType: DEFAULT_OUTREACH_TYPE, org: { name: o.name, level: levelOf(o) } });
  const rows: RollupRow[] = [];
  for (const child of children) {
    // The full name: a short name (县科技局) is how a bureau names itself, not one among its siblings.
    rows.push(rowOf({ id: child.id, name: child.name }, 'subtree', await gatherFacts(asOrg(ctx, child, false), period, options(child), LEDGERS)));
  }
  const own = rowOf({ id: org.id, name: `${region}本级` }, 'own', await gatherFacts(asOrg(ctx, org, true), period, options(org), LEDGERS));
  if (own.cells.some((c) => c.value !== 0)) rows.push(own);
  const all = total ?? (await gatherFacts(asOrg(ctx, org, false), period, options(org), LEDGERS));
  return { ...base, rows, total: rowOf({ id: org.id, name: '合计' }, 'total', all) };
}

/** GET /api/reports/rollup: leaders and admins only (anyone else reads their own organisation alone, which has no rows to compare). */
export async function getRollup(ctx: Ctx, period: FactPeriod): Promise<Rollup> {
  assertAllowed(readsRollup(ctx.actor));
  return rollupFor(ctx, period);
}

/** The table as a summary appends it (附件): a title, the header, a row per organisation and 合计; null without rows. */
export function rollupAppendix(rollup: Rollup): Appendix | null {
  if (!rollup.rows.length || !rollup.total) return null;
  return {
    title: `${rollup.period.label}${rollup.subordinates}科技工作主要数据`,
    columns: ['单位', ...rollup.columns.map(rollupColumnHeader)],
    rows: [...rollup.rows, rollup.total].map((r) => [r.name, ...r.cells.map((c) => rollupFigureText(c.value))]),
  };
}
