import { type Milestone, type MilestoneList, STAGES, type milestoneBodySchema } from '../../shared/projects.js';
import type { z } from 'zod';
import { assertLedgerReader, assertLedgerWriter } from '../auth/actor.js';
import { assertAllowed, editRefusal, milestonePolicies, projectPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { notFound, validation } from '../http/errors.js';
import { readableOrgIds } from '../orgs/service.js';
import type { ProjectView } from '../projects/repo.js';
import { getEditableProjectRow, getProjectRow } from '../projects/service.js';
import { assertDictionaryValue } from '../reference/service.js';
import * as repo from './repo.js';

// Project milestones (中期检查, 验收检查, 绩效评价 …): dated events in a project's life that the
// summary counts. The same access as follow-ups: whoever reads the project reads them, whoever may
// change the project records and deletes them. Kinds come from the bureau's milestone_kind dictionary.

type MilestoneInput = z.infer<typeof milestoneBodySchema>;

function present(ctx: Ctx, row: repo.MilestoneView): Milestone {
  return {
    id: row.id,
    version: row.version,
    projectId: row.project_id,
    kind: row.kind,
    kindLabel: row.kind_label ?? row.kind,
    milestoneDate: row.milestone_date,
    remark: row.remark,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    policies: milestonePolicies(ctx.actor, { orgId: row.org_id, sectionId: row.project_section_id }),
  };
}

async function getRow(ctx: Ctx, id: number): Promise<repo.MilestoneView> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findMilestone(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('项目节点不存在');
  return row;
}

async function checkInput(ctx: Ctx, input: MilestoneInput, project: ProjectView): Promise<void> {
  await assertDictionaryValue(ctx, 'milestone_kind', input.kind, 'kind');
  // A project exists from its first stage date: no milestone is dated before it.
  const since = STAGES.map((s) => project[`${s}_date`])
    .filter((d): d is string => !!d)
    .sort()[0];
  if (since && input.milestoneDate < since) {
    throw validation(`日期不能早于项目开始登记的日期 ${since}`, [{ path: 'milestoneDate', message: `不能早于 ${since}(项目开始登记的日期)` }]);
  }
}

/** A project's milestones, latest first, and whether the user may add one. */
export async function listMilestones(ctx: Ctx, projectId: number): Promise<MilestoneList> {
  const project = await getProjectRow(ctx, projectId);
  const rows = await repo.listMilestones(ctx.db, projectId);
  return {
    items: rows.map((r) => present(ctx, r)),
    policies: { create: projectPolicies(ctx.actor, { orgId: project.org_id, sectionId: project.section_id }).update },
  };
}

export async function getMilestone(ctx: Ctx, id: number): Promise<Milestone> {
  return present(ctx, await getRow(ctx, id));
}

/** Records a milestone on a project; who may change the project may record one. */
export async function createMilestone(ctx: Ctx, projectId: number, input: MilestoneInput): Promise<Milestone> {
  return inTransaction(ctx, async (tx) => {
    const project = await getEditableProjectRow(tx, projectId);
    await checkInput(tx, input, project);
    const id = await repo.insertMilestone(tx.db, {
      org_id: project.org_id,
      project_id: projectId,
      kind: input.kind,
      milestone_date: input.milestoneDate,
      remark: input.remark,
      created_by: ctx.actor.userId,
      created_at: new Date().toISOString(),
    });
    const after = await getMilestone(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'milestone', entityId: id, orgId: project.org_id, after });
    return after;
  });
}

export async function deleteMilestone(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertLedgerWriter(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const before = await getRow(tx, id);
    assertAllowed(milestonePolicies(ctx.actor, { orgId: before.org_id, sectionId: before.project_section_id }).delete, editRefusal(ctx.actor));
    await claimVersion(tx, 'project_milestones', before, expected, () => getMilestone(tx, id));
    await repo.deleteMilestone(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'milestone', entityId: id, orgId: before.org_id, before: present(ctx, before) });
  });
}
