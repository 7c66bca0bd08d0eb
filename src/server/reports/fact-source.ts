import type { FactLedger, FactValue } from '../../shared/fact-catalogue.js';
import type { OrgLevel } from '../../shared/roles.js';
import type { Ctx } from '../context.js';

// What a ledger hands the work summary: its facts for a period, keyed as the catalogue
// (src/shared/fact-catalogue.ts) declares them. Each ledger's counting module (projects/facts.ts,
// events/facts.ts, commissioners/facts.ts, worklists/facts.ts) exports one; reports/facts.ts loops
// over them. All SQL stays in the ledgers' own modules.

export interface FactPeriod {
  from: string;
  to: string;
}

export interface FactOptions {
  /** The event type whose lead events are the outreach.* figures (the template's choice). */
  outreachType: string;
  org: { name: string; level: OrgLevel };
}

export type FactValues = Map<string, FactValue>;

export interface FactSource {
  ledger: FactLedger;
  /** The ledger's facts for the period; a fact the catalogue lists but left out here says nothing. */
  gather(ctx: Ctx, period: FactPeriod, options: FactOptions): Promise<FactValues>;
}

/** A count or a sum with the records it counted, as a fact value. */
export function numberFact(f: { value: number; ids: number[] }): FactValue {
  return { kind: 'number', value: f.value, ids: f.ids };
}
