import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors.js';
import {
  type Department,
  type Dictionary,
  type DictionaryItem,
  PLACE_LEVEL_LABELS,
  type Place,
  type PlaceLevel,
  type departmentBodySchema,
  type dictionaryBodySchema,
  type dictionaryItemBodySchema,
  type listPlacesQuerySchema,
  type placeBodySchema,
} from '../../shared/reference.js';
import type { Actor } from '../auth/actor.js';
import { assertAllowed, managesReference, referencePolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { claimVersion, type ExpectedVersion, isUnchangedSave } from '../db/versioned.js';
import type { DB, DepartmentRow, DictionaryItemRow, DictionaryRow, PlaceRow } from '../db/types.js';
import { conflict, notFound, validation } from '../http/errors.js';
import { DEFAULT_DICTIONARIES } from './defaults.js';
import * as repo from './repo.js';
import type { departmentPatchSchema, dictionaryItemPatchSchema, placePatchSchema } from './schema.js';

/** Gives a new organisation its default dictionaries (skipping any it already has). */
export async function seedReferenceDefaults(db: Kysely<DB>, orgId: number): Promise<void> {
  for (const dict of DEFAULT_DICTIONARIES) {
    if (await repo.findDictionaryByCode(db, orgId, dict.code)) continue;
    const created = await repo.insertDictionary(db, orgId, { code: dict.code, name: dict.name, description: dict.description });
    for (const [index, label] of dict.items.entries()) {
      await repo.insertDictionaryItem(db, orgId, created.id, {
        value: label,
        label,
        sortOrder: (index + 1) * 10,
        active: true,
      });
    }
  }
}

// ---- presenters ----

export function presentPlace(row: PlaceRow, actor: Actor): Place {
  return {
    id: row.id,
    version: row.version,
    parentId: row.parent_id,
    level: row.level as PlaceLevel,
    name: row.name,
    code: row.code,
    sortOrder: row.sort_order,
    policies: referencePolicies(actor, { orgId: row.org_id }),
  };
}

export function presentDepartment(row: DepartmentRow, actor: Actor): Department {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    shortName: row.short_name,
    sortOrder: row.sort_order,
    active: row.active === 1,
    policies: referencePolicies(actor, { orgId: row.org_id }),
  };
}

export function presentDictionary(row: DictionaryRow, itemCount: number): Dictionary {
  return { id: row.id, code: row.code, name: row.name, description: row.description, itemCount };
}

export function presentDictionaryItem(row: DictionaryItemRow, actor: Actor): DictionaryItem {
  return {
    id: row.id,
    version: row.version,
    dictionaryId: row.dictionary_id,
    value: row.value,
    label: row.label,
    sortOrder: row.sort_order,
    active: row.active === 1,
    measure: row.measure,
    policies: referencePolicies(actor, { orgId: row.org_id }),
  };
}

/** A row presented, or null when it is gone (a concurrent delete). */
function presentIfAny<R, P>(row: R | undefined, present: (row: R) => P): P | null {
  return row ? present(row) : null;
}

function referencedElsewhere(what: string): never {
  throw conflict(`${what}已被其他记录引用,不能删除;可改为停用或先修改引用它的记录`);
}

// ---- places ----

/** The level a place's parent must have; a county has none. */
const PARENT_LEVEL: Record<PlaceLevel, PlaceLevel | null> = { county: null, town: 'county', village: 'town' };

/** A place of the actor's organisation, or undefined; for ledgers that record where something happened. */
export async function findPlace(ctx: Ctx, id: number): Promise<Place | undefined> {
  const row = await repo.findPlace(ctx.db, ctx.actor.orgId, id);
  return row ? presentPlace(row, ctx.actor) : undefined;
}

export async function listPlaces(ctx: Ctx, query: z.infer<typeof listPlacesQuerySchema>): Promise<Place[]> {
  const rows = await repo.listPlaces(ctx.db, ctx.dialect, ctx.actor.orgId, { parentId: query.parentId, level: query.level, q: query.q });
  return rows.map((r) => presentPlace(r, ctx.actor));
}

/** Checks that the parent fits the level (县 → 乡镇 → 村/社区) and belongs to the same organisation. */
async function checkPlaceHierarchy(ctx: Ctx, level: PlaceLevel, parentId: number | null): Promise<void> {
  const wanted = PARENT_LEVEL[level];
  if (wanted === null) {
    if (parentId !== null) throw validation('县级地名不能有上级', [{ path: 'parentId', message: '县级地名不能有上级' }]);
    return;
  }
  const label = PLACE_LEVEL_LABELS[level];
  const parentLabel = PLACE_LEVEL_LABELS[wanted];
  if (parentId === null) {
    throw validation(`${label}必须选择所属的${parentLabel}`, [{ path: 'parentId', message: `请选择所属${parentLabel}` }]);
  }
  const parent = await repo.findPlace(ctx.db, ctx.actor.orgId, parentId);
  if (!parent) throw validation('所选上级地名不存在', [{ path: 'parentId', message: '上级地名不存在' }]);
  if (parent.level !== wanted) {
    const message = `${label}的上级必须是${parentLabel},"${parent.name}"是${PLACE_LEVEL_LABELS[parent.level as PlaceLevel]}`;
    throw validation(message, [{ path: 'parentId', message }]);
  }
}

async function checkPlaceUnique(ctx: Ctx, place: { id?: number; parentId: number | null; level: string; name: string; code: string | null }) {
  if (place.code) {
    const clash = await repo.findPlaceByCode(ctx.db, ctx.actor.orgId, place.code);
    if (clash && clash.id !== place.id) throw conflict(`区划代码"${place.code}"已被"${clash.name}"使用`);
  }
  const sibling = await repo.findSiblingByName(ctx.db, ctx.actor.orgId, place);
  if (sibling && sibling.id !== place.id) throw conflict(`同一上级下已有名为"${place.name}"的地名`);
}

export async function createPlace(ctx: Ctx, input: z.infer<typeof placeBodySchema>): Promise<Place> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    await checkPlaceHierarchy(tx, input.level, input.parentId);
    await checkPlaceUnique(tx, input);
    const row = await repo.insertPlace(tx.db, ctx.actor.orgId, input);
    const presented = presentPlace(row, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'place', entityId: row.id, orgId: row.org_id, after: presented });
    return presented;
  });
}

export async function updatePlace(ctx: Ctx, id: number, input: z.infer<typeof placePatchSchema>, expected?: ExpectedVersion): Promise<Place> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findPlace(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('地名不存在');
    const patch = { parent_id: input.parentId, level: input.level, name: input.name, code: input.code, sort_order: input.sortOrder };
    if (
      await isUnchangedSave(before, patch, expected, async () =>
        presentIfAny(await repo.findPlace(tx.db, ctx.actor.orgId, id), (r) => presentPlace(r, ctx.actor)),
      )
    )
      return presentPlace(before, ctx.actor);
    await claimVersion(tx, 'places', before, expected, async () =>
      presentIfAny(await repo.findPlace(tx.db, ctx.actor.orgId, id), (r) => presentPlace(r, ctx.actor)),
    );
    const merged = {
      id,
      level: input.level ?? (before.level as PlaceLevel),
      parentId: input.parentId === undefined ? before.parent_id : input.parentId,
      name: input.name ?? before.name,
      code: input.code === undefined ? before.code : input.code,
    };
    if (merged.level !== before.level) {
      const children = await repo.countChildPlaces(tx.db, id);
      if (children > 0) {
        const message = `"${before.name}"下还有${children}个下级地名,不能修改级别`;
        throw validation(message, [{ path: 'level', message }]);
      }
    }
    await checkPlaceHierarchy(tx, merged.level, merged.parentId);
    await checkPlaceUnique(tx, merged);
    const row = await repo.updatePlace(tx.db, id, patch);
    const presented = presentPlace(row, ctx.actor);
    await recordChange(tx, {
      action: 'update',
      entityType: 'place',
      entityId: id,
      orgId: row.org_id,
      before: presentPlace(before, ctx.actor),
      after: presented,
    });
    return presented;
  });
}

export async function deletePlace(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertAllowed(managesReference(ctx.actor));
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findPlace(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('地名不存在');
    await claimVersion(tx, 'places', before, expected, async () =>
      presentIfAny(await repo.findPlace(tx.db, ctx.actor.orgId, id), (r) => presentPlace(r, ctx.actor)),
    );
    const children = await repo.countChildPlaces(tx.db, id);
    if (children > 0) throw conflict(`"${before.name}"下还有${children}个下级地名,请先删除或移走它们`);
    if ((await repo.deletePlace(tx.db, id)) === 'referenced') referencedElsewhere(`地名"${before.name}"`);
    await recordChange(tx, { action: 'delete', entityType: 'place', entityId: id, orgId: before.org_id, before: presentPlace(before, ctx.actor) });
  });
}

// ---- departments ----

export async function listDepartments(ctx: Ctx): Promise<Department[]> {
  return (await repo.listDepartments(ctx.db, ctx.actor.orgId)).map((r) => presentDepartment(r, ctx.actor));
}

export async function createDepartment(ctx: Ctx, input: z.infer<typeof departmentBodySchema>): Promise<Department> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    if (await repo.findDepartmentByName(tx.db, ctx.actor.orgId, input.name)) throw conflict(`部门"${input.name}"已存在`);
    const row = await repo.insertDepartment(tx.db, ctx.actor.orgId, input);
    const presented = presentDepartment(row, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'department', entityId: row.id, orgId: row.org_id, after: presented });
    return presented;
  });
}

export async function updateDepartment(ctx: Ctx, id: number, input: z.infer<typeof departmentPatchSchema>, expected?: ExpectedVersion): Promise<Department> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findDepartment(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('部门不存在');
    const patch = {
      name: input.name,
      short_name: input.shortName,
      sort_order: input.sortOrder,
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
    };
    if (
      await isUnchangedSave(before, patch, expected, async () =>
        presentIfAny(await repo.findDepartment(tx.db, ctx.actor.orgId, id), (r) => presentDepartment(r, ctx.actor)),
      )
    )
      return presentDepartment(before, ctx.actor);
    await claimVersion(tx, 'departments', before, expected, async () =>
      presentIfAny(await repo.findDepartment(tx.db, ctx.actor.orgId, id), (r) => presentDepartment(r, ctx.actor)),
    );
    if (input.name !== undefined) {
      const clash = await repo.findDepartmentByName(tx.db, ctx.actor.orgId, input.name);
      if (clash && clash.id !== id) throw conflict(`部门"${input.name}"已存在`);
    }
    const row = await repo.updateDepartment(tx.db, id, patch);
    const presented = presentDepartment(row, ctx.actor);
    await recordChange(tx, {
      action: 'update',
      entityType: 'department',
      entityId: id,
      orgId: row.org_id,
      before: presentDepartment(before, ctx.actor),
      after: presented,
    });
    return presented;
  });
}

export async function deleteDepartment(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertAllowed(managesReference(ctx.actor));
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findDepartment(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('部门不存在');
    await claimVersion(tx, 'departments', before, expected, async () =>
      presentIfAny(await repo.findDepartment(tx.db, ctx.actor.orgId, id), (r) => presentDepartment(r, ctx.actor)),
    );
    if ((await repo.deleteDepartment(tx.db, id)) === 'referenced') referencedElsewhere(`部门"${before.name}"`);
    await recordChange(tx, { action: 'delete', entityType: 'department', entityId: id, orgId: before.org_id, before: presentDepartment(before, ctx.actor) });
  });
}

// ---- dictionaries ----

export async function listDictionaries(ctx: Ctx): Promise<Dictionary[]> {
  return (await repo.listDictionaries(ctx.db, ctx.actor.orgId)).map((r) => presentDictionary(r, r.item_count));
}

export async function createDictionary(ctx: Ctx, input: z.infer<typeof dictionaryBodySchema>): Promise<Dictionary> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const clash = await repo.findDictionaryByCode(tx.db, ctx.actor.orgId, input.code);
    if (clash) throw conflict(`字典编码"${input.code}"已被"${clash.name}"使用`);
    const row = await repo.insertDictionary(tx.db, ctx.actor.orgId, input);
    const presented = presentDictionary(row, 0);
    await recordChange(tx, { action: 'create', entityType: 'dictionary', entityId: row.id, orgId: row.org_id, after: presented });
    return presented;
  });
}

async function getDictionary(ctx: Ctx, code: string): Promise<DictionaryRow> {
  const dict = await repo.findDictionaryByCode(ctx.db, ctx.actor.orgId, code);
  if (!dict) throw notFound(`字典"${code}"不存在`);
  return dict;
}

/** The items of a dictionary, in display order; `activeOnly` for the choices a form offers. */
export async function listDictionaryItems(ctx: Ctx, code: string, options: { activeOnly?: boolean } = {}): Promise<DictionaryItem[]> {
  const dict = await getDictionary(ctx, code);
  return (await repo.listDictionaryItems(ctx.db, dict.id, options)).map((r) => presentDictionaryItem(r, ctx.actor));
}

/**
 * Throws VALIDATION unless `value` is an active item of the dictionary `code`; ledgers call it for
 * every coded field they store. `path` names the field in the error details.
 */
export async function assertDictionaryValue(ctx: Ctx, code: string, value: string, path: string = code): Promise<DictionaryItem> {
  const dict = await repo.findDictionaryByCode(ctx.db, ctx.actor.orgId, code);
  const fail = (message: string): never => {
    const details: FieldIssue[] = [{ path, message }];
    throw validation(message, details);
  };
  if (!dict) return fail(`字典"${code}"不存在,请联系管理员`);
  const item = await repo.findDictionaryItemByValue(ctx.db, dict.id, value);
  if (!item) return fail(`"${value}"不是${dict.name}中的选项`);
  if (item.active !== 1) return fail(`${dict.name}"${item.label}"已停用,请选择其他选项`);
  return presentDictionaryItem(item, ctx.actor);
}

export async function createDictionaryItem(ctx: Ctx, code: string, input: z.infer<typeof dictionaryItemBodySchema>): Promise<DictionaryItem> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const dict = await getDictionary(tx, code);
    const clash = await repo.findDictionaryItemByValue(tx.db, dict.id, input.value);
    if (clash) throw conflict(`${dict.name}中已有编码值为"${input.value}"的选项("${clash.label}")`);
    const row = await repo.insertDictionaryItem(tx.db, ctx.actor.orgId, dict.id, input);
    const presented = presentDictionaryItem(row, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'dictionary_item', entityId: row.id, orgId: row.org_id, after: presented });
    return presented;
  });
}

export async function updateDictionaryItem(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof dictionaryItemPatchSchema>,
  expected?: ExpectedVersion,
): Promise<DictionaryItem> {
  assertAllowed(managesReference(ctx.actor));
  return inTransaction(ctx, async (tx) => {
    const before = await repo.findDictionaryItem(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('字典项不存在');
    const patch = {
      value: input.value,
      label: input.label,
      sort_order: input.sortOrder,
      active: input.active === undefined ? undefined : input.active ? 1 : 0,
      measure: input.measure,
    };
    if (
      await isUnchangedSave(before, patch, expected, async () =>
        presentIfAny(await repo.findDictionaryItem(tx.db, ctx.actor.orgId, id), (r) => presentDictionaryItem(r, ctx.actor)),
      )
    )
      return presentDictionaryItem(before, ctx.actor);
    await claimVersion(tx, 'dictionary_items', before, expected, async () =>
      presentIfAny(await repo.findDictionaryItem(tx.db, ctx.actor.orgId, id), (r) => presentDictionaryItem(r, ctx.actor)),
    );
    if (input.value !== undefined) {
      const clash = await repo.findDictionaryItemByValue(tx.db, before.dictionary_id, input.value);
      if (clash && clash.id !== id) throw conflict(`该字典中已有编码值为"${input.value}"的选项("${clash.label}")`);
    }
    const row = await repo.updateDictionaryItem(tx.db, id, patch);
    const presented = presentDictionaryItem(row, ctx.actor);
    await recordChange(tx, {
      action: 'update',
      entityType: 'dictionary_item',
      entityId: id,
      orgId: row.org_id,
      before: presentDictionaryItem(before, ctx.actor),
      after: presented,
    });
    return presented;
  });
}

export async function deleteDictionaryItem(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertAllowed(managesReference(ctx.actor));
  await inTransaction(ctx, async (tx) => {
    const before = await repo.findDictionaryItem(tx.db, ctx.actor.orgId, id);
    if (!before) throw notFound('字典项不存在');
    await claimVersion(tx, 'dictionary_items', before, expected, async () =>
      presentIfAny(await repo.findDictionaryItem(tx.db, ctx.actor.orgId, id), (r) => presentDictionaryItem(r, ctx.actor)),
    );
    if ((await repo.deleteDictionaryItem(tx.db, id)) === 'referenced') referencedElsewhere(`字典项"${before.label}"`);
    await recordChange(tx, {
      action: 'delete',
      entityType: 'dictionary_item',
      entityId: id,
      orgId: before.org_id,
      before: presentDictionaryItem(before, ctx.actor),
    });
  });
}
