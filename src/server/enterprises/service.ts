import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import { type Enterprise, type Sector, type Stage, type enterpriseBodySchema, type listEnterprisesQuerySchema } from '../../shared/projects.js';
import { type Actor, assertLedgerReader, assertLedgerWriter, sectionForNewRecord } from '../auth/actor.js';
import { assertAllowed, editRefusal, enterprisePolicies, ledgerListPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { AppError, conflict, notFound, validation } from '../http/errors.js';
import { readableOrgIds } from '../orgs/service.js';
import { findSection } from '../orgs/repo.js';
import { assertDictionaryValue, findPlace } from '../reference/service.js';
import * as repo from './repo.js';

export function presentEnterprise(row: repo.EnterpriseView, actor: Actor): Enterprise {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    creditCode: row.credit_code,
    kind: row.kind,
    industry: row.industry as Sector,
    townId: row.town_id,
    townName: row.town_name ?? null,
    address: row.address,
    contactPerson: row.contact_person,
    contactPhone: row.contact_phone,
    notes: row.notes,
    sectionId: row.section_id,
    projectCount: Number(row.project_count ?? 0),
    visitCount: Number(row.visit_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: enterprisePolicies(actor, { orgId: row.org_id, sectionId: row.section_id }),
  };
}

/** A record of this organisation the actor may read; 404 for anything else. */
export async function getEnterpriseRow(ctx: Ctx, id: number): Promise<repo.EnterpriseView> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findEnterprise(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('企业不存在');
  return row;
}

export async function getEnterprise(ctx: Ctx, id: number) {
  const row = await getEnterpriseRow(ctx, id);
  const [projects, visits] = await Promise.all([repo.projectsOfEnterprise(ctx.db, id), repo.visitsOfEnterprise(ctx.db, id)]);
  return {
    ...presentEnterprise(row, ctx.actor),
    projects: projects.map((p) => ({ id: p.id, title: p.title, stage: p.stage as Stage })),
    visits: visits.map((v) => ({ id: v.id, visitDate: v.visit_date, purpose: v.purpose })),
  };
}

export async function listEnterprises(ctx: Ctx, query: z.infer<typeof listEnterprisesQuerySchema>): Promise<Page<Enterprise>> {
  assertLedgerReader(ctx.actor);
  const { rows, total } = await repo.listEnterprises(
    ctx.db,
    ctx.dialect,
    { orgIds: await readableOrgIds(ctx), q: query.q, kind: query.kind, industry: query.industry, townId: query.townId },
    query.sort,
    query.order,
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map((r) => presentEnterprise(r, ctx.actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    policies: ledgerListPolicies(ctx.actor),
  };
}

type EnterpriseInput = z.infer<typeof enterpriseBodySchema>;

async function checkReferences(ctx: Ctx, input: EnterpriseInput, existingId: number | null): Promise<void> {
  await assertDictionaryValue(ctx, 'enterprise_kind', input.kind, 'kind');
  if (input.townId !== null) {
    const town = await findPlace(ctx, input.townId);
    if (!town || town.level !== 'town') throw validation('所选乡镇不存在', [{ path: 'townId', message: '乡镇不存在' }]);
  }
  if (input.creditCode) {
    const clash = await repo.findByCreditCode(ctx.db, ctx.actor.orgId, input.creditCode);
    if (clash && clash.id !== existingId) {
      throw conflict(`统一社会信用代码 ${input.creditCode} 已登记为"${clash.name}"`, { existingId: clash.id, existingName: clash.name });
    }
  }
}

export async function createEnterprise(ctx: Ctx, input: EnterpriseInput, requestedSectionId?: number | null): Promise<Enterprise> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, input, null);
    const sectionId = sectionForNewRecord(ctx.actor, requestedSectionId);
    if (sectionId !== null && !(await findSection(tx.db, ctx.actor.orgId, sectionId))) {
      throw validation('股室不存在', [{ path: 'sectionId', message: '股室不存在' }]);
    }
    const now = new Date().toISOString();
    const id = await repo.insertEnterprise(tx.db, {
      org_id: ctx.actor.orgId,
      section_id: sectionId,
      name: input.name,
      credit_code: input.creditCode,
      kind: input.kind,
      industry: input.industry,
      town_id: input.townId,
      address: input.address,
      contact_person: input.contactPerson,
      contact_phone: input.contactPhone,
      notes: input.notes,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    const after = presentEnterprise((await repo.findEnterprise(tx.db, [ctx.actor.orgId], id))!, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'enterprise', entityId: id, orgId: ctx.actor.orgId, after });
    return after;
  });
}

/** Full replacement of the editable fields (the form always sends them all). */
export async function updateEnterprise(ctx: Ctx, id: number, input: EnterpriseInput, expected?: ExpectedVersion): Promise<Enterprise> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const before = await getEnterpriseRow(tx, id);
    assertAllowed(enterprisePolicies(ctx.actor, { orgId: before.org_id, sectionId: before.section_id }).update, editRefusal(ctx.actor));
    await claimVersion(tx, 'enterprises', before, expected, () => getEnterprise(tx, id));
    await checkReferences(tx, input, id);
    await repo.updateEnterprise(tx.db, id, {
      name: input.name,
      credit_code: input.creditCode,
      kind: input.kind,
      industry: input.industry,
      town_id: input.townId,
      address: input.address,
      contact_person: input.contactPerson,
      contact_phone: input.contactPhone,
      notes: input.notes,
      updated_at: new Date().toISOString(),
    });
    const after = presentEnterprise((await repo.findEnterprise(tx.db, [ctx.actor.orgId], id))!, ctx.actor);
    await recordChange(tx, {
      action: 'update',
      entityType: 'enterprise',
      entityId: id,
      orgId: before.org_id,
      before: presentEnterprise(before, ctx.actor),
      after,
    });
    return after;
  });
}

/** Deletes an enterprise that no project or visit refers to; otherwise says what still refers to it. */
export async function deleteEnterprise(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertLedgerWriter(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const before = await getEnterpriseRow(tx, id);
    assertAllowed(enterprisePolicies(ctx.actor, { orgId: before.org_id, sectionId: before.section_id }).delete, editRefusal(ctx.actor));
    await claimVersion(tx, 'enterprises', before, expected, () => getEnterprise(tx, id));
    const projects = Number(before.project_count ?? 0);
    const visits = Number(before.visit_count ?? 0);
    if (projects > 0 || visits > 0) {
      const parts = [projects ? `${projects}个项目` : '', visits ? `${visits}次调研` : ''].filter(Boolean).join('和');
      throw new AppError('CONFLICT', `"${before.name}"还关联着${parts},不能删除;请先处理这些记录`, { projects, visits });
    }
    await repo.deleteEnterprise(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'enterprise', entityId: id, orgId: before.org_id, before: presentEnterprise(before, ctx.actor) });
  });
}
