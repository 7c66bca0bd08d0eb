import type { Kysely } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows, deleteUnlessReferenced } from '../db/sql-helpers.js';
import type { DB, DepartmentRow, DictionaryItemRow, DictionaryRow, PlaceRow } from '../db/types.js';

// Every lookup takes the organisation id: reference data never crosses organisations.

function isEmptyPatch(patch: object): boolean {
  return Object.values(patch).every((v) => v === undefined);
}

/** A foreign-key violation in either dialect: the row is still referenced by another record. */
// ---- places ----

export function listPlaces(
  db: Kysely<DB>,
  dialect: DialectName,
  orgId: number,
  filter: { parentId?: number; level?: string; q?: string | null },
): Promise<PlaceRow[]> {
  let q = db.selectFrom('places').selectAll().where('org_id', '=', orgId);
  if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) => eb.or([containsText(dialect, 'name', text), containsText(dialect, 'code', text)]));
  }
  // NULLS LAST spelled out: SQLite and PostgreSQL put nulls at opposite ends by default.
  return q
    .orderBy('sort_order')
    .orderBy('code', (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .execute();
}

export function findPlace(db: Kysely<DB>, orgId: number, id: number): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findPlaceByCode(db: Kysely<DB>, orgId: number, code: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('places').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** A place of the same name directly under the same parent (or, without a parent, at the same level). */
export function findSiblingByName(
  db: Kysely<DB>,
  orgId: number,
  place: { parentId: number | null; level: string; name: string },
): Promise<PlaceRow | undefined> {
  let q = db.selectFrom('places').selectAll().where('org_id', '=', orgId).where('name', '=', place.name);
  q = place.parentId === null ? q.where('parent_id', 'is', null).where('level', '=', place.level) : q.where('parent_id', '=', place.parentId);
  return q.executeTakeFirst();
}

export function countChildPlaces(db: Kysely<DB>, parentId: number): Promise<number> {
  return countRows(
    db
      .selectFrom('places')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('parent_id', '=', parentId),
  );
}

export function insertPlace(
  db: Kysely<DB>,
  orgId: number,
  place: { parentId: number | null; level: string; name: string; code: string | null; sortOrder: number },
): Promise<PlaceRow> {
  return db
    .insertInto('places')
    .values({ org_id: orgId, parent_id: place.parentId, level: place.level, name: place.name, code: place.code, sort_order: place.sortOrder })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updatePlace(
  db: Kysely<DB>,
  id: number,
  patch: { parent_id?: number | null; level?: string; name?: string; code?: string | null; sort_order?: number },
): Promise<PlaceRow> {
  if (isEmptyPatch(patch)) return db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return db.updateTable('places').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deletePlace(db: Kysely<DB>, id: number): Promise<'deleted' | 'referenced'> {
  return deleteUnlessReferenced(() => db.deleteFrom('places').where('id', '=', id).execute());
}

// ---- departments ----

export function listDepartments(db: Kysely<DB>, orgId: number): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).orderBy('sort_order').orderBy('id').execute();
}

export function findDepartment(db: Kysely<DB>, orgId: number, id: number): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByName(db: Kysely<DB>, orgId: number, name: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export function insertDepartment(
  db: Kysely<DB>,
  orgId: number,
  dept: { name: string; shortName: string | null; sortOrder: number; active: boolean },
): Promise<DepartmentRow> {
  return db
    .insertInto('departments')
    .values({ org_id: orgId, name: dept.name, short_name: dept.shortName, sort_order: dept.sortOrder, active: dept.active ? 1 : 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateDepartment(
  db: Kysely<DB>,
  id: number,
  patch: { name?: string; short_name?: string | null; sort_order?: number; active?: number },
): Promise<DepartmentRow> {
  if (isEmptyPatch(patch)) return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return db.updateTable('departments').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteDepartment(db: Kysely<DB>, id: number): Promise<'deleted' | 'referenced'> {
  return deleteUnlessReferenced(() => db.deleteFrom('departments').where('id', '=', id).execute());
}

// ---- dictionaries ----

export type DictionaryWithCount = DictionaryRow & { item_count: number };

export async function listDictionaries(db: Kysely<DB>, orgId: number): Promise<DictionaryWithCount[]> {
  const rows = await db
    .selectFrom('dictionaries as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('dictionary_items as i')
        .select((sub) => sub.fn.countAll().as('n'))
        .whereRef('i.dictionary_id', '=', 'd.id')
        .as('item_count'),
    )
    .where('d.org_id', '=', orgId)
    .orderBy('d.id')
    .execute();
  // PostgreSQL returns count(*) as a bigint string.
  return rows.map((r) => ({ ...r, item_count: Number(r.item_count ?? 0) }));
}

export function findDictionaryByCode(db: Kysely<DB>, orgId: number, code: string): Promise<DictionaryRow | undefined> {
  return db.selectFrom('dictionaries').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function insertDictionary(db: Kysely<DB>, orgId: number, dict: { code: string; name: string; description: string | null }): Promise<DictionaryRow> {
  return db
    .insertInto('dictionaries')
    .values({ org_id: orgId, code: dict.code, name: dict.name, description: dict.description })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- dictionary items ----

export function listDictionaryItems(db: Kysely<DB>, dictionaryId: number, options: { activeOnly?: boolean } = {}): Promise<DictionaryItemRow[]> {
  let q = db.selectFrom('dictionary_items').selectAll().where('dictionary_id', '=', dictionaryId);
  if (options.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('id').execute();
}

export function findDictionaryItem(db: Kysely<DB>, orgId: number, id: number): Promise<DictionaryItemRow | undefined> {
  return db.selectFrom('dictionary_items').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDictionaryItemByValue(db: Kysely<DB>, dictionaryId: number, value: string): Promise<DictionaryItemRow | undefined> {
  return db.selectFrom('dictionary_items').selectAll().where('dictionary_id', '=', dictionaryId).where('value', '=', value).executeTakeFirst();
}

export function insertDictionaryItem(
  db: Kysely<DB>,
  orgId: number,
  dictionaryId: number,
  item: { value: string; label: string; sortOrder: number; active: boolean; measure?: string | null },
): Promise<DictionaryItemRow> {
  return db
    .insertInto('dictionary_items')
    .values({
      org_id: orgId,
      dictionary_id: dictionaryId,
      value: item.value,
      label: item.label,
      sort_order: item.sortOrder,
      active: item.active ? 1 : 0,
      measure: item.measure ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateDictionaryItem(
  db: Kysely<DB>,
  id: number,
  patch: { value?: string; label?: string; sort_order?: number; active?: number; measure?: string | null },
): Promise<DictionaryItemRow> {
  if (isEmptyPatch(patch)) return db.selectFrom('dictionary_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return db.updateTable('dictionary_items').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function deleteDictionaryItem(db: Kysely<DB>, id: number): Promise<'deleted' | 'referenced'> {
  return deleteUnlessReferenced(() => db.deleteFrom('dictionary_items').where('id', '=', id).execute());
}
