import type { Kysely } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows } from '../db/sql-helpers.js';
import type { DB, VisitRow } from '../db/types.js';

export function findVisit(db: Kysely<DB>, orgIds: number[], id: number): Promise<VisitRow | undefined> {
  return db.selectFrom('visits').selectAll().where('org_id', 'in', orgIds).where('id', '=', id).executeTakeFirst();
}

export async function listVisits(
  db: Kysely<DB>,
  dialect: DialectName,
  filter: { orgIds: number[]; q?: string | null; enterpriseId?: number; staffId?: number; from?: string; to?: string },
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('visits as v').where('v.org_id', 'in', filter.orgIds);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) =>
      eb.or([
        containsText(dialect, 'v.purpose', text),
        containsText(dialect, 'v.findings', text),
        eb.exists(
          eb
            .selectFrom('visit_enterprises as ve')
            .innerJoin('enterprises as e', 'e.id', 've.enterprise_id')
            .select('ve.visit_id')
            .whereRef('ve.visit_id', '=', 'v.id')
            .where(containsText(dialect, 'e.name', text)),
        ),
      ]),
    );
  }
  if (filter.enterpriseId) {
    const id = filter.enterpriseId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('visit_enterprises as ve').select('ve.visit_id').whereRef('ve.visit_id', '=', 'v.id').where('ve.enterprise_id', '=', id)),
    );
  }
  if (filter.staffId) {
    const id = filter.staffId;
    q = q.where((eb) => eb.exists(eb.selectFrom('visit_staff as vs').select('vs.visit_id').whereRef('vs.visit_id', '=', 'v.id').where('vs.user_id', '=', id)));
  }
  if (filter.from) q = q.where('v.visit_date', '>=', filter.from);
  if (filter.to) q = q.where('v.visit_date', '<=', filter.to);
  const total = await countRows(q.select((eb) => eb.fn.countAll().as('count')));
  const rows = await q
    .selectAll('v')
    .orderBy('v.visit_date', order)
    .orderBy('v.id', order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** Staff, enterprises and leads of several visits at once (one query each, not one per visit). */
export async function visitLinks(db: Kysely<DB>, visitIds: number[]) {
  if (!visitIds.length) return { staff: [], enterprises: [], leads: [] };
  const [staff, enterprises, leads] = await Promise.all([
    db
      .selectFrom('visit_staff as vs')
      .innerJoin('users as u', 'u.id', 'vs.user_id')
      .select(['vs.visit_id', 'u.id', 'u.display_name'])
      .where('vs.visit_id', 'in', visitIds)
      .orderBy('u.id')
      .execute(),
    db
      .selectFrom('visit_enterprises as ve')
      .innerJoin('enterprises as e', 'e.id', 've.enterprise_id')
      .select(['ve.visit_id', 'e.id', 'e.name'])
      .where('ve.visit_id', 'in', visitIds)
      .orderBy('e.id')
      .execute(),
    db.selectFrom('projects').select(['source_visit_id as visit_id', 'id', 'title', 'stage']).where('source_visit_id', 'in', visitIds).orderBy('id').execute(),
  ]);
  return { staff, enterprises, leads };
}

export async function insertVisit(db: Kysely<DB>, row: Omit<VisitRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('visits').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVisit(db: Kysely<DB>, id: number, patch: Partial<Omit<VisitRow, 'id' | 'org_id'>>): Promise<void> {
  await db.updateTable('visits').set(patch).where('id', '=', id).execute();
}

export async function replaceVisitLinks(db: Kysely<DB>, visitId: number, staffIds: number[], enterpriseIds: number[]): Promise<void> {
  await db.deleteFrom('visit_staff').where('visit_id', '=', visitId).execute();
  await db.deleteFrom('visit_enterprises').where('visit_id', '=', visitId).execute();
  await db
    .insertInto('visit_staff')
    .values(staffIds.map((user_id) => ({ visit_id: visitId, user_id })))
    .execute();
  await db
    .insertInto('visit_enterprises')
    .values(enterpriseIds.map((enterprise_id) => ({ visit_id: visitId, enterprise_id })))
    .execute();
}

export async function deleteVisit(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('visits').where('id', '=', id).execute();
}
