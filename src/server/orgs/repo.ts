import type { Kysely } from 'kysely';
import type { DB, OrgRow, SectionRow } from '../db/types.js';

export function findOrg(db: Kysely<DB>, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organisation with this path and every one below it. */
export function listSubtree(db: Kysely<DB>, path: string): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().where('path', 'like', `${path}%`).orderBy('path').execute();
}

export async function insertOrg(
  db: Kysely<DB>,
  org: { parentId: number | null; parentPath: string; name: string; shortName: string | null; level: string; regionCode: string | null },
): Promise<OrgRow> {
  const inserted = await db
    .insertInto('orgs')
    .values({
      parent_id: org.parentId,
      name: org.name,
      short_name: org.shortName,
      level: org.level,
      region_code: org.regionCode,
      path: '',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .updateTable('orgs')
    .set({ path: `${org.parentPath}${inserted.id}/` })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateOrg(
  db: Kysely<DB>,
  id: number,
  patch: { name?: string; short_name?: string | null; region_code?: string | null },
): Promise<OrgRow | undefined> {
  return db.updateTable('orgs').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export function listSections(db: Kysely<DB>, orgId: number): Promise<SectionRow[]> {
  return db.selectFrom('sections').selectAll().where('org_id', '=', orgId).orderBy('sort_order').orderBy('id').execute();
}

export function findSection(db: Kysely<DB>, orgId: number, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findSectionByName(db: Kysely<DB>, orgId: number, name: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export function insertSection(db: Kysely<DB>, orgId: number, name: string, sortOrder: number): Promise<SectionRow> {
  return db
    .insertInto('sections')
    .values({ org_id: orgId, name, sort_order: sortOrder, created_at: new Date().toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateSection(db: Kysely<DB>, id: number, patch: { name: string; sort_order: number }): Promise<SectionRow> {
  return db.updateTable('sections').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteSection(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('sections').where('id', '=', id).execute();
}

export async function countUsersInSection(db: Kysely<DB>, sectionId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('section_id', '=', sectionId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Which of `ids` are records of `table` in the organisation: the check every link from one record to another needs. */
export async function idsInOrg(
  db: Kysely<DB>,
  table: 'users' | 'enterprises' | 'visits' | 'places' | 'departments',
  orgId: number,
  ids: number[],
): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select('id').where('org_id', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
