import type { z } from 'zod';
import {
  EVENT_FIGURES,
  type Event,
  type EventFigure,
  type EventRole,
  type EventTotals,
  type eventBodySchema,
  type listEventsQuerySchema,
} from '../../shared/events.js';
import { assertLedgerReader, assertLedgerWriter, sectionForNewRecord } from '../auth/actor.js';
import { assertAllowed, editRefusal, eventPolicies, ledgerListPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import type { EventRow } from '../db/types.js';
import { notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import { assertDictionaryValue } from '../reference/service.js';
import * as repo from './repo.js';

type EventInput = z.infer<typeof eventBodySchema>;

async function present(ctx: Ctx, rows: EventRow[]): Promise<Event[]> {
  const links = await repo.eventLinks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    type: r.type,
    theme: r.theme,
    startDate: r.start_date,
    endDate: r.end_date,
    role: r.role as EventRole,
    organiser: r.organiser,
    places: links.places
      .filter((p) => p.event_id === r.id)
      .map((p) => ({
        id: p.id,
        name: p.name,
        level: p.level,
        townId: p.level === 'town' ? p.id : p.level === 'village' ? p.parent_id : null,
      })),
    enterprises: links.enterprises.filter((e) => e.event_id === r.id).map((e) => ({ id: e.id, name: e.name })),
    departments: links.departments.filter((d) => d.event_id === r.id).map((d) => ({ id: d.id, name: d.name, shortName: d.short_name })),
    notes: r.notes,
    ...(Object.fromEntries(EVENT_FIGURES.map((f) => [f, r[repo.figureColumn(f)]])) as Record<EventFigure, number | null>),
    sectionId: r.section_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    policies: eventPolicies(ctx.actor, { orgId: r.org_id, sectionId: r.section_id }),
  }));
}

async function getRow(ctx: Ctx, id: number): Promise<EventRow> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findEvent(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('活动不存在');
  return row;
}

export async function getEvent(ctx: Ctx, id: number): Promise<Event> {
  return (await present(ctx, [await getRow(ctx, id)]))[0];
}

/** A page of events with the totals of every figure over all the filtered events (not just the page). */
export async function listEvents(ctx: Ctx, query: z.infer<typeof listEventsQuerySchema>) {
  assertLedgerReader(ctx.actor);
  const { rows, totals, total } = await repo.listEvents(
    ctx.db,
    ctx.dialect,
    {
      orgIds: await readableOrgIds(ctx),
      q: query.q,
      type: query.type,
      role: query.role,
      from: query.from,
      to: query.to,
      townId: query.townId,
      departmentId: query.departmentId,
    },
    query.order,
    query.page,
    query.pageSize,
  );
  const presentedTotals: EventTotals = { count: total, ...totals };
  return {
    items: await present(ctx, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
    totals: presentedTotals,
    policies: ledgerListPolicies(ctx.actor),
  };
}

async function checkInput(ctx: Ctx, input: EventInput) {
  await assertDictionaryValue(ctx, 'event_type', input.type, 'type');
  const placeIds = [...new Set(input.placeIds)];
  const enterpriseIds = [...new Set(input.enterpriseIds)];
  const departmentIds = [...new Set(input.departmentIds)];
  const orgId = ctx.actor.orgId;
  if ((await idsInOrg(ctx.db, 'places', orgId, placeIds)).size !== placeIds.length) {
    throw validation('所选地点不存在', [{ path: 'placeIds', message: '地点不存在' }]);
  }
  if ((await idsInOrg(ctx.db, 'enterprises', orgId, enterpriseIds)).size !== enterpriseIds.length) {
    throw validation('所选企业不存在', [{ path: 'enterpriseIds', message: '企业不存在' }]);
  }
  if ((await idsInOrg(ctx.db, 'departments', orgId, departmentIds)).size !== departmentIds.length) {
    throw validation('所选部门不存在', [{ path: 'departmentIds', message: '部门不存在' }]);
  }
  return { placeIds, enterpriseIds, departmentIds };
}

function columnsOf(input: EventInput) {
  return {
    type: input.type,
    theme: input.theme,
    start_date: input.startDate,
    end_date: input.endDate,
    role: input.role,
    organiser: input.organiser,
    notes: input.notes,
    ...(Object.fromEntries(EVENT_FIGURES.map((f) => [repo.figureColumn(f), input[f]])) as Record<string, number | null>),
  } as Omit<EventRow, 'id' | 'org_id' | 'section_id' | 'created_by' | 'created_at' | 'updated_at'>;
}

export async function createEvent(ctx: Ctx, input: EventInput): Promise<Event> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const links = await checkInput(tx, input);
    const now = new Date().toISOString();
    const id = await repo.insertEvent(tx.db, {
      ...columnsOf(input),
      org_id: ctx.actor.orgId,
      section_id: sectionForNewRecord(ctx.actor, null),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceEventLinks(tx.db, id, links);
    const after = await getEvent(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'event', entityId: id, orgId: ctx.actor.orgId, after });
    return after;
  });
}

export async function updateEvent(ctx: Ctx, id: number, input: EventInput, expected?: ExpectedVersion): Promise<Event> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await getRow(tx, id);
    assertAllowed(eventPolicies(ctx.actor, { orgId: row.org_id, sectionId: row.section_id }).update, editRefusal(ctx.actor));
    await claimVersion(tx, 'events', row, expected, () => getEvent(tx, id));
    const before = await getEvent(tx, id);
    const links = await checkInput(tx, input);
    await repo.updateEvent(tx.db, id, { ...columnsOf(input), updated_at: new Date().toISOString() });
    await repo.replaceEventLinks(tx.db, id, links);
    const after = await getEvent(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'event', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

export async function deleteEvent(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertLedgerWriter(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const row = await getRow(tx, id);
    assertAllowed(eventPolicies(ctx.actor, { orgId: row.org_id, sectionId: row.section_id }).delete, editRefusal(ctx.actor));
    await claimVersion(tx, 'events', row, expected, () => getEvent(tx, id));
    const before = await getEvent(tx, id);
    await repo.deleteEvent(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'event', entityId: id, orgId: row.org_id, before });
  });
}
