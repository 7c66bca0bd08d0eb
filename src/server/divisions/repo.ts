import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

/** What the import matches on: every place of the organisation, without its bookkeeping. */
export interface PlaceKey {
  id: number;
  parent_id: number | null;
  level: string;
  name: string;
  code: string | null;
}

export function listPlaceKeys(db: Kysely<DB>, orgId: number): Promise<PlaceKey[]> {
  return db.selectFrom('places').select(['id', 'parent_id', 'level', 'name', 'code']).where('org_id', '=', orgId).execute();
}

// Six bound values a row: 150 rows stay under SQLite's oldest limit of 999 variables a statement.
const INSERT_CHUNK = 150;

/** Inserts places in multi-row statements; answers the new ids by code. */
export async function insertPlaces(
  db: Kysely<DB>,
  orgId: number,
  places: { parentId: number | null; level: string; name: string; code: string; sortOrder: number }[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < places.length; start += INSERT_CHUNK) {
    const rows = await db
      .insertInto('places')
      .values(
        places.slice(start, start + INSERT_CHUNK).map((p) => ({
          org_id: orgId,
          parent_id: p.parentId,
          level: p.level,
          name: p.name,
          code: p.code,
          sort_order: p.sortOrder,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) ids.set(row.code!, row.id);
  }
  return ids;
}

export async function findOrgRegionCode(db: Kysely<DB>, orgId: number): Promise<string | null> {
  const row = await db.selectFrom('orgs').select('region_code').where('id', '=', orgId).executeTakeFirst();
  return row?.region_code ?? null;
}
