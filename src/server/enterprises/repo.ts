import { type Kysely, sql } from 'kysely';
import type { ENTERPRISE_SORTS } from '../../shared/projects.js';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows } from '../db/sql-helpers.js';
import type { DB, EnterpriseRow } from '../db/types.js';

export type EnterpriseInsert = Omit<EnterpriseRow, 'id' | 'version'>;
export type EnterprisePatch = Partial<Omit<EnterpriseRow, 'id' | 'org_id' | 'created_at' | 'created_by'>>;

function withCounts(db: Kysely<DB>) {
  return db
    .selectFrom('enterprises as e')
    .leftJoin('places as t', 't.id', 'e.town_id')
    .selectAll('e')
    .select('t.name as town_name')
    .select((eb) => [
      eb.selectFrom('projects as p').select(eb.fn.countAll<number>().as('c')).whereRef('p.enterprise_id', '=', 'e.id').as('project_count'),
      eb.selectFrom('visit_enterprises as ve').select(eb.fn.countAll<number>().as('c')).whereRef('ve.enterprise_id', '=', 'e.id').as('visit_count'),
    ]);
}

export type EnterpriseView = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

export function findEnterprise(db: Kysely<DB>, orgIds: number[], id: number) {
  return withCounts(db).where('e.org_id', 'in', orgIds).where('e.id', '=', id).executeTakeFirst();
}

export function findByCreditCode(db: Kysely<DB>, orgId: number, creditCode: string) {
  return db.selectFrom('enterprises').select(['id', 'name']).where('org_id', '=', orgId).where('credit_code', '=', creditCode).executeTakeFirst();
}

const SORT_COLUMNS: Record<(typeof ENTERPRISE_SORTS)[number], string> = {
  name: 'e.name',
  kind: 'e.kind',
  industry: 'e.industry',
  townName: 'town_name',
  updatedAt: 'e.updated_at',
  projectCount: 'project_count',
};

export async function listEnterprises(
  db: Kysely<DB>,
  dialect: DialectName,
  filter: { orgIds: number[]; q?: string | null; kind?: string; industry?: string; townId?: number },
  sort: (typeof ENTERPRISE_SORTS)[number],
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
) {
  let base = db.selectFrom('enterprises as e').where('e.org_id', 'in', filter.orgIds);
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) =>
      eb.or([containsText(dialect, 'e.name', q), containsText(dialect, 'e.credit_code', q), containsText(dialect, 'e.contact_person', q)]),
    );
  }
  if (filter.kind) base = base.where('e.kind', '=', filter.kind);
  if (filter.industry) base = base.where('e.industry', '=', filter.industry);
  if (filter.townId) base = base.where('e.town_id', '=', filter.townId);
  const total = await countRows(base.select((eb) => eb.fn.countAll().as('count')));
  // Page over ids first, then fetch the page with its counts.
  let rowsQuery = withCounts(db).where('e.org_id', 'in', filter.orgIds);
  rowsQuery = rowsQuery.where('e.id', 'in', base.select('e.id'));
  const rows = await rowsQuery
    .orderBy(sql.ref(SORT_COLUMNS[sort]), order)
    .orderBy('e.id', order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

export async function insertEnterprise(db: Kysely<DB>, row: EnterpriseInsert): Promise<number> {
  return (await db.insertInto('enterprises').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEnterprise(db: Kysely<DB>, id: number, patch: EnterprisePatch): Promise<void> {
  await db.updateTable('enterprises').set(patch).where('id', '=', id).execute();
}

export async function deleteEnterprise(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('enterprises').where('id', '=', id).execute();
}

export function projectsOfEnterprise(db: Kysely<DB>, id: number) {
  return db.selectFrom('projects').select(['id', 'title', 'stage']).where('enterprise_id', '=', id).orderBy('id').execute();
}

export function visitsOfEnterprise(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visit_enterprises as ve', 've.visit_id', 'v.id')
    .select(['v.id', 'v.visit_date', 'v.purpose'])
    .where('ve.enterprise_id', '=', id)
    .orderBy('v.visit_date', 'desc')
    .execute();
}
