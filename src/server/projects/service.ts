import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import {
  type Project,
  type ProjectDetail,
  type ProjectLevel,
  STAGES,
  type Sector,
  type Stage,
  type StageDates,
  type StageEvent,
  type createProjectBodySchema,
  type listProjectsQuerySchema,
  type moveStageBodySchema,
  type updateProjectBodySchema,
} from '../../shared/projects.js';
import { type Actor, assertLedgerReader, assertLedgerWriter, sectionForNewRecord } from '../auth/actor.js';
import { assertAllowed, editRefusal, ledgerListPolicies, projectPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion, isUnchangedSave } from '../db/versioned.js';
import { AppError, notFound, validation } from '../http/errors.js';
import { findSection, idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import { assertDictionaryValue } from '../reference/service.js';
import { type PlannedEvent, foldEvents, lastStageDate, planCreation, planMove, todayInChina } from './pipeline.js';
import * as repo from './repo.js';

const toYuan = (wan: number | null | undefined) => (wan === null || wan === undefined ? wan : Math.round(wan * 10000));
const toWan = (yuan: number | string | null) => (yuan === null ? null : Number(yuan) / 10000);

function stageDatesOf(row: repo.ProjectView): StageDates {
  const dates: StageDates = {};
  for (const stage of STAGES) {
    const value = row[`${stage}_date`];
    if (value) dates[stage] = value;
  }
  return dates;
}

export function presentProject(row: repo.ProjectView, actor: Actor): Project {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name ?? null,
    townId: row.town_id ?? null,
    townName: row.town_name ?? null,
    field: row.field as Sector,
    program: row.program,
    level: row.level as ProjectLevel | null,
    managerId: row.manager_id,
    managerName: row.manager_name ?? null,
    amountApplied: toWan(row.amount_applied),
    amountApproved: toWan(row.amount_approved),
    amountReceived: toWan(row.amount_received),
    amountSelfRaised: toWan(row.amount_self_raised),
    stage: row.stage as Stage,
    stageDates: stageDatesOf(row),
    sourceVisitId: row.source_visit_id,
    description: row.description,
    sectionId: row.section_id,
    followupCount: Number(row.followup_count ?? 0),
    lastFollowupDate: (row.last_followup_date as string | null) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: projectPolicies(actor, { orgId: row.org_id, sectionId: row.section_id }),
  };
}

/** The project if this actor may read it; 404 for another bureau's or a missing one. */
export async function getProjectRow(ctx: Ctx, id: number): Promise<repo.ProjectView> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findProject(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('项目不存在');
  return row;
}

/** The project if this actor may change (or delete) it: 404 when unreadable, 403 when another section's. */
export async function getEditableProjectRow(ctx: Ctx, id: number, action: 'update' | 'delete' = 'update'): Promise<repo.ProjectView> {
  assertLedgerWriter(ctx.actor);
  const row = await getProjectRow(ctx, id);
  assertAllowed(projectPolicies(ctx.actor, { orgId: row.org_id, sectionId: row.section_id })[action], editRefusal(ctx.actor));
  return row;
}

export async function getProject(ctx: Ctx, id: number): Promise<ProjectDetail> {
  const row = await getProjectRow(ctx, id);
  const [events, visits] = await Promise.all([repo.stageEvents(ctx.db, id), repo.visitsOfProject(ctx.db, row)]);
  return {
    ...presentProject(row, ctx.actor),
    history: events.map((e): StageEvent => ({
      id: e.id,
      fromStage: e.from_stage as Stage | null,
      toStage: e.to_stage as Stage,
      eventDate: e.event_date,
      userId: e.user_id,
      userDisplayName: e.display_name ?? null,
      remark: e.remark,
      createdAt: e.created_at,
    })),
    visits: visits.map((v) => ({ id: v.id, visitDate: v.visit_date, purpose: v.purpose })),
  };
}

type ListQuery = z.infer<typeof listProjectsQuerySchema>;

function filterOf(query: ListQuery, orgIds: number[]): repo.ProjectFilter {
  return {
    orgIds,
    q: query.q,
    stages: query.stage,
    program: query.program,
    level: query.level,
    field: query.field,
    townId: query.townId,
    managerId: query.managerId,
    enterpriseId: query.enterpriseId,
    dateColumn: `${query.dateField}_date`,
    from: query.from,
    to: query.to,
  };
}

export async function listProjects(ctx: Ctx, query: ListQuery): Promise<Page<Project>> {
  assertLedgerReader(ctx.actor);
  const { rows, total } = await repo.listProjects(
    ctx.db,
    ctx.dialect,
    filterOf(query, await readableOrgIds(ctx)),
    query.sort,
    query.order,
    query.page,
    query.pageSize,
  );
  return { items: rows.map((r) => presentProject(r, ctx.actor)), total, page: query.page, pageSize: query.pageSize, policies: ledgerListPolicies(ctx.actor) };
}

/** How many projects are at each stage under the list's filters (the stage filter aside). */
export async function stageSummary(ctx: Ctx, query: ListQuery): Promise<{ counts: Record<Stage, number>; total: number }> {
  assertLedgerReader(ctx.actor);
  const rows = await repo.stageCounts(ctx.db, ctx.dialect, filterOf(query, await readableOrgIds(ctx)));
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const r of rows) counts[r.stage as Stage] = Number(r.count);
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

type ProjectFields = z.infer<typeof updateProjectBodySchema>;

/** Checks that what a project refers to exists in the actor's organisation and its dictionaries. */
async function checkReferences(ctx: Ctx, input: ProjectFields): Promise<void> {
  const orgId = ctx.actor.orgId;
  if (input.program) await assertDictionaryValue(ctx, 'program', input.program, 'program');
  if (input.enterpriseId && !(await idsInOrg(ctx.db, 'enterprises', orgId, [input.enterpriseId])).has(input.enterpriseId)) {
    throw validation('申报单位不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
  }
  if (input.managerId && !(await idsInOrg(ctx.db, 'users', orgId, [input.managerId])).has(input.managerId)) {
    throw validation('责任人不属于本单位', [{ path: 'managerId', message: '人员不存在' }]);
  }
  if (input.sourceVisitId && !(await idsInOrg(ctx.db, 'visits', orgId, [input.sourceVisitId])).has(input.sourceVisitId)) {
    throw validation('来源调研不存在', [{ path: 'sourceVisitId', message: '调研记录不存在' }]);
  }
}

function fieldsToColumns(input: ProjectFields): repo.ProjectPatch {
  return {
    title: input.title,
    enterprise_id: input.enterpriseId,
    field: input.field,
    program: input.program,
    level: input.level,
    manager_id: input.managerId,
    amount_applied: toYuan(input.amountApplied),
    amount_approved: toYuan(input.amountApproved),
    amount_received: toYuan(input.amountReceived),
    amount_self_raised: toYuan(input.amountSelfRaised),
    source_visit_id: input.sourceVisitId,
    description: input.description,
  };
}

/** Writes the stage events and sets the stage and stage-date columns that follow from all events. */
async function applyEvents(ctx: Ctx, projectId: number, orgId: number, planned: PlannedEvent[], remark: string | null): Promise<void> {
  const now = new Date().toISOString();
  await repo.insertStageEvents(
    ctx.db,
    planned.map((e, i) => ({
      org_id: orgId,
      project_id: projectId,
      from_stage: e.fromStage,
      to_stage: e.toStage,
      event_date: e.eventDate,
      user_id: ctx.actor.userId,
      // The remark belongs to the move the user made: the last event.
      remark: i === planned.length - 1 ? remark : null,
      created_at: now,
    })),
  );
  await syncStageColumns(ctx, projectId);
}

async function syncStageColumns(ctx: Ctx, projectId: number): Promise<void> {
  const events = await repo.stageEvents(ctx.db, projectId);
  const { stage, dates } = foldEvents(events.map((e) => ({ fromStage: e.from_stage as Stage | null, toStage: e.to_stage as Stage, eventDate: e.event_date })));
  await repo.updateProject(ctx.db, projectId, {
    stage,
    lead_date: dates.lead ?? null,
    pool_date: dates.pool ?? null,
    applied_date: dates.applied ?? null,
    approved_date: dates.approved ?? null,
    ongoing_date: dates.ongoing ?? null,
    accepted_date: dates.accepted ?? null,
    rejected_date: dates.rejected ?? null,
    stopped_date: dates.stopped ?? null,
    updated_at: new Date().toISOString(),
  });
}

export async function createProject(ctx: Ctx, input: z.infer<typeof createProjectBodySchema>): Promise<ProjectDetail> {
  assertLedgerWriter(ctx.actor);
  const planned = planCreation(input.stage, input.stageDates, todayInChina());
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, input);
    const sectionId = sectionForNewRecord(ctx.actor, input.sectionId);
    if (sectionId !== null && !(await findSection(tx.db, ctx.actor.orgId, sectionId))) {
      throw validation('股室不存在', [{ path: 'sectionId', message: '股室不存在' }]);
    }
    const now = new Date().toISOString();
    const id = await repo.insertProject(tx.db, {
      ...fieldsToColumns(input),
      title: input.title,
      field: input.field,
      org_id: ctx.actor.orgId,
      section_id: sectionId,
      stage: input.stage,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await applyEvents(tx, id, ctx.actor.orgId, planned, null);
    const after = await getProject(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'project', entityId: id, orgId: ctx.actor.orgId, after: withoutHistory(after) });
    return after;
  });
}

function withoutHistory(p: ProjectDetail): Project {
  const { history: _h, visits: _v, ...rest } = p;
  return rest;
}

export async function updateProject(ctx: Ctx, id: number, input: ProjectFields, expected?: ExpectedVersion): Promise<ProjectDetail> {
  return inTransaction(ctx, async (tx) => {
    const row = await getEditableProjectRow(tx, id);
    const patch = fieldsToColumns(input);
    if (await isUnchangedSave(row, patch, expected, () => getProject(tx, id))) return getProject(tx, id);
    await claimVersion(tx, 'projects', row, expected, () => getProject(tx, id));
    await checkReferences(tx, input);
    await repo.updateProject(tx.db, id, { ...patch, updated_at: new Date().toISOString() });
    const after = await getProject(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'project',
      entityId: id,
      orgId: row.org_id,
      before: presentProject(row, ctx.actor),
      after: withoutHistory(after),
    });
    return after;
  });
}

/** Moves a project along the pipeline (several steps when each is dated); a wrong move is a 409. */
export async function moveStage(ctx: Ctx, id: number, move: z.infer<typeof moveStageBodySchema>, expected?: ExpectedVersion): Promise<ProjectDetail> {
  return inTransaction(ctx, async (tx) => {
    const row = await getEditableProjectRow(tx, id);
    // Of two moves made from the same state, one wins and the other is told the project changed.
    await claimVersion(tx, 'projects', row, expected, () => getProject(tx, id));
    const planned = planMove({ stage: row.stage as Stage, lastDate: lastStageDate(stageDatesOf(row)) }, move, todayInChina());
    await applyEvents(tx, id, row.org_id, planned, move.remark);
    const after = await getProject(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'project',
      entityId: id,
      orgId: row.org_id,
      before: { stage: row.stage, stageDates: stageDatesOf(row) },
      after: { stage: after.stage, stageDates: after.stageDates, remark: move.remark },
    });
    return after;
  });
}

/** Takes back the last stage move (a mistaken click), restoring the stage before it. */
export async function undoLastMove(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<ProjectDetail> {
  return inTransaction(ctx, async (tx) => {
    const row = await getEditableProjectRow(tx, id);
    await claimVersion(tx, 'projects', row, expected, () => getProject(tx, id));
    const events = await repo.stageEvents(tx.db, id);
    if (events.length <= 1) throw new AppError('CONFLICT', '项目只剩初始阶段,没有可撤销的阶段变更');
    const last = events.at(-1)!;
    await repo.deleteStageEvent(tx.db, last.id);
    await syncStageColumns(tx, id);
    const after = await getProject(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'project',
      entityId: id,
      orgId: row.org_id,
      before: { stage: row.stage, stageDates: stageDatesOf(row) },
      after: { stage: after.stage, stageDates: after.stageDates, undone: `${last.from_stage}→${last.to_stage}` },
    });
    return after;
  });
}

export async function deleteProject(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await getEditableProjectRow(tx, id, 'delete');
    await claimVersion(tx, 'projects', row, expected, () => getProject(tx, id));
    await repo.deleteProject(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'project', entityId: id, orgId: row.org_id, before: presentProject(row, ctx.actor) });
  });
}
