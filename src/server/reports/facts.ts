import { type FactLedger, type FactValue, LEADERSHIP_BY_ORG_LEVEL } from '../../shared/fact-catalogue.js';
import { commissionerFactSource } from '../commissioners/facts.js';
import type { Ctx } from '../context.js';
import { eventFactSource, outreachFactSource } from '../events/facts.js';
import { projectFactSource } from '../projects/facts.js';
import { worklistFactSource } from '../worklists/facts.js';
import type { FactOptions, FactPeriod, FactSource, FactValues } from './fact-source.js';
import { describePeriod } from './period.js';

// One step gathers every fact a summary may state for a period, each with the records it counted,
// by looping over the ledgers' fact sources. The keys are the catalogue's (src/shared/fact-catalogue.ts).

const orgFactSource: FactSource = {
  ledger: 'org',
  async gather(_ctx, _period, options) {
    const { leadership, region } = LEADERSHIP_BY_ORG_LEVEL[options.org.level];
    return new Map<string, FactValue>([
      ['org.name', { kind: 'text', text: options.org.name }],
      ['org.leadership', { kind: 'text', text: leadership }],
      ['org.region', { kind: 'text', text: region }],
    ]);
  },
};

const periodFactSource: FactSource = {
  ledger: 'period',
  async gather(_ctx, period) {
    const info = describePeriod(period.from, period.to);
    return new Map<string, FactValue>([
      ['period.label', { kind: 'text', text: info.label }],
      ['period.short', { kind: 'text', text: info.short }],
    ]);
  },
};

/** Every ledger that gives the summary facts, in catalogue order. */
export const FACT_SOURCES: FactSource[] = [
  orgFactSource,
  periodFactSource,
  projectFactSource,
  eventFactSource,
  outreachFactSource,
  commissionerFactSource,
  worklistFactSource,
];

/**
 * Every fact of the period for the actor's organisation (and, for a city leader, the ones below);
 * only those of the ledgers named, when they are (the roll-up needs three).
 */
export async function gatherFacts(ctx: Ctx, period: FactPeriod, options: FactOptions, ledgers?: readonly FactLedger[]): Promise<FactValues> {
  const facts: FactValues = new Map();
  for (const source of FACT_SOURCES) {
    if (ledgers && !ledgers.includes(source.ledger)) continue;
    for (const [key, value] of await source.gather(ctx, period, options)) facts.set(key, value);
  }
  return facts;
}
