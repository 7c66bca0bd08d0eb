import type { z } from 'zod';
import {
  type Org,
  type OrgListItem,
  type Section,
  type createOrgBodySchema,
  type sectionBodySchema,
  type updateOrgBodySchema,
  suggestOrgName,
} from '../../shared/orgs.js';
import type { OrgLevel } from '../../shared/roles.js';
import { type Actor, readsSubtree } from '../auth/actor.js';
import { assertAllowed, inSubtree as actorInSubtree, managesOrgs, managesReference, orgPolicies, referencePolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion, isUnchangedSave } from '../db/versioned.js';
import type { OrgRow, SectionRow } from '../db/types.js';
import { findDivision } from '../divisions/catalogue.js';
import { AppError, conflict, notFound, validation } from '../http/errors.js';
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
    divisionCode: row.region_code ? row.region_code.slice(0, 6) : null,
    active: Number(row.active) === 1,
  };
}

export function presentSection(row: SectionRow, actor: Actor): Section {
  return {
    id: row.id,
    version: row.version,
    orgId: row.org_id,
    name: row.name,
    sortOrder: row.sort_order,
    policies: referencePolicies(actor, { orgId: row.org_id }),
  };
}

// The ledgers import readableOrgIds from here; it lives in scope.ts, which the audit trail imports.
export { readableOrgIds } from './scope.js';

/** Whether `row` lies in the actor's subtree (their own organisation included). */
const inSubtree = (ctx: Ctx, row: OrgRow) => actorInSubtree(ctx.actor, row);

/**
 * The organisations the actor may see, in tree order: their own, and for admins and leaders every
 * one below it (an admin manages that subtree), each with its accounts and what the actor may do.
 */
export async function listOrgs(ctx: Ctx): Promise<OrgListItem[]> {
  let rows: OrgRow[];
  if (readsSubtree(ctx.actor)) rows = await repo.listSubtree(ctx.db, ctx.actor.orgPath);
  else rows = await repo.findOrg(ctx.db, ctx.actor.orgId).then((own) => (own ? [own] : []));
  const counts = await repo.countUsersByOrg(
    ctx.db,
    rows.map((r) => r.id),
  );
  // Organisations above the actor's are active (else the actor could not be signed in); inside the
  // list, one is blocked when it or one above it is inactive.
  const inactivePaths = rows.filter((r) => Number(r.active) !== 1).map((r) => r.path);
  return rows.map((row) => {
    const blocked = inactivePaths.some((p) => row.path.startsWith(p));
    return {
      ...presentOrg(row),
      userCount: counts.get(row.id) ?? 0,
      blocked,
      policies: orgPolicies(ctx.actor, { id: row.id, path: row.path, level: row.level, active: Number(row.active) === 1, blocked }),
    };
  });
}

const LEVEL_ORDER: OrgLevel[] = ['province', 'city', 'county'];
const LEVEL_NAMES: Record<OrgLevel, string> = { province: '省级', city: '市级', county: '县级' };
/** How many leading digits of a division code the divisions inside it share: 36 (江西省), 3607 (赣州市). */
const INSIDE_PREFIX: Record<OrgLevel, number> = { province: 2, city: 4, county: 6 };

/** A new organisation as the caller asked for it, before its name and level are settled. */
export interface NewOrgRequest {
  divisionCode: string | null;
  regionCode?: string | null;
  name?: string | null;
  level?: OrgLevel | null;
}

/**
 * Settles a new organisation's name, level and codes: from its division in the national list when
 * one is given (the level is the division's; the name, unless typed, 某某县科学技术局), else as typed.
 */
export async function resolveNewOrg(input: NewOrgRequest): Promise<{ name: string; level: OrgLevel; divisionCode: string | null; regionCode: string | null }> {
  const divisionCode = input.divisionCode ?? input.regionCode?.slice(0, 6) ?? null;
  if (input.divisionCode) {
    const division = await findDivision(input.divisionCode);
    if (!division) {
      const message = `区划代码${input.divisionCode}不在全国行政区划中`;
      throw validation(message, [{ path: 'divisionCode', message }]);
    }
    if (input.level && input.level !== division.level) {
      const message = `${division.name}是${LEVEL_NAMES[division.level]}区划，与所填级别（${LEVEL_NAMES[input.level]}）不符`;
      throw validation(message, [{ path: 'level', message }]);
    }
    if (input.regionCode && !input.regionCode.startsWith(input.divisionCode)) {
      const message = '12位区划代码应以所选区划的6位代码开头';
      throw validation(message, [{ path: 'regionCode', message }]);
    }
    return {
      name: input.name ?? suggestOrgName(division),
      level: division.level,
      divisionCode,
      regionCode: input.regionCode ?? `${input.divisionCode}000000`,
    };
  }
  if (!input.name || !input.level) {
    const message = '请选择区划，或填写单位名称和级别';
    throw validation(message, [{ path: input.name ? 'level' : 'name', message }]);
  }
  return { name: input.name, level: input.level, divisionCode, regionCode: input.regionCode ?? null };
}

/**
 * Where a division may go: inside the parent's division when the parent has one, and not served by
 * another active organisation already (`exceptId`: the organisation being changed).
 */
async function checkDivisionPlacement(ctx: Ctx, parent: OrgRow | null, divisionCode: string | null, exceptId?: number): Promise<void> {
  if (!divisionCode) return;
  const parentDivision = parent?.region_code?.slice(0, 6);
  if (parent && parentDivision) {
    const prefix = parentDivision.slice(0, INSIDE_PREFIX[parent.level as OrgLevel]);
    if (!divisionCode.startsWith(prefix) || divisionCode === parentDivision) {
      const message = `区划${divisionCode}不在上级单位“${parent.name}”的区划（${parentDivision}）之内`;
      throw validation(message, [{ path: 'divisionCode', message }]);
    }
  }
  const taken = (await repo.findActiveOrgsOfDivision(ctx.db, divisionCode)).find((o) => o.id !== exceptId);
  if (taken) {
    throw conflict(`区划${divisionCode}已有启用中的单位“${taken.name}”，同一区划不能有两个启用的单位`, {
      existing: { id: taken.id, name: taken.name },
    });
  }
}

/**
 * Creates an organisation row with its default dictionaries, inside the caller's transaction;
 * audited as 系统 when ctx has no user. Checks the rules every way of creating one shares (the
 * parent exists and is active, the level is below the parent's, the division lies inside the
 * parent's and is not served twice); who may create where is the caller's check.
 */
export async function insertOrganisation(
  tx: Ctx,
  input: { parentId: number | null; name: string; shortName?: string | null; level: OrgLevel; divisionCode: string | null; regionCode?: string | null },
): Promise<Org> {
  return inTransaction(tx, async (tx) => {
    let parent: OrgRow | null = null;
    if (input.parentId !== null) {
      parent = (await repo.findOrg(tx.db, input.parentId)) ?? null;
      if (!parent) throw notFound('上级单位不存在');
      // Creations below one parent take turns, so the division check sees the other's row.
      await repo.lockOrg(tx.db, parent.id);
      if (await repo.isPathBlocked(tx.db, parent.path)) throw conflict(`上级单位“${parent.name}”已停用，不能在其下新建单位`);
      if (LEVEL_ORDER.indexOf(input.level) <= LEVEL_ORDER.indexOf(parent.level as OrgLevel)) {
        const message = `下级单位的级别须低于上级单位（${LEVEL_NAMES[parent.level as OrgLevel]}）`;
        throw validation(message, [{ path: input.divisionCode ? 'divisionCode' : 'level', message }]);
      }
    }
    const regionCode = input.regionCode ?? (input.divisionCode ? `${input.divisionCode}000000` : null);
    await checkDivisionPlacement(tx, parent, regionCode?.slice(0, 6) ?? null);
    const org = await repo.insertOrg(tx.db, {
      parentId: parent?.id ?? null,
      parentPath: parent?.path ?? '/',
      name: input.name,
      shortName: input.shortName ?? null,
      level: input.level,
      regionCode,
    });
    await seedReferenceDefaults(tx.db, org.id);
    const presented = presentOrg(org);
    await recordChange(tx, { action: 'create', entityType: 'org', entityId: org.id, orgId: org.id, after: presented });
    return presented;
  });
}

/** An admin creates an organisation below their own (or below one under it). */
export async function createOrg(ctx: Ctx, input: z.infer<typeof createOrgBodySchema>): Promise<Org> {
  assertAllowed(managesOrgs(ctx.actor));
  const parent = await repo.findOrg(ctx.db, input.parentId);
  if (!parent || !inSubtree(ctx, parent)) throw notFound('上级单位不存在');
  const resolved = await resolveNewOrg(input);
  return inTransaction(ctx, (tx) => insertOrganisation(tx, { parentId: parent.id, shortName: input.shortName, ...resolved }));
}

/** An admin renames their own organisation or one below it. */
export async function updateOrg(ctx: Ctx, id: number, input: z.infer<typeof updateOrgBodySchema>, expected?: ExpectedVersion): Promise<Org> {
  assertAllowed(managesOrgs(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findOrg(tx.db, id);
    if (!before || !inSubtree(ctx, before)) throw notFound('单位不存在');
    const patch = { name: input.name, short_name: input.shortName, region_code: input.regionCode };
    const current = async () => {
      const now = await repo.findOrg(tx.db, id);
      return now ? presentOrg(now) : null;
    };
    if (await isUnchangedSave(before, patch, expected, current)) return presentOrg(before);
    await claimVersion(tx, 'orgs', before, expected, current);
    const newDivision = input.regionCode?.slice(0, 6) ?? null;
    if (input.regionCode !== undefined && newDivision !== before.region_code?.slice(0, 6) && Number(before.active) === 1) {
      const parent = before.parent_id === null ? null : ((await repo.findOrg(tx.db, before.parent_id)) ?? null);
      await checkDivisionPlacement(tx, parent, newDivision, id);
    }
    const after = await repo.updateOrg(tx.db, id, patch);
    const presented = presentOrg(after!);
    await recordChange(tx, { action: 'update', entityType: 'org', entityId: id, orgId: id, before: presentOrg(before), after: presented });
    return presented;
  });
}

/**
 * Deactivates or reactivates an organisation below the admin's own (never their own). Nothing is
 * deleted: while it, or one above it, is inactive its users cannot sign in and their sessions and
 * API tokens are refused; reactivating ends the sessions left from before, so nobody comes back
 * without signing in again.
 */
export async function setOrgActive(ctx: Ctx, id: number, active: boolean, expected?: ExpectedVersion): Promise<Org> {
  assertAllowed(managesOrgs(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findOrg(tx.db, id);
    if (!before || !inSubtree(ctx, before)) throw notFound('单位不存在');
    if (before.id === ctx.actor.orgId) throw new AppError('FORBIDDEN', active ? '不能启用自己所在的单位' : '不能停用自己所在的单位');
    const patch = { active: active ? 1 : 0 };
    const current = async () => {
      const now = await repo.findOrg(tx.db, id);
      return now ? presentOrg(now) : null;
    };
    if (await isUnchangedSave(before, patch, expected, current)) return presentOrg(before);
    await claimVersion(tx, 'orgs', before, expected, current);
    if (active) {
      const division = before.region_code?.slice(0, 6) ?? null;
      const taken = division ? (await repo.findActiveOrgsOfDivision(tx.db, division)).find((o) => o.id !== id) : undefined;
      if (taken) throw conflict(`区划${division}已有启用中的单位“${taken.name}”，请先停用它再启用本单位`, { existing: { id: taken.id, name: taken.name } });
      await repo.deleteSessionsBelow(tx.db, before.path);
    }
    const after = await repo.updateOrg(tx.db, id, patch);
    const presented = presentOrg(after!);
    await recordChange(tx, { action: 'update', entityType: 'org', entityId: id, orgId: id, before: presentOrg(before), after: presented });
    return presented;
  });
}

/** The sections of the actor's organisation, or for an admin of one below it (to place its users). */
export async function listSections(ctx: Ctx, orgId?: number): Promise<Section[]> {
  if (orgId !== undefined && orgId !== ctx.actor.orgId) {
    assertAllowed(managesOrgs(ctx.actor));
    const org = await repo.findOrg(ctx.db, orgId);
    if (!org || !inSubtree(ctx, org)) throw notFound('单位不存在');
  }
  return (await repo.listSections(ctx.db, orgId ?? ctx.actor.orgId)).map((r) => presentSection(r, ctx.actor));
}

export async function createSection(ctx: Ctx, input: z.infer<typeof sectionBodySchema>): Promise<Section> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    if (await repo.findSectionByName(tx.db, ctx.actor.orgId, input.name)) throw conflict(`股室"${input.name}"已存在`);
    const row = await repo.insertSection(tx.db, ctx.actor.orgId, input.name, input.sortOrder);
    await recordChange(tx, { action: 'create', entityType: 'section', entityId: row.id, orgId: row.org_id, after: presentSection(row, ctx.actor) });
    return presentSection(row, ctx.actor);
  });
}

export async function updateSection(ctx: Ctx, id: number, input: z.infer<typeof sectionBodySchema>, expected?: ExpectedVersion): Promise<Section> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findSection(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('股室不存在');
    await claimVersion(tx, 'sections', before, expected, async () => {
      const now = await repo.findSection(tx.db, ctx.actor.orgId, id);
      return now ? presentSection(now, ctx.actor) : null;
    });
    const clash = await repo.findSectionByName(tx.db, ctx.actor.orgId, input.name);
    if (clash && clash.id !== id) throw conflict(`股室"${input.name}"已存在`);
    const row = await repo.updateSection(tx.db, id, { name: input.name, sort_order: input.sortOrder });
    await recordChange(tx, {
      action: 'update',
      entityType: 'section',
      entityId: id,
      orgId: row.org_id,
      before: presentSection(before, ctx.actor),
      after: presentSection(row, ctx.actor),
    });
    return presentSection(row, ctx.actor);
  });
}

export async function deleteSection(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertAllowed(managesReference(ctx.actor));
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findSection(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('股室不存在');
    await claimVersion(tx, 'sections', before, expected, async () => {
      const now = await repo.findSection(tx.db, ctx.actor.orgId, id);
      return now ? presentSection(now, ctx.actor) : null;
    });
    const users = await repo.countUsersInSection(tx.db, id);
    if (users > 0) throw conflict(`股室"${before.name}"下还有${users}名用户,请先调整他们的股室`);
    await repo.deleteSection(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'section', entityId: id, orgId: before.org_id, before: presentSection(before, ctx.actor) });
  });
}
