import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import { type Followup, type FollowupKind, STAGES, type followupBodySchema, type listFollowupsQuerySchema } from '../../shared/projects.js';
import { type Actor, assertLedgerReader, assertLedgerWriter } from '../auth/actor.js';
import { assertAllowed, editRefusal, followupPolicies, ledgerListPolicies, projectPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import { getEditableProjectRow, getProjectRow } from '../projects/service.js';
import type { ProjectView } from '../projects/repo.js';
import * as repo from './repo.js';

type FollowupInput = z.infer<typeof followupBodySchema>;

function present(row: repo.FollowupView, actor: Actor): Followup {
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    projectTitle: row.project_title,
    followupDate: row.followup_date,
    staffId: row.staff_id,
    staffName: row.staff_name,
    kind: row.kind as FollowupKind,
    found: row.found,
    solved: row.solved,
    openProblems: row.open_problems,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: followupPolicies(actor, { orgId: row.org_id, sectionId: row.project_section_id }),
  };
}

async function getRow(ctx: Ctx, id: number): Promise<repo.FollowupView> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findFollowup(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('跟踪服务记录不存在');
  return row;
}

async function checkInput(ctx: Ctx, input: FollowupInput, project: ProjectView): Promise<void> {
  if (!(await idsInOrg(ctx.db, 'users', ctx.actor.orgId, [input.staffId])).has(input.staffId)) {
    throw validation('服务人员不属于本单位', [{ path: 'staffId', message: '人员不存在' }]);
  }
  // A project exists from its first stage date (线索 or whatever it was registered at): none is followed up before.
  const since = STAGES.map((s) => project[`${s}_date`])
    .filter((d): d is string => !!d)
    .sort()[0];
  if (since && input.followupDate < since) {
    throw validation(`日期不能早于项目开始登记的日期 ${since}`, [{ path: 'followupDate', message: `不能早于 ${since}(项目开始登记的日期)` }]);
  }
}

export async function listFollowups(ctx: Ctx, query: z.infer<typeof listFollowupsQuerySchema>): Promise<Page<Followup>> {
  assertLedgerReader(ctx.actor);
  const project = query.projectId ? await getProjectRow(ctx, query.projectId) : null;
  const { rows, total } = await repo.listFollowups(
    ctx.db,
    { orgIds: await readableOrgIds(ctx), projectId: query.projectId, staffId: query.staffId, from: query.from, to: query.to },
    query.page,
    query.pageSize,
  );
  // On a project's page: may the user log a follow-up on it (who may change the project).
  const policies = project
    ? { create: projectPolicies(ctx.actor, { orgId: project.org_id, sectionId: project.section_id }).update }
    : ledgerListPolicies(ctx.actor);
  return { items: rows.map((r) => present(r, ctx.actor)), total, page: query.page, pageSize: query.pageSize, policies };
}

export async function getFollowup(ctx: Ctx, id: number): Promise<Followup> {
  return present(await getRow(ctx, id), ctx.actor);
}

/** Logs a follow-up on a project; who may change the project may log on it. */
export async function createFollowup(ctx: Ctx, projectId: number, input: FollowupInput): Promise<Followup> {
  return inTransaction(ctx, async (tx) => {
    const project = await getEditableProjectRow(tx, projectId);
    await checkInput(tx, input, project);
    const now = new Date().toISOString();
    const id = await repo.insertFollowup(tx.db, {
      org_id: project.org_id,
      project_id: projectId,
      followup_date: input.followupDate,
      staff_id: input.staffId,
      kind: input.kind,
      found: input.found,
      solved: input.solved,
      open_problems: input.openProblems,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    const after = await getFollowup(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'followup', entityId: id, orgId: project.org_id, after });
    return after;
  });
}

export async function updateFollowup(ctx: Ctx, id: number, input: FollowupInput, expected?: ExpectedVersion): Promise<Followup> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    assertAllowed(followupPolicies(ctx.actor, { orgId: before.org_id, sectionId: before.project_section_id }).update, editRefusal(ctx.actor));
    await claimVersion(tx, 'project_followups', before, expected, () => getFollowup(tx, id));
    await checkInput(tx, input, await getProjectRow(tx, before.project_id));
    await repo.updateFollowup(tx.db, id, {
      followup_date: input.followupDate,
      staff_id: input.staffId,
      kind: input.kind,
      found: input.found,
      solved: input.solved,
      open_problems: input.openProblems,
      updated_at: new Date().toISOString(),
    });
    const after = await getFollowup(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'followup', entityId: id, orgId: before.org_id, before: present(before, ctx.actor), after });
    return after;
  });
}

export async function deleteFollowup(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertLedgerWriter(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    assertAllowed(followupPolicies(ctx.actor, { orgId: before.org_id, sectionId: before.project_section_id }).delete, editRefusal(ctx.actor));
    await claimVersion(tx, 'project_followups', before, expected, () => getFollowup(tx, id));
    await repo.deleteFollowup(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'followup', entityId: id, orgId: before.org_id, before: present(before, ctx.actor) });
  });
}
