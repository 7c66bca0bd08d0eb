import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import type { Stage, Visit, listVisitsQuerySchema, visitBodySchema } from '../../shared/projects.js';
import { assertLedgerReader, assertLedgerWriter, sectionForNewRecord } from '../auth/actor.js';
import { assertAllowed, editRefusal, ledgerListPolicies, visitPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import type { VisitRow } from '../db/types.js';
import { notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import * as repo from './repo.js';

type VisitInput = z.infer<typeof visitBodySchema>;

async function present(ctx: Ctx, rows: VisitRow[]): Promise<Visit[]> {
  const links = await repo.visitLinks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    visitDate: r.visit_date,
    purpose: r.purpose,
    findings: r.findings,
    staff: links.staff.filter((s) => s.visit_id === r.id).map((s) => ({ id: s.id, displayName: s.display_name })),
    enterprises: links.enterprises.filter((e) => e.visit_id === r.id).map((e) => ({ id: e.id, name: e.name })),
    leads: links.leads.filter((l) => l.visit_id === r.id).map((l) => ({ id: l.id, title: l.title, stage: l.stage as Stage })),
    sectionId: r.section_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    policies: visitPolicies(ctx.actor, { orgId: r.org_id, sectionId: r.section_id }),
  }));
}

async function getVisitRow(ctx: Ctx, id: number): Promise<VisitRow> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findVisit(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('调研记录不存在');
  return row;
}

export async function getVisit(ctx: Ctx, id: number): Promise<Visit> {
  return (await present(ctx, [await getVisitRow(ctx, id)]))[0];
}

export async function listVisits(ctx: Ctx, query: z.infer<typeof listVisitsQuerySchema>): Promise<Page<Visit>> {
  assertLedgerReader(ctx.actor);
  const { rows, total } = await repo.listVisits(
    ctx.db,
    ctx.dialect,
    { orgIds: await readableOrgIds(ctx), q: query.q, enterpriseId: query.enterpriseId, staffId: query.staffId, from: query.from, to: query.to },
    query.order,
    query.page,
    query.pageSize,
  );
  return { items: await present(ctx, rows), total, page: query.page, pageSize: query.pageSize, policies: ledgerListPolicies(ctx.actor) };
}

async function checkLinks(ctx: Ctx, input: VisitInput): Promise<{ staffIds: number[]; enterpriseIds: number[] }> {
  const staffIds = [...new Set(input.staffIds)];
  const enterpriseIds = [...new Set(input.enterpriseIds)];
  if ((await idsInOrg(ctx.db, 'users', ctx.actor.orgId, staffIds)).size !== staffIds.length) {
    throw validation('所选人员不属于本单位', [{ path: 'staffIds', message: '人员不存在' }]);
  }
  if ((await idsInOrg(ctx.db, 'enterprises', ctx.actor.orgId, enterpriseIds)).size !== enterpriseIds.length) {
    throw validation('所选企业或基地不存在', [{ path: 'enterpriseIds', message: '企业不存在' }]);
  }
  return { staffIds, enterpriseIds };
}

export async function createVisit(ctx: Ctx, input: VisitInput): Promise<Visit> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const links = await checkLinks(tx, input);
    const now = new Date().toISOString();
    const id = await repo.insertVisit(tx.db, {
      org_id: ctx.actor.orgId,
      section_id: sectionForNewRecord(ctx.actor, null),
      visit_date: input.visitDate,
      purpose: input.purpose,
      findings: input.findings,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceVisitLinks(tx.db, id, links.staffIds, links.enterpriseIds);
    const after = await getVisit(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'visit', entityId: id, orgId: ctx.actor.orgId, after });
    return after;
  });
}

export async function updateVisit(ctx: Ctx, id: number, input: VisitInput, expected?: ExpectedVersion): Promise<Visit> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await getVisitRow(tx, id);
    assertAllowed(visitPolicies(ctx.actor, { orgId: row.org_id, sectionId: row.section_id }).update, editRefusal(ctx.actor));
    await claimVersion(tx, 'visits', row, expected, () => getVisit(tx, id));
    const before = await getVisit(tx, id);
    const links = await checkLinks(tx, input);
    await repo.updateVisit(tx.db, id, {
      visit_date: input.visitDate,
      purpose: input.purpose,
      findings: input.findings,
      updated_at: new Date().toISOString(),
    });
    await repo.replaceVisitLinks(tx.db, id, links.staffIds, links.enterpriseIds);
    const after = await getVisit(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'visit', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/** Deletes a visit; projects it produced stay, no longer linked to it. */
export async function deleteVisit(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertLedgerWriter(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const row = await getVisitRow(tx, id);
    assertAllowed(visitPolicies(ctx.actor, { orgId: row.org_id, sectionId: row.section_id }).delete, editRefusal(ctx.actor));
    await claimVersion(tx, 'visits', row, expected, () => getVisit(tx, id));
    const before = await getVisit(tx, id);
    await repo.deleteVisit(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'visit', entityId: id, orgId: row.org_id, before });
  });
}
