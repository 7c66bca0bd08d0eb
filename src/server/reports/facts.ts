import { EVENT_FIGURES } from '../../shared/events.js';
import { type FactValue, LEADERSHIP_BY_ORG_LEVEL } from '../../shared/fact-catalogue.js';
import { PROJECT_LEVEL_LABELS } from '../../shared/projects.js';
import { countCommissionerFacts } from '../commissioners/facts.js';
import type { Ctx } from '../context.js';
import { countEventFacts } from '../events/facts.js';
import { countProjectFacts } from '../projects/facts.js';
import { worklistFactSource } from '../worklists/facts.js';
import { type FactOptions, type FactPeriod, type FactSource, type FactValues, numberFact } from './fact-source.js';
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

// The three sources below wrap the ledgers' counting functions until their modules export sources of their own.

const projectFactSource: FactSource = {
  ledger: 'projects',
  async gather(ctx, { from, to }) {
    const p = await countProjectFacts(ctx, { from, to });
    return new Map<string, FactValue>([
      ['projects.applied', numberFact(p.applied)],
      ['projects.appliedPrograms', { kind: 'groups', groups: p.appliedByProgram.map((g) => ({ key: g.program, name: g.program, value: g.fact.value, ids: g.fact.ids })) }],
      ['projects.appliedLevels', {
        kind: 'groups',
        groups: p.appliedByLevel.map((g) => ({ key: g.level ?? 'none', name: g.level ? `${PROJECT_LEVEL_LABELS[g.level]}级` : '未定级别', value: g.fact.value, ids: g.fact.ids })),
      }],
      ['projects.approved', numberFact(p.approved)],
      ['projects.rejected', numberFact(p.rejected)],
      ['projects.ongoingAtEnd', numberFact(p.ongoingAtEnd)],
      ['projects.accepted', numberFact(p.accepted)],
      ['projects.amountApproved', numberFact(p.amountApproved)],
      ['projects.amountReceived', numberFact(p.amountReceived)],
      ['projects.visits', numberFact(p.visits)],
      ['projects.enterprisesVisited', numberFact(p.enterprisesVisited)],
      ['projects.leadsFound', numberFact(p.leadsFound)],
      ['projects.enteredPool', numberFact(p.enteredPool)],
      ['projects.followups', numberFact(p.followups)],
      ['projects.followedUp', numberFact(p.projectsFollowedUp)],
    ]);
  },
};

const eventFactSource: FactSource = {
  ledger: 'events',
  async gather(ctx, { from, to }) {
    const e = await countEventFacts(ctx, { from, to });
    // TODO(ledger-facts): this query belongs in the events module (events/repo.ts), not in reports/.
    const sent = e.trainingsSentTo.ids.length
      ? await ctx.db.selectFrom('events').select(['id', 'theme']).where('id', 'in', e.trainingsSentTo.ids).orderBy('start_date').execute()
      : [];
    return new Map<string, FactValue>([
      ['events.count', numberFact(e.events)],
      ['events.sentTrainings', numberFact(e.trainingsSentTo)],
      ['events.peopleSent', numberFact(e.peopleSent)],
      ['events.sentTrainingNames', { kind: 'names', names: sent.map((s) => s.theme), ids: sent.map((s) => s.id) }],
    ]);
  },
};

const outreachFactSource: FactSource = {
  ledger: 'outreach',
  async gather(ctx, { from, to }, options) {
    const o = await countEventFacts(ctx, { from, to, type: options.outreachType, role: 'lead' });
    const out = new Map<string, FactValue>([
      ['outreach.type', { kind: 'text', text: options.outreachType }],
      ['outreach.count', numberFact(o.events)],
      ['outreach.departments', { kind: 'names', names: o.departments.items.map((d) => d.shortName ?? d.name), ids: o.departments.eventIds }],
      ['outreach.towns', { kind: 'names', names: o.townsReached.items.map((t) => t.name), ids: o.townsReached.eventIds }],
    ]);
    for (const figure of EVENT_FIGURES) {
      if (figure === 'peopleSent') continue;
      out.set(`outreach.${figure === 'expertCount' ? 'experts' : figure}`, numberFact(o.totals[figure]));
    }
    return out;
  },
};

const commissionerFactSource: FactSource = {
  ledger: 'commissioners',
  async gather(ctx, { from, to }) {
    const c = await countCommissionerFacts(ctx, { from, to });
    const towns = c.logsByTown.filter((t) => t.townId !== null);
    return new Map<string, FactValue>([
      ['commissioners.active', numberFact(c.activeCommissioners)],
      ['commissioners.logged', numberFact(c.commissionersWhoLogged)],
      ['commissioners.logs', numberFact(c.serviceLogs)],
      ['commissioners.peopleServed', numberFact(c.peopleServed)],
      ['commissioners.newTechniques', numberFact(c.newTechniques)],
      ['commissioners.supports', numberFact(c.supports)],
      ['commissioners.supportAmount', numberFact(c.supportAmount)],
      ['commissioners.towns', { kind: 'names', names: towns.map((t) => t.townName), ids: towns.flatMap((t) => t.fact.ids) }],
    ]);
  },
};

/** Every ledger that gives the summary facts, in catalogue order. */
export const FACT_SOURCES: FactSource[] = [
  orgFactSource, periodFactSource, projectFactSource, eventFactSource, outreachFactSource, commissionerFactSource, worklistFactSource,
];

/** Every fact of the period for the actor's organisation (and, for a city leader, the ones below). */
export async function gatherFacts(ctx: Ctx, period: FactPeriod, options: FactOptions): Promise<FactValues> {
  const facts: FactValues = new Map();
  for (const source of FACT_SOURCES) {
    for (const [key, value] of await source.gather(ctx, period, options)) facts.set(key, value);
  }
  return facts;
}
