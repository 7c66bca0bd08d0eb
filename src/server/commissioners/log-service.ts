import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import type { ServiceLog, listServiceLogsQuerySchema, serviceLogBodySchema } from '../../shared/commissioners.js';
import { PLACE_LEVEL_LABELS, type PlaceLevel } from '../../shared/reference.js';
import type { Actor } from '../auth/actor.js';
import { assertAllowed, mayWriteLogFor, serviceLogListPolicies, serviceLogPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { findFile } from '../files/service.js';
import { conflict, notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { assertDictionaryValue, findPlace } from '../reference/service.js';
import * as logRepo from './log-repo.js';
import { getCommissionerRow, scopeOf } from './service.js';

type ServiceLogInput = z.infer<typeof serviceLogBodySchema>;

/** The message every role but a leader gets when changing a confirmed log. */
export const LOCKED_MESSAGE = '该日志已审核,只有局领导可以修改';

// ---- access ----

/** The log if this actor may read it; 404 for another bureau's, another commissioner's, or a missing one. */
async function getLogRow(ctx: Ctx, id: number): Promise<logRepo.ServiceLogView> {
  const row = await logRepo.findLog(ctx.db, await scopeOf(ctx), id);
  if (!row) throw notFound('服务日志不存在');
  return row;
}

/**
 * Who may write a log of a commissioner: anyone of that commissioner's own bureau who can read it
 * (staff and admins for any commissioner, a commissioner for their own, since they read no other).
 * Leaders of a higher organisation read but do not write.
 */
function assertCanWriteFor(actor: Actor, record: { org_id: number }): void {
  assertAllowed(mayWriteLogFor(actor, record.org_id), '没有权限修改此记录');
}

const policiesOf = (actor: Actor, log: logRepo.ServiceLogView) => serviceLogPolicies(actor, { orgId: log.org_id, confirmed: log.confirmed_at !== null });

/** A confirmed (审核) log is locked: only a leader may change or delete it. */
function assertCanChangeLog(actor: Actor, log: logRepo.ServiceLogView, action: 'update' | 'delete'): void {
  assertCanWriteFor(actor, log);
  assertAllowed(policiesOf(actor, log)[action], LOCKED_MESSAGE);
}

function assertLeaderOfOrg(actor: Actor, log: logRepo.ServiceLogView): void {
  if (actor.role === 'leader') assertCanWriteFor(actor, log);
  assertAllowed(policiesOf(actor, log).confirm, '只有局领导可以审核服务日志');
}

// ---- presenter ----

type FileRow = Awaited<ReturnType<typeof logRepo.filesOfLogs>>[number];

/** The town of the log's place: the place itself for a town, its parent for a village. */
function townOf(row: logRepo.ServiceLogView): { id: number | null; name: string | null } {
  if (row.place_level === 'town') return { id: row.place_id, name: row.place_name ?? null };
  if (row.place_level === 'village') return { id: row.parent_place_id ?? null, name: row.parent_place_name ?? null };
  return { id: null, name: null };
}

export function presentLog(row: logRepo.ServiceLogView, files: FileRow[], actor: Actor): ServiceLog {
  const town = townOf(row);
  return {
    id: row.id,
    version: row.version,
    commissionerId: row.commissioner_id,
    commissionerName: row.commissioner_name,
    logDate: row.log_date,
    placeId: row.place_id,
    placeName: row.place_name ?? null,
    townId: town.id,
    townName: town.name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name ?? null,
    kind: row.kind,
    content: row.content,
    peopleServed: row.people_served,
    problemsSolved: row.problems_solved,
    newTechniques: row.new_techniques,
    files: files.filter((f) => f.log_id === row.id).map((f) => ({ id: f.id, name: f.name, mimeType: f.mime_type, size: Number(f.size) })),
    confirmedAt: row.confirmed_at,
    confirmedByName: row.confirmed_by_name ?? null,
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: policiesOf(actor, row),
  };
}

async function present(ctx: Ctx, row: logRepo.ServiceLogView): Promise<ServiceLog> {
  return presentLog(row, await logRepo.filesOfLogs(ctx.db, [row.id]), ctx.actor);
}

// ---- reads ----

export async function getServiceLog(ctx: Ctx, id: number): Promise<ServiceLog> {
  return present(ctx, await getLogRow(ctx, id));
}

/** Logs, newest first; a commissioner sees only their own. */
export async function listServiceLogs(ctx: Ctx, query: z.infer<typeof listServiceLogsQuerySchema>): Promise<Page<ServiceLog>> {
  const scope = await scopeOf(ctx);
  const { rows, total } = await logRepo.listLogs(
    ctx.db,
    {
      ...scope,
      commissionerId: query.commissionerId,
      townId: query.townId,
      kind: query.kind || undefined,
      confirmed: query.confirmed === undefined ? undefined : query.confirmed === 'yes',
      from: query.from,
      to: query.to,
    },
    query.page,
    query.pageSize,
  );
  const files = await logRepo.filesOfLogs(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentLog(r, files, ctx.actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    policies: serviceLogListPolicies(ctx.actor),
  };
}

// ---- writes ----

/**
 * Checks a log's fields against the actor's organisation: a date not in the future, a kind of the
 * `service_kind` dictionary, a place (town or village) and/or an enterprise, and files the actor may
 * see. Files already attached to the log (`kept`) stay allowed even if the actor could not attach
 * them anew (a commissioner editing a log to which staff attached their own upload).
 */
async function checkInput(ctx: Ctx, input: ServiceLogInput, kept: number[]): Promise<number[]> {
  if (input.placeId === null && input.enterpriseId === null) {
    throw validation('请填写服务地点或服务企业', [
      { path: 'placeId', message: '请选择服务地点或服务企业' },
      { path: 'enterpriseId', message: '请选择服务地点或服务企业' },
    ]);
  }
  await assertDictionaryValue(ctx, 'service_kind', input.kind, 'kind');
  if (input.placeId !== null) {
    const place = await findPlace(ctx, input.placeId);
    if (!place) throw validation('服务地点不存在', [{ path: 'placeId', message: '地点不存在' }]);
    if (place.level !== 'town' && place.level !== 'village') {
      const message = `服务地点应为乡镇或村/社区,"${place.name}"是${PLACE_LEVEL_LABELS[place.level as PlaceLevel]}`;
      throw validation(message, [{ path: 'placeId', message: '请选择乡镇或村/社区' }]);
    }
  }
  if (input.enterpriseId !== null && !(await idsInOrg(ctx.db, 'enterprises', ctx.actor.orgId, [input.enterpriseId])).has(input.enterpriseId)) {
    throw validation('服务企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
  }
  const fileIds = [...new Set(input.fileIds)];
  for (const fileId of fileIds) {
    if (kept.includes(fileId)) continue;
    if (!(await findFile(ctx, fileId))) throw validation('所选附件不存在或无权使用', [{ path: 'fileIds', message: `附件 ${fileId} 不存在` }]);
  }
  return fileIds;
}

function fieldsToColumns(input: ServiceLogInput) {
  return {
    log_date: input.logDate,
    place_id: input.placeId,
    enterprise_id: input.enterpriseId,
    kind: input.kind,
    content: input.content,
    people_served: input.peopleServed,
    problems_solved: input.problemsSolved,
    new_techniques: input.newTechniques,
  };
}

/** Logs a service of a commissioner: by the commissioner themselves, or by the bureau on their behalf. */
export async function createServiceLog(ctx: Ctx, commissionerId: number, input: ServiceLogInput): Promise<ServiceLog> {
  return inTransaction(ctx, async (tx) => {
    const commissioner = await getCommissionerRow(tx, commissionerId);
    assertCanWriteFor(ctx.actor, commissioner);
    const fileIds = await checkInput(tx, input, []);
    const now = new Date().toISOString();
    const id = await logRepo.insertLog(tx.db, {
      ...fieldsToColumns(input),
      org_id: commissioner.org_id,
      commissioner_id: commissionerId,
      confirmed_at: null,
      confirmed_by: null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await logRepo.replaceLogFiles(tx.db, id, fileIds);
    const after = await getServiceLog(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'service_log', entityId: id, orgId: commissioner.org_id, after });
    return after;
  });
}

/** Full replacement of a log's fields and files; a confirmed log only by a leader (it stays confirmed). */
export async function updateServiceLog(ctx: Ctx, id: number, input: ServiceLogInput, expected?: ExpectedVersion): Promise<ServiceLog> {
  return inTransaction(ctx, async (tx) => {
    const row = await getLogRow(tx, id);
    assertCanChangeLog(ctx.actor, row, 'update');
    await claimVersion(tx, 'service_logs', row, expected, () => getServiceLog(tx, id));
    const before = await present(tx, row);
    const fileIds = await checkInput(
      tx,
      input,
      before.files.map((f) => f.id),
    );
    await logRepo.updateLog(tx.db, id, { ...fieldsToColumns(input), updated_at: new Date().toISOString() });
    await logRepo.replaceLogFiles(tx.db, id, fileIds);
    const after = await getServiceLog(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'service_log', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

export async function deleteServiceLog(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await getLogRow(tx, id);
    assertCanChangeLog(ctx.actor, row, 'delete');
    await claimVersion(tx, 'service_logs', row, expected, () => getServiceLog(tx, id));
    const before = await present(tx, row);
    await logRepo.deleteLog(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'service_log', entityId: id, orgId: row.org_id, before });
  });
}

/** A leader confirms (审核) a log, which locks it against changes by anyone but leaders. */
export async function confirmServiceLog(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<ServiceLog> {
  return setConfirmed(ctx, id, true, expected);
}

/** A leader takes back a confirmation, so the log can be corrected again. */
export async function unconfirmServiceLog(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<ServiceLog> {
  return setConfirmed(ctx, id, false, expected);
}

async function setConfirmed(ctx: Ctx, id: number, confirmed: boolean, expected?: ExpectedVersion): Promise<ServiceLog> {
  return inTransaction(ctx, async (tx) => {
    const row = await getLogRow(tx, id);
    assertLeaderOfOrg(ctx.actor, row);
    if (confirmed && row.confirmed_at !== null) throw conflict('该日志已经审核过了');
    if (!confirmed && row.confirmed_at === null) throw conflict('该日志尚未审核');
    await claimVersion(tx, 'service_logs', row, expected, () => getServiceLog(tx, id));
    const before = await present(tx, row);
    const now = new Date().toISOString();
    await logRepo.updateLog(tx.db, id, {
      confirmed_at: confirmed ? now : null,
      confirmed_by: confirmed ? ctx.actor.userId : null,
      updated_at: now,
    });
    const after = await getServiceLog(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'service_log', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}
