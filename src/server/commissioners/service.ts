import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import type {
  Commissioner,
  CommissionerStatus,
  Evaluation,
  GENDERS,
  Grade,
  Support,
  SupportKind,
  commissionerBodySchema,
  commissionerDetailSchema,
  listCommissionersQuerySchema,
  supportBodySchema,
} from '../../shared/commissioners.js';
import { PLACE_LEVEL_LABELS, type PlaceLevel } from '../../shared/reference.js';
import { type Actor, sectionForNewRecord } from '../auth/actor.js';
import {
  assertAllowed,
  commissionerListPolicies,
  commissionerPolicies,
  editRefusal,
  evaluationPolicies,
  mayManageSupport,
  supportPolicies,
} from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion, staleVersion } from '../db/versioned.js';
import type { CommissionerEvaluationsTable, CommissionerSupportsTable } from '../db/types.js';
import { AppError, conflict, notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import * as repo from './repo.js';
import type { evaluationPutBodySchema } from './schema.js';

type CommissionerDetail = z.infer<typeof commissionerDetailSchema>;
type CommissionerInput = z.infer<typeof commissionerBodySchema>;

// ---- access ----

/**
 * What this actor may read: their organisation (leaders and admins also those below it); a
 * commissioner only the profile linked to their own account, and what hangs off it.
 */
export async function scopeOf(ctx: Ctx): Promise<repo.Scope> {
  return { orgIds: await readableOrgIds(ctx), userId: ctx.actor.role === 'commissioner' ? ctx.actor.userId : undefined };
}

/** The commissioner if this actor may read it; 404 for another bureau's, another commissioner's, or a missing one. */
export async function getCommissionerRow(ctx: Ctx, id: number): Promise<repo.CommissionerView> {
  const row = await repo.findCommissioner(ctx.db, await scopeOf(ctx), id);
  if (!row) throw notFound('科技特派员不存在');
  return row;
}

const ROSTER_KEPT_BY_BUREAU = '科技特派员档案由科技局维护,特派员本人不能修改';

/** Roster entries are kept by the bureau: admins, leaders, and staff for their own section's entries. */
function assertCanEditRoster(actor: Actor, row: { org_id: number; section_id: number | null }, action: 'update' | 'delete'): void {
  const allowed = commissionerPolicies(actor, { orgId: row.org_id, sectionId: row.section_id })[action];
  assertAllowed(allowed, actor.role === 'commissioner' ? ROSTER_KEPT_BY_BUREAU : editRefusal(actor));
}

/** Support given and yearly evaluations are recorded by leaders and admins of the commissioner's own bureau. */
function assertCanManageSupport(actor: Actor, row: { org_id: number }): void {
  if (mayManageSupport(actor, row.org_id)) return;
  assertAllowed(false, actor.role === 'leader' || actor.role === 'admin' ? '没有权限修改此记录' : '只有局领导或管理员可以登记对特派员的支持和考核');
}

// ---- presenters ----

type Links = Awaited<ReturnType<typeof repo.commissionerLinks>>;

export function presentCommissioner(row: repo.CommissionerView, links: Links, actor: Actor): Commissioner {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    gender: row.gender as (typeof GENDERS)[number],
    employer: row.employer,
    title: row.title,
    specialty: row.specialty,
    phone: row.phone,
    places: links.places.filter((p) => p.commissioner_id === row.id).map((p) => ({ id: p.id, name: p.name, level: p.level })),
    enterprises: links.enterprises.filter((e) => e.commissioner_id === row.id).map((e) => ({ id: e.id, name: e.name })),
    termStartYear: row.term_start_year,
    termEndYear: row.term_end_year,
    status: row.status as CommissionerStatus,
    userId: row.user_id,
    username: row.username ?? null,
    notes: row.notes,
    logCount: Number(row.log_count ?? 0),
    lastLogDate: (row.last_log_date as string | null) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: commissionerPolicies(actor, { orgId: row.org_id, sectionId: row.section_id }),
  };
}

export function presentSupport(row: Selectable<CommissionerSupportsTable>, actor: Actor): Support {
  return {
    id: row.id,
    commissionerId: row.commissioner_id,
    supportDate: row.support_date,
    kind: row.kind as SupportKind,
    description: row.description,
    amount: row.amount === null ? null : Number(row.amount),
    createdAt: row.created_at,
    policies: supportPolicies(actor, row.org_id),
  };
}

export function presentEvaluation(row: Selectable<CommissionerEvaluationsTable>, actor: Actor): Evaluation {
  return {
    id: row.id,
    version: row.version,
    commissionerId: row.commissioner_id,
    year: row.year,
    grade: row.grade as Grade,
    note: row.note,
    createdAt: row.created_at,
    policies: evaluationPolicies(actor, row.org_id),
  };
}

async function present(ctx: Ctx, row: repo.CommissionerView): Promise<Commissioner> {
  return presentCommissioner(row, await repo.commissionerLinks(ctx.db, [row.id]), ctx.actor);
}

async function detailOf(ctx: Ctx, row: repo.CommissionerView): Promise<CommissionerDetail> {
  const [commissioner, supports, evaluations] = await Promise.all([present(ctx, row), repo.supportsOf(ctx.db, row.id), repo.evaluationsOf(ctx.db, row.id)]);
  return { ...commissioner, supports: supports.map((r) => presentSupport(r, ctx.actor)), evaluations: evaluations.map((r) => presentEvaluation(r, ctx.actor)) };
}

// ---- roster ----

export async function getCommissioner(ctx: Ctx, id: number): Promise<CommissionerDetail> {
  return detailOf(ctx, await getCommissionerRow(ctx, id));
}

/** The profile linked to the signed-in user (a commissioner's own page). */
export async function getMyCommissioner(ctx: Ctx): Promise<CommissionerDetail> {
  const row = await repo.findCommissionerOfUser(ctx.db, ctx.actor.orgId, ctx.actor.userId);
  if (!row) throw notFound('未关联科技特派员档案');
  return detailOf(ctx, row);
}

/** The roster; a commissioner sees only their own entry. */
export async function listCommissioners(ctx: Ctx, query: z.infer<typeof listCommissionersQuerySchema>): Promise<Page<Commissioner>> {
  const scope = await scopeOf(ctx);
  const { rows, total } = await repo.listCommissioners(
    ctx.db,
    ctx.dialect,
    { ...scope, q: query.q, status: query.status, placeId: query.placeId, year: query.year },
    query.page,
    query.pageSize,
  );
  const links = await repo.commissionerLinks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentCommissioner(r, links, ctx.actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    policies: commissionerListPolicies(ctx.actor),
  };
}

/**
 * Checks what a roster entry refers to: towns or villages and enterprises of the actor's
 * organisation, and a commissioner account of it not linked to another entry (409 when it is).
 */
async function checkReferences(ctx: Ctx, input: CommissionerInput, existingId: number | null): Promise<{ placeIds: number[]; enterpriseIds: number[] }> {
  const orgId = ctx.actor.orgId;
  const placeIds = [...new Set(input.placeIds)];
  const enterpriseIds = [...new Set(input.enterpriseIds)];
  const places = await repo.placesInOrg(ctx.db, orgId, placeIds);
  if (places.length !== placeIds.length) throw validation('所选服务地点不存在', [{ path: 'placeIds', message: '地点不存在' }]);
  const wrongLevel = places.find((p) => p.level !== 'town' && p.level !== 'village');
  if (wrongLevel) {
    const message = `服务地点应为乡镇或村/社区,"${wrongLevel.name}"是${PLACE_LEVEL_LABELS[wrongLevel.level as PlaceLevel] ?? wrongLevel.level}`;
    throw validation(message, [{ path: 'placeIds', message: '请选择乡镇或村/社区' }]);
  }
  if ((await idsInOrg(ctx.db, 'enterprises', orgId, enterpriseIds)).size !== enterpriseIds.length) {
    throw validation('所选服务企业不存在', [{ path: 'enterpriseIds', message: '企业不存在' }]);
  }
  if (input.userId !== null) {
    const user = await repo.findUserInOrg(ctx.db, orgId, input.userId);
    if (!user) throw validation('关联账号不属于本单位', [{ path: 'userId', message: '账号不存在' }]);
    if (user.role !== 'commissioner') {
      const message = `账号"${user.display_name}"不是科技特派员账号`;
      throw validation(message, [{ path: 'userId', message }]);
    }
    const linked = await repo.commissionerLinkedToUser(ctx.db, input.userId, existingId);
    if (linked) {
      throw conflict(`账号"${user.display_name}"已关联科技特派员"${linked.name}"`, { existingId: linked.id, existingName: linked.name });
    }
  }
  return { placeIds, enterpriseIds };
}

function fieldsToColumns(input: CommissionerInput): repo.CommissionerPatch {
  return {
    name: input.name,
    gender: input.gender,
    employer: input.employer,
    title: input.title,
    specialty: input.specialty,
    phone: input.phone,
    term_start_year: input.termStartYear,
    term_end_year: input.termEndYear,
    status: input.status,
    user_id: input.userId,
    notes: input.notes,
  };
}

export async function createCommissioner(ctx: Ctx, input: CommissionerInput): Promise<CommissionerDetail> {
  assertAllowed(commissionerListPolicies(ctx.actor).create, ROSTER_KEPT_BY_BUREAU);
  return inTransaction(ctx, async (tx) => {
    const links = await checkReferences(tx, input, null);
    const now = new Date().toISOString();
    const id = await repo.insertCommissioner(tx.db, {
      ...fieldsToColumns(input),
      name: input.name,
      gender: input.gender,
      employer: input.employer,
      term_start_year: input.termStartYear,
      term_end_year: input.termEndYear,
      status: input.status,
      org_id: ctx.actor.orgId,
      section_id: sectionForNewRecord(ctx.actor, null),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceCommissionerLinks(tx.db, id, links.placeIds, links.enterpriseIds);
    const row = (await repo.findCommissioner(tx.db, { orgIds: [ctx.actor.orgId] }, id))!;
    const after = await present(tx, row);
    await recordChange(tx, { action: 'create', entityType: 'commissioner', entityId: id, orgId: ctx.actor.orgId, after });
    return { ...after, supports: [], evaluations: [] };
  });
}

/** Full replacement of a roster entry (the form always sends every field). */
export async function updateCommissioner(ctx: Ctx, id: number, input: CommissionerInput, expected?: ExpectedVersion): Promise<CommissionerDetail> {
  return inTransaction(ctx, async (tx) => {
    const row = await getCommissionerRow(tx, id);
    assertCanEditRoster(ctx.actor, row, 'update');
    await claimVersion(tx, 'commissioners', row, expected, () => getCommissioner(tx, id));
    const before = await present(tx, row);
    const links = await checkReferences(tx, input, id);
    await repo.updateCommissioner(tx.db, id, { ...fieldsToColumns(input), updated_at: new Date().toISOString() });
    await repo.replaceCommissionerLinks(tx.db, id, links.placeIds, links.enterpriseIds);
    const afterRow = (await repo.findCommissioner(tx.db, { orgIds: [row.org_id] }, id))!;
    const after = await detailOf(tx, afterRow);
    const { supports: _s, evaluations: _e, ...afterEntry } = after;
    await recordChange(tx, { action: 'update', entityType: 'commissioner', entityId: id, orgId: row.org_id, before, after: afterEntry });
    return after;
  });
}

/** Deletes a roster entry with its support and evaluation records; refused while it has service logs. */
export async function deleteCommissioner(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await getCommissionerRow(tx, id);
    assertCanEditRoster(ctx.actor, row, 'delete');
    await claimVersion(tx, 'commissioners', row, expected, () => getCommissioner(tx, id));
    const logs = Number(row.log_count ?? 0);
    if (logs > 0) {
      throw new AppError('CONFLICT', `"${row.name}"还有${logs}条服务日志,不能删除;如已不再担任特派员,请将状态改为"退出"`, { logs });
    }
    const before = await detailOf(tx, row);
    await repo.deleteCommissioner(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'commissioner', entityId: id, orgId: row.org_id, before });
  });
}

// ---- support given ----

export async function createSupport(ctx: Ctx, commissionerId: number, input: z.infer<typeof supportBodySchema>): Promise<Support> {
  return inTransaction(ctx, async (tx) => {
    const commissioner = await getCommissionerRow(tx, commissionerId);
    assertCanManageSupport(ctx.actor, commissioner);
    const id = await repo.insertSupport(tx.db, {
      org_id: commissioner.org_id,
      commissioner_id: commissionerId,
      support_date: input.supportDate,
      kind: input.kind,
      description: input.description,
      amount: input.amount,
      created_by: ctx.actor.userId,
      created_at: new Date().toISOString(),
    });
    const after = presentSupport(await repo.supportById(tx.db, id), ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'commissioner_support', entityId: id, orgId: commissioner.org_id, after });
    return after;
  });
}

export async function deleteSupport(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await repo.findSupport(tx.db, await scopeOf(tx), id);
    if (!row) throw notFound('支持记录不存在');
    assertCanManageSupport(ctx.actor, row);
    await repo.deleteSupport(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'commissioner_support', entityId: id, orgId: row.org_id, before: presentSupport(row, ctx.actor) });
  });
}

// ---- yearly evaluation ----

/**
 * Records the evaluation of one year (the year comes from the path): one per commissioner and
 * year, so a second one for the same year replaces the grade and note (audited as an update).
 */
export async function putEvaluation(
  ctx: Ctx,
  commissionerId: number,
  year: number,
  input: z.infer<typeof evaluationPutBodySchema>,
  expected?: ExpectedVersion,
): Promise<Evaluation> {
  if (input.year !== undefined && input.year !== year) {
    throw validation(`考核年份与地址中的年份(${year})不一致`, [{ path: 'year', message: `应为${year}` }]);
  }
  return inTransaction(ctx, async (tx) => {
    const commissioner = await getCommissionerRow(tx, commissionerId);
    assertCanManageSupport(ctx.actor, commissioner);
    const existing = await repo.evaluationOfYear(tx.db, commissionerId, year);
    // Without If-Match the writer believes the year has no evaluation yet: one that exists is someone else's (409).
    if (existing && expected === undefined) throw staleVersion(presentEvaluation(existing, ctx.actor));
    if (!existing && typeof expected === 'number') throw staleVersion(null);
    if (existing) {
      await claimVersion(tx, 'commissioner_evaluations', existing, expected, () => currentEvaluation(tx, existing.id));
      await repo.updateEvaluation(tx.db, existing.id, { grade: input.grade, note: input.note });
      const after = presentEvaluation((await repo.evaluationOfYear(tx.db, commissionerId, year))!, ctx.actor);
      await recordChange(tx, {
        action: 'update',
        entityType: 'commissioner_evaluation',
        entityId: existing.id,
        orgId: commissioner.org_id,
        before: presentEvaluation(existing, ctx.actor),
        after,
      });
      return after;
    }
    const id = await repo.insertEvaluation(tx.db, {
      org_id: commissioner.org_id,
      commissioner_id: commissionerId,
      year,
      grade: input.grade,
      note: input.note,
      created_by: ctx.actor.userId,
      created_at: new Date().toISOString(),
    });
    const after = presentEvaluation((await repo.evaluationOfYear(tx.db, commissionerId, year))!, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'commissioner_evaluation', entityId: id, orgId: commissioner.org_id, after });
    return after;
  });
}

/** An evaluation as it is now (null once deleted), for the 409 of a stale write. */
async function currentEvaluation(ctx: Ctx, id: number): Promise<Evaluation | null> {
  const row = await repo.findEvaluation(ctx.db, await scopeOf(ctx), id);
  return row ? presentEvaluation(row, ctx.actor) : null;
}

export async function deleteEvaluation(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await repo.findEvaluation(tx.db, await scopeOf(tx), id);
    if (!row) throw notFound('考核记录不存在');
    assertCanManageSupport(ctx.actor, row);
    await claimVersion(tx, 'commissioner_evaluations', row, expected, () => currentEvaluation(tx, row.id));
    await repo.deleteEvaluation(tx.db, id);
    await recordChange(tx, {
      action: 'delete',
      entityType: 'commissioner_evaluation',
      entityId: id,
      orgId: row.org_id,
      before: presentEvaluation(row, ctx.actor),
    });
  });
}
