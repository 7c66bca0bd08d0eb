import type { Kysely } from 'kysely';
import { EVENT_FIGURE, EVENT_FIGURE_DEFS, EVENT_FIGURES, type EventFigure } from '../../shared/events.js';
import type { DialectName } from '../db/connection.js';
import { containsText } from '../db/sql-helpers.js';
import type { DB, EventRow, EventsTable } from '../db/types.js';

type DeclaredColumn = (typeof EVENT_FIGURE_DEFS)[number]['column'];

/**
 * The column of events that holds a figure. Typed against the table, so a figure declared with a
 * column db/types.ts lacks does not compile (and figures.test.ts checks the migrated schema).
 */
export function figureColumn(figure: EventFigure): DeclaredColumn & keyof EventsTable {
  return EVENT_FIGURE[figure].column as DeclaredColumn;
}

export interface EventFilter {
  orgIds: number[];
  q?: string | null;
  type?: string;
  role?: string;
  from?: string;
  to?: string;
  townId?: number;
  departmentId?: number;
}

/** Ids of the events matching a filter, as a subquery. Dates filter on the start date. */
function filtered(db: Kysely<DB>, dialect: DialectName, f: EventFilter) {
  let q = db.selectFrom('events as ev').where('ev.org_id', 'in', f.orgIds);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText(dialect, 'ev.theme', text), containsText(dialect, 'ev.organiser', text), containsText(dialect, 'ev.notes', text)]));
  }
  if (f.type) q = q.where('ev.type', '=', f.type);
  if (f.role) q = q.where('ev.role', '=', f.role);
  if (f.from) q = q.where('ev.start_date', '>=', f.from);
  if (f.to) q = q.where('ev.start_date', '<=', f.to);
  if (f.townId) {
    const townId = f.townId;
    // A town is reached by an event held in it, in one of its villages, or at an enterprise in it.
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('event_places as ep')
            .innerJoin('places as pl', 'pl.id', 'ep.place_id')
            .select('ep.event_id')
            .whereRef('ep.event_id', '=', 'ev.id')
            .where((w) => w.or([w('pl.id', '=', townId), w('pl.parent_id', '=', townId)])),
        ),
        eb.exists(
          eb
            .selectFrom('event_enterprises as ee')
            .innerJoin('enterprises as en', 'en.id', 'ee.enterprise_id')
            .select('ee.event_id')
            .whereRef('ee.event_id', '=', 'ev.id')
            .where('en.town_id', '=', townId),
        ),
      ]),
    );
  }
  if (f.departmentId) {
    const departmentId = f.departmentId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('event_departments as ed').select('ed.event_id').whereRef('ed.event_id', '=', 'ev.id').where('ed.department_id', '=', departmentId),
      ),
    );
  }
  return q;
}

export async function listEvents(db: Kysely<DB>, dialect: DialectName, f: EventFilter, order: 'asc' | 'desc', page: number, pageSize: number) {
  const q = filtered(db, dialect, f);
  // count, then one SUM per declared figure, aliased by its key.
  const sums = (await q
    .select((eb) => [eb.fn.countAll().as('count'), ...EVENT_FIGURES.map((f) => eb.fn.sum(`ev.${figureColumn(f)}`).as(f))])
    .executeTakeFirstOrThrow()) as Record<'count' | EventFigure, string | number | bigint | null>;
  const totals = Object.fromEntries(EVENT_FIGURES.map((f) => [f, Number(sums[f] ?? 0)])) as Record<EventFigure, number>;
  const rows = await q
    .selectAll('ev')
    .orderBy('ev.start_date', order)
    .orderBy('ev.id', order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, totals, total: Number(sums.count) };
}

export function findEvent(db: Kysely<DB>, orgIds: number[], id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('org_id', 'in', orgIds).where('id', '=', id).executeTakeFirst();
}

/** Places, enterprises and departments of several events at once. */
export async function eventLinks(db: Kysely<DB>, eventIds: number[]) {
  if (!eventIds.length) return { places: [], enterprises: [], departments: [] };
  const [places, enterprises, departments] = await Promise.all([
    db
      .selectFrom('event_places as ep')
      .innerJoin('places as p', 'p.id', 'ep.place_id')
      .select(['ep.event_id', 'p.id', 'p.name', 'p.level', 'p.parent_id'])
      .where('ep.event_id', 'in', eventIds)
      .orderBy('p.sort_order')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('event_enterprises as ee')
      .innerJoin('enterprises as e', 'e.id', 'ee.enterprise_id')
      .select(['ee.event_id', 'e.id', 'e.name', 'e.town_id'])
      .where('ee.event_id', 'in', eventIds)
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('event_departments as ed')
      .innerJoin('departments as d', 'd.id', 'ed.department_id')
      .select(['ed.event_id', 'd.id', 'd.name', 'd.short_name', 'd.sort_order'])
      .where('ed.event_id', 'in', eventIds)
      .orderBy('d.sort_order')
      .orderBy('d.id')
      .execute(),
  ]);
  return { places, enterprises, departments };
}

export async function insertEvent(db: Kysely<DB>, row: Omit<EventRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEvent(db: Kysely<DB>, id: number, patch: Partial<Omit<EventRow, 'id' | 'org_id'>>): Promise<void> {
  await db.updateTable('events').set(patch).where('id', '=', id).execute();
}

export async function replaceEventLinks(
  db: Kysely<DB>,
  eventId: number,
  links: { placeIds: number[]; enterpriseIds: number[]; departmentIds: number[] },
): Promise<void> {
  await db.deleteFrom('event_places').where('event_id', '=', eventId).execute();
  await db.deleteFrom('event_enterprises').where('event_id', '=', eventId).execute();
  await db.deleteFrom('event_departments').where('event_id', '=', eventId).execute();
  if (links.placeIds.length)
    await db
      .insertInto('event_places')
      .values(links.placeIds.map((place_id) => ({ event_id: eventId, place_id })))
      .execute();
  if (links.enterpriseIds.length)
    await db
      .insertInto('event_enterprises')
      .values(links.enterpriseIds.map((enterprise_id) => ({ event_id: eventId, enterprise_id })))
      .execute();
  if (links.departmentIds.length)
    await db
      .insertInto('event_departments')
      .values(links.departmentIds.map((department_id) => ({ event_id: eventId, department_id })))
      .execute();
}

export async function deleteEvent(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('events').where('id', '=', id).execute();
}

/** Events whose start date falls in [from, to], for the period's facts. */
export function eventsStartingIn(db: Kysely<DB>, orgIds: number[], from: string, to: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .where('start_date', '>=', from)
    .where('start_date', '<=', to)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
}
