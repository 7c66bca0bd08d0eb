import type { z } from 'zod';
import {
  EVENT_FIGURE,
  EVENT_FIGURES,
  EVENT_ROLES,
  type EventFact,
  type EventFacts,
  type EventRole,
  eventFigureFactKey,
  type eventFactsQuerySchema,
} from '../../shared/events.js';
import type { FactValue } from '../../shared/fact-catalogue.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import type { EventRow } from '../db/types.js';
import { readableOrgIds } from '../orgs/service.js';
import { type FactSource, type FactValues, numberFact } from '../reports/fact-source.js';
import * as repo from './repo.js';

/**
 * The figures of outreach events for a period — section 二 of the summary (科技宣传) and the
 * trainings of section 一 — each with the events it counted. Rules:
 * - An event belongs to the period of its start date; one that spans a period boundary is counted
 *   once, in the period it started.
 * - Optional filters (type, role) narrow the events first; everything below is over those events.
 * - Totals add up each figure over the events that reported it (an event without the figure adds nothing).
 * - Departments mobilised: distinct departments over the events, in the order of the department list
 *   (which the demo keeps in the order the seed names them: 林业、农业、茶果、气象、卫生、科协、畜牧).
 * - Towns reached: distinct towns where an event was held — in the town itself, a village of it, or
 *   an enterprise located in it.
 * - Trainings sent to: events where the bureau's role is 组织参加, with the people it sent.
 * - Trainings: events that state a number of person-times trained (培训人次) above zero; the
 *   trainees figure is the sum of those numbers.
 */
export async function countEventFacts(ctx: Ctx, query: z.infer<typeof eventFactsQuerySchema>): Promise<EventFacts> {
  return (await tallyEvents(ctx, query)).facts;
}

/** countEventFacts, with the events it counted (for the names the summary states). */
async function tallyEvents(ctx: Ctx, query: z.infer<typeof eventFactsQuerySchema>): Promise<{ facts: EventFacts; events: EventRow[] }> {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  let events = await repo.eventsStartingIn(ctx.db, orgIds, query.from, query.to);
  if (query.type) events = events.filter((e) => e.type === query.type);
  if (query.role) events = events.filter((e) => e.role === query.role);
  const ids = events.map((e) => e.id);
  const links = await repo.eventLinks(ctx.db, ids);

  const byType = new Map<string, number[]>();
  for (const e of events) byType.set(e.type, [...(byType.get(e.type) ?? []), e.id]);

  const totals = Object.fromEntries(
    EVENT_FIGURES.map((f) => {
      const column = repo.figureColumn(f);
      const reporting = events.filter((e) => e[column] !== null);
      return [f, { value: reporting.reduce((sum, e) => sum + Number(e[column]), 0), recordType: 'event', ids: reporting.map((e) => e.id) }];
    }),
  ) as Record<(typeof EVENT_FIGURES)[number], EventFact>;

  const departments = new Map<number, { id: number; name: string; shortName: string | null; sort: number }>();
  for (const d of links.departments) departments.set(d.id, { id: d.id, name: d.name, shortName: d.short_name, sort: d.sort_order });
  const departmentEventIds = [...new Set(links.departments.map((d) => d.event_id))];

  const townIds = new Map<number, Set<number>>();
  const reach = (townId: number | null, eventId: number) => {
    if (townId === null) return;
    townIds.set(townId, (townIds.get(townId) ?? new Set()).add(eventId));
  };
  for (const p of links.places) reach(p.level === 'town' ? p.id : p.level === 'village' ? p.parent_id : null, p.event_id);
  for (const e of links.enterprises) reach(e.town_id, e.event_id);
  const towns = townIds.size
    ? await ctx.db
        .selectFrom('places')
        .select(['id', 'name', 'sort_order'])
        .where('id', 'in', [...townIds.keys()])
        .orderBy('sort_order')
        .orderBy('id')
        .execute()
    : [];

  const sent = events.filter((e) => e.role === 'send');
  const facts: EventFacts = {
    period: { from: query.from, to: query.to },
    events: fact(ids),
    byType: [...byType].map(([type, typeIds]) => ({ type, fact: fact(typeIds) })),
    byRole: EVENT_ROLES.map((role: EventRole) => ({ role, fact: fact(events.filter((e) => e.role === role).map((e) => e.id)) })).filter(
      (r) => r.fact.value > 0,
    ),
    totals,
    departments: {
      value: departments.size,
      items: [...departments.values()].sort((a, b) => a.sort - b.sort || a.id - b.id).map(({ id, name, shortName }) => ({ id, name, shortName })),
      eventIds: departmentEventIds.sort((a, b) => a - b),
    },
    townsReached: {
      value: towns.length,
      items: towns.map((t) => ({ id: t.id, name: t.name })),
      eventIds: [...new Set([...townIds.values()].flatMap((s) => [...s]))].sort((a, b) => a - b),
    },
    trainingsSentTo: fact(sent.map((e) => e.id)),
    peopleSent: { value: sent.reduce((sum, e) => sum + (e.people_sent ?? 0), 0), recordType: 'event', ids: sent.map((e) => e.id) },
    trainings: fact(events.filter((e) => (e.trainees ?? 0) > 0).map((e) => e.id)),
  };
  return { facts, events };
}

function fact(ids: number[]): EventFact {
  return { value: ids.length, recordType: 'event', ids };
}

// ---------- the summary's event facts ----------

/** events.*: every event that started in the period, whatever its type and the bureau's role. */
export const eventFactSource: FactSource = {
  ledger: 'events',
  async gather(ctx, { from, to }) {
    const { facts: e, events } = await tallyEvents(ctx, { from, to });
    const sent = events.filter((ev) => e.trainingsSentTo.ids.includes(ev.id));
    const out: FactValues = new Map<string, FactValue>([
      ['events.count', numberFact(e.events)],
      ['events.sentTrainings', numberFact(e.trainingsSentTo)],
      ['events.peopleSent', numberFact(e.peopleSent)],
      ['events.sentTrainingNames', { kind: 'names', names: sent.map((s) => s.theme), ids: sent.map((s) => s.id) }],
      ['events.trainings', numberFact(e.trainings)],
    ]);
    return withFigureFacts(out, 'events', e);
  },
};

/** The figure sums a ledger states (events.trainees, outreach.materials …), as the figures declare them. */
function withFigureFacts(out: FactValues, ledger: 'events' | 'outreach', facts: EventFacts): FactValues {
  for (const figure of EVENT_FIGURES) {
    const key = eventFigureFactKey(EVENT_FIGURE[figure], ledger);
    if (key) out.set(key, numberFact(facts.totals[figure]));
  }
  return out;
}

/** outreach.*: the events of the template's outreach type (送科技下乡 by default) that the bureau led. */
export const outreachFactSource: FactSource = {
  ledger: 'outreach',
  async gather(ctx, { from, to }, options) {
    const o = await countEventFacts(ctx, { from, to, type: options.outreachType, role: 'lead' });
    const out: FactValues = new Map<string, FactValue>([
      ['outreach.type', { kind: 'text', text: options.outreachType }],
      ['outreach.count', numberFact(o.events)],
      ['outreach.departments', { kind: 'names', names: o.departments.items.map((d) => d.shortName ?? d.name), ids: o.departments.eventIds }],
      ['outreach.departmentCount', numberFact({ value: o.departments.value, ids: o.departments.eventIds })],
      ['outreach.towns', { kind: 'names', names: o.townsReached.items.map((t) => t.name), ids: o.townsReached.eventIds }],
      ['outreach.townCount', numberFact({ value: o.townsReached.value, ids: o.townsReached.eventIds })],
    ]);
    return withFigureFacts(out, 'outreach', o);
  },
};
