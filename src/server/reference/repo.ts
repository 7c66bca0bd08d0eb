import type { Kysely } from 'kysely';
import type { DB, DictionaryItemRow, DictionaryRow } from '../db/types.js';

export function findDictionaryByCode(db: Kysely<DB>, orgId: number, code: string): Promise<DictionaryRow | undefined> {
  return db.selectFrom('dictionaries').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function insertDictionary(
  db: Kysely<DB>,
  orgId: number,
  dict: { code: string; name: string; description: string | null },
): Promise<DictionaryRow> {
  return db
    .insertInto('dictionaries')
    .values({ org_id: orgId, code: dict.code, name: dict.name, description: dict.description })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertDictionaryItem(
  db: Kysely<DB>,
  orgId: number,
  dictionaryId: number,
  item: { value: string; label: string; sortOrder: number; active: boolean },
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
