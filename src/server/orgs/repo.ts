import { type Kysely, sql } from 'kysely';
import type { DB, OrgRow, SectionRow } from '../db/types.js';

export function findOrg(db: Kysely<DB>, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether any organisation exists (the demo's, a set-up's, or one made otherwise). */
export async function anyOrganisation(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
}

/** The organisations directly below this one (a city's counties, a province's cities). */
export function listChildren(db: Kysely<DB>, orgId: number): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().where('parent_id', '=', orgId).orderBy('id').execute();
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
  patch: { name?: string; short_name?: string | null; region_code?: string | null; active?: number },
): Promise<OrgRow | undefined> {
  return db.updateTable('orgs').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function countOrgs(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Every organisation, in tree order (a parent before its children). */
export function listAllOrgs(db: Kysely<DB>): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().orderBy('path').execute();
}

export function findOrgsByName(db: Kysely<DB>, name: string): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().where('name', '=', name).orderBy('id').execute();
}

/** Active organisations serving the 6-digit division `divisionCode` (their region code starts with it). */
export function findActiveOrgsOfDivision(db: Kysely<DB>, divisionCode: string): Promise<OrgRow[]> {
  return db.selectFrom('orgs').selectAll().where('active', '=', 1).where('region_code', 'like', `${divisionCode}%`).orderBy('id').execute();
}

/**
 * Holds the organisation's row until the transaction ends (a write that changes nothing), so two
 * creations below one parent run one after the other and the second sees the first's division.
 */
export async function lockOrg(db: Kysely<DB>, id: number): Promise<void> {
  await db
    .updateTable('orgs')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .execute();
}

/** The materialised paths of an organisation and of every one above it: `/1/4/9/` → `/1/`, `/1/4/`, `/1/4/9/`. */
export function pathsUpTo(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Whether the organisation at `path`, or one above it, is inactive. */
export async function isPathBlocked(db: Kysely<DB>, path: string): Promise<boolean> {
  const row = await db.selectFrom('orgs').select('id').where('path', 'in', pathsUpTo(path)).where('active', '=', 0).executeTakeFirst();
  return !!row;
}

/** Accounts per organisation, for the organisations listed. */
export async function countUsersByOrg(db: Kysely<DB>, orgIds: number[]): Promise<Map<number, number>> {
  if (!orgIds.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['org_id', (eb) => eb.fn.countAll().as('count')])
    .where('org_id', 'in', orgIds)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.count)]));
}

/** Ends every session of the users of the organisation at `path` and of those below it; returns how many. */
export async function deleteSessionsBelow(db: Kysely<DB>, path: string): Promise<number> {
  const users = db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id').select('u.id').where('o.path', 'like', `${path}%`);
  const result = await db.deleteFrom('sessions').where('user_id', 'in', users).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

/** SQL true (1) when the organisation of the row aliased `o` (its `o.path`), or one above it, is inactive. */
export const orgBlockedSql = sql<number>`(case when exists (
  select 1 from orgs a where a.active = 0 and substr(o.path, 1, length(a.path)) = a.path
) then 1 else 0 end)`;

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

/**
 * The app_meta key naming the installation's own organisation: the one set up at first run (or the
 * demo's county). The command line acts for it when no --org is given.
 */
export const HOME_ORG_META_KEY = 'home_org';

export async function setHomeOrg(db: Kysely<DB>, orgId: number): Promise<void> {
  await db
    .insertInto('app_meta')
    .values({ key: HOME_ORG_META_KEY, value: String(orgId) })
    .execute();
}

export async function findHomeOrg(db: Kysely<DB>): Promise<OrgRow | undefined> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', HOME_ORG_META_KEY).executeTakeFirst();
  return row ? findOrg(db, Number(row.value)) : undefined;
}
