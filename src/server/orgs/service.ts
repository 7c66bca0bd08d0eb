import type { z } from 'zod';
import type { Org, Section, createOrgBodySchema, sectionBodySchema, updateOrgBodySchema } from '../../shared/orgs.js';
import type { OrgLevel } from '../../shared/roles.js';
import { readsSubtree, requireRole } from '../auth/actor.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion, isUnchangedSave } from '../db/versioned.js';
import type { OrgRow, SectionRow } from '../db/types.js';
import { conflict, notFound, validation } from '../http/errors.js';
import { seedReferenceDefaults } from '../reference/service.js';
import * as repo from './repo.js';

export function presentOrg(row: OrgRow): Org {
  return {
    id: row.id,
    version: row.version,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    level: row.level as OrgLevel,
    regionCode: row.region_code,
  };
}

export function presentSection(row: SectionRow): Section {
  return { id: row.id, version: row.version, orgId: row.org_id, name: row.name, sortOrder: row.sort_order };
}

/** Ids of the organisations whose records this actor may read: their own, and for leaders those below it. */
export async function readableOrgIds(ctx: Ctx): Promise<number[]> {
  if (!readsSubtree(ctx.actor)) return [ctx.actor.orgId];
  const rows = await repo.listSubtree(ctx.db, ctx.actor.orgPath);
  return rows.map((r) => r.id);
}

export async function listOrgs(ctx: Ctx): Promise<Org[]> {
  if (!readsSubtree(ctx.actor)) {
    const own = await repo.findOrg(ctx.db, ctx.actor.orgId);
    return own ? [presentOrg(own)] : [];
  }
  return (await repo.listSubtree(ctx.db, ctx.actor.orgPath)).map(presentOrg);
}

const LEVEL_ORDER: OrgLevel[] = ['province', 'city', 'county'];

/** An admin creates an organisation below their own (or below one under it). */
export async function createOrg(ctx: Ctx, input: z.infer<typeof createOrgBodySchema>): Promise<Org> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const parent = await repo.findOrg(tx.db, input.parentId);
    if (!parent || !parent.path.startsWith(ctx.actor.orgPath)) throw notFound('上级单位不存在');
    if (LEVEL_ORDER.indexOf(input.level) <= LEVEL_ORDER.indexOf(parent.level as OrgLevel)) {
      throw validation('下级单位的级别必须低于上级单位', [{ path: 'level', message: '级别须低于上级单位' }]);
    }
    const org = await repo.insertOrg(tx.db, {
      parentId: parent.id,
      parentPath: parent.path,
      name: input.name,
      shortName: input.shortName,
      level: input.level,
      regionCode: input.regionCode,
    });
    await seedReferenceDefaults(tx.db, org.id);
    const presented = presentOrg(org);
    await recordChange(tx, { action: 'create', entityType: 'org', entityId: org.id, orgId: org.id, after: presented });
    return presented;
  });
}

export async function updateOrg(ctx: Ctx, id: number, input: z.infer<typeof updateOrgBodySchema>, expected?: ExpectedVersion): Promise<Org> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findOrg(tx.db, id);
    if (!before || !before.path.startsWith(ctx.actor.orgPath)) throw notFound('单位不存在');
    const patch = { name: input.name, short_name: input.shortName, region_code: input.regionCode };
    const current = async () => { const now = await repo.findOrg(tx.db, id); return now ? presentOrg(now) : null; };
    if (await isUnchangedSave(before, patch, expected, current)) return presentOrg(before);
    await claimVersion(tx, 'orgs', before, expected, current);
    const after = await repo.updateOrg(tx.db, id, patch);
    const presented = presentOrg(after!);
    await recordChange(tx, { action: 'update', entityType: 'org', entityId: id, orgId: id, before: presentOrg(before), after: presented });
    return presented;
  });
}

export async function listSections(ctx: Ctx): Promise<Section[]> {
  return (await repo.listSections(ctx.db, ctx.actor.orgId)).map(presentSection);
}

export async function createSection(ctx: Ctx, input: z.infer<typeof sectionBodySchema>): Promise<Section> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    if (await repo.findSectionByName(tx.db, ctx.actor.orgId, input.name)) throw conflict(`股室"${input.name}"已存在`);
    const row = await repo.insertSection(tx.db, ctx.actor.orgId, input.name, input.sortOrder);
    await recordChange(tx, { action: 'create', entityType: 'section', entityId: row.id, orgId: row.org_id, after: presentSection(row) });
    return presentSection(row);
  });
}

export async function updateSection(ctx: Ctx, id: number, input: z.infer<typeof sectionBodySchema>, expected?: ExpectedVersion): Promise<Section> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findSection(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('股室不存在');
    await claimVersion(tx, 'sections', before, expected, async () => { const now = await repo.findSection(tx.db, ctx.actor.orgId, id); return now ? presentSection(now) : null; });
    const clash = await repo.findSectionByName(tx.db, ctx.actor.orgId, input.name);
    if (clash && clash.id !== id) throw conflict(`股室"${input.name}"已存在`);
    const row = await repo.updateSection(tx.db, id, { name: input.name, sort_order: input.sortOrder });
    await recordChange(tx, {
      action: 'update', entityType: 'section', entityId: id, orgId: row.org_id, before: presentSection(before), after: presentSection(row),
    });
    return presentSection(row);
  });
}

export async function deleteSection(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findSection(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('股室不存在');
    await claimVersion(tx, 'sections', before, expected, async () => { const now = await repo.findSection(tx.db, ctx.actor.orgId, id); return now ? presentSection(now) : null; });
    const users = await repo.countUsersInSection(tx.db, id);
    if (users > 0) throw conflict(`股室"${before.name}"下还有${users}名用户,请先调整他们的股室`);
    await repo.deleteSection(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'section', entityId: id, orgId: before.org_id, before: presentSection(before) });
  });
}
