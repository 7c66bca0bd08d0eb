import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows } from '../db/sql-helpers.js';
import type { CommissionerEvaluationsTable, CommissionerSupportsTable, CommissionersTable, DB } from '../db/types.js';

export type CommissionerInsert = Insertable<CommissionersTable>;
export type CommissionerPatch = Omit<Updateable<CommissionersTable>, 'id' | 'org_id' | 'section_id' | 'created_at' | 'created_by'>;

/**
 * Which commissioners a reader may see: those of `orgIds`; with `userId`, only the one linked to
 * that user (a signed-in commissioner sees their own profile and nothing else).
 */
export interface Scope {
  orgIds: number[];
  userId?: number;
}

function commissionerView(db: Kysely<DB>) {
  return db
    .selectFrom('commissioners as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select('u.username')
    .select((eb) => [
      eb.selectFrom('service_logs as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.commissioner_id', '=', 'c.id').as('log_count'),
      eb
        .selectFrom('service_logs as l')
        .select((l) => l.fn.max('l.log_date').as('d'))
        .whereRef('l.commissioner_id', '=', 'c.id')
        .as('last_log_date'),
    ]);
}

export type CommissionerView = NonNullable<Awaited<ReturnType<typeof findCommissioner>>>;

export function findCommissioner(db: Kysely<DB>, scope: Scope, id: number) {
  let q = commissionerView(db).where('c.org_id', 'in', scope.orgIds).where('c.id', '=', id);
  if (scope.userId !== undefined) q = q.where('c.user_id', '=', scope.userId);
  return q.executeTakeFirst();
}

/** The commissioner linked to a user account, in that user's organisation. */
export function findCommissionerOfUser(db: Kysely<DB>, orgId: number, userId: number) {
  return commissionerView(db).where('c.org_id', '=', orgId).where('c.user_id', '=', userId).executeTakeFirst();
}

export interface CommissionerFilter extends Scope {
  q?: string | null;
  status?: string;
  /** Serves this place, or (for a town) a village in it. */
  placeId?: number;
  /** Term covers this year. */
  year?: number;
}

export async function listCommissioners(db: Kysely<DB>, dialect: DialectName, filter: CommissionerFilter, page: number, pageSize: number) {
  let base = db.selectFrom('commissioners as c').where('c.org_id', 'in', filter.orgIds);
  if (filter.userId !== undefined) base = base.where('c.user_id', '=', filter.userId);
  if (filter.q) {
    const text = filter.q;
    base = base.where((eb) =>
      eb.or([containsText(dialect, 'c.name', text), containsText(dialect, 'c.employer', text), containsText(dialect, 'c.specialty', text)]),
    );
  }
  if (filter.status) base = base.where('c.status', '=', filter.status);
  if (filter.year !== undefined) base = base.where('c.term_start_year', '<=', filter.year).where('c.term_end_year', '>=', filter.year);
  if (filter.placeId) {
    const placeId = filter.placeId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('commissioner_places as cp')
          .innerJoin('places as pl', 'pl.id', 'cp.place_id')
          .select('cp.place_id')
          .whereRef('cp.commissioner_id', '=', 'c.id')
          .where((w) => w.or([w('pl.id', '=', placeId), w('pl.parent_id', '=', placeId)])),
      ),
    );
  }
  const total = await countRows(base.select((eb) => eb.fn.countAll().as('count')));
  const rows = await commissionerView(db)
    .where('c.id', 'in', base.select('c.id'))
    .orderBy('c.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** Places and enterprises of several commissioners at once. */
export async function commissionerLinks(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return { places: [], enterprises: [] };
  const [places, enterprises] = await Promise.all([
    db
      .selectFrom('commissioner_places as cp')
      .innerJoin('places as pl', 'pl.id', 'cp.place_id')
      .select(['cp.commissioner_id', 'pl.id', 'pl.name', 'pl.level'])
      .where('cp.commissioner_id', 'in', ids)
      .orderBy('pl.sort_order')
      .orderBy('pl.id')
      .execute(),
    db
      .selectFrom('commissioner_enterprises as ce')
      .innerJoin('enterprises as e', 'e.id', 'ce.enterprise_id')
      .select(['ce.commissioner_id', 'e.id', 'e.name'])
      .where('ce.commissioner_id', 'in', ids)
      .orderBy('e.id')
      .execute(),
  ]);
  return { places, enterprises };
}

export async function insertCommissioner(db: Kysely<DB>, row: CommissionerInsert): Promise<number> {
  return (await db.insertInto('commissioners').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCommissioner(db: Kysely<DB>, id: number, patch: CommissionerPatch): Promise<void> {
  await db.updateTable('commissioners').set(patch).where('id', '=', id).execute();
}

export async function replaceCommissionerLinks(db: Kysely<DB>, id: number, placeIds: number[], enterpriseIds: number[]): Promise<void> {
  await db.deleteFrom('commissioner_places').where('commissioner_id', '=', id).execute();
  await db.deleteFrom('commissioner_enterprises').where('commissioner_id', '=', id).execute();
  if (placeIds.length)
    await db
      .insertInto('commissioner_places')
      .values(placeIds.map((place_id) => ({ commissioner_id: id, place_id })))
      .execute();
  if (enterpriseIds.length) {
    await db
      .insertInto('commissioner_enterprises')
      .values(enterpriseIds.map((enterprise_id) => ({ commissioner_id: id, enterprise_id })))
      .execute();
  }
}

/** Deletes a commissioner with their links, supports and evaluations (the caller has checked there are no logs). */
export async function deleteCommissioner(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('commissioner_places').where('commissioner_id', '=', id).execute();
  await db.deleteFrom('commissioner_enterprises').where('commissioner_id', '=', id).execute();
  await db.deleteFrom('commissioner_supports').where('commissioner_id', '=', id).execute();
  await db.deleteFrom('commissioner_evaluations').where('commissioner_id', '=', id).execute();
  await db.deleteFrom('commissioners').where('id', '=', id).execute();
}

// ---- what a roster entry refers to ----

export function placesInOrg(db: Kysely<DB>, orgId: number, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('places').select(['id', 'level', 'name']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findUserInOrg(db: Kysely<DB>, orgId: number, id: number) {
  return db.selectFrom('users').select(['id', 'role', 'display_name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The commissioner (other than `exceptId`) already linked to a user account. */
export function commissionerLinkedToUser(db: Kysely<DB>, userId: number, exceptId: number | null) {
  let q = db.selectFrom('commissioners').select(['id', 'name']).where('user_id', '=', userId);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

// ---- supports ----

export function supportsOf(db: Kysely<DB>, commissionerId: number) {
  return db
    .selectFrom('commissioner_supports')
    .selectAll()
    .where('commissioner_id', '=', commissionerId)
    .orderBy('support_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A support with the owner fields its access check needs. */
export function findSupport(db: Kysely<DB>, scope: Scope, id: number) {
  let q = db
    .selectFrom('commissioner_supports as s')
    .innerJoin('commissioners as c', 'c.id', 's.commissioner_id')
    .selectAll('s')
    .select(['c.user_id as commissioner_user_id', 'c.name as commissioner_name'])
    .where('s.org_id', 'in', scope.orgIds)
    .where('s.id', '=', id);
  if (scope.userId !== undefined) q = q.where('c.user_id', '=', scope.userId);
  return q.executeTakeFirst();
}

export async function insertSupport(db: Kysely<DB>, row: Insertable<CommissionerSupportsTable>): Promise<number> {
  return (await db.insertInto('commissioner_supports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function supportById(db: Kysely<DB>, id: number) {
  return db.selectFrom('commissioner_supports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function deleteSupport(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('commissioner_supports').where('id', '=', id).execute();
}

// ---- evaluations ----

export function evaluationsOf(db: Kysely<DB>, commissionerId: number) {
  return db.selectFrom('commissioner_evaluations').selectAll().where('commissioner_id', '=', commissionerId).orderBy('year', 'desc').execute();
}

export function findEvaluation(db: Kysely<DB>, scope: Scope, id: number) {
  let q = db
    .selectFrom('commissioner_evaluations as v')
    .innerJoin('commissioners as c', 'c.id', 'v.commissioner_id')
    .selectAll('v')
    .select(['c.user_id as commissioner_user_id'])
    .where('v.org_id', 'in', scope.orgIds)
    .where('v.id', '=', id);
  if (scope.userId !== undefined) q = q.where('c.user_id', '=', scope.userId);
  return q.executeTakeFirst();
}

export function evaluationOfYear(db: Kysely<DB>, commissionerId: number, year: number) {
  return db.selectFrom('commissioner_evaluations').selectAll().where('commissioner_id', '=', commissionerId).where('year', '=', year).executeTakeFirst();
}

export async function insertEvaluation(db: Kysely<DB>, row: Insertable<CommissionerEvaluationsTable>): Promise<number> {
  return (await db.insertInto('commissioner_evaluations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEvaluation(db: Kysely<DB>, id: number, patch: { grade: string; note: string | null }): Promise<void> {
  await db.updateTable('commissioner_evaluations').set(patch).where('id', '=', id).execute();
}

export async function deleteEvaluation(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('commissioner_evaluations').where('id', '=', id).execute();
}

// ---- period figures ----

/**
 * The rows the period figures are counted from, narrowed by date in SQL; facts.ts decides what
 * counts. Years are those of the period's first and last day.
 */
export async function factRows(db: Kysely<DB>, orgIds: number[], period: { from: string; to: string; fromYear: number; toYear: number }) {
  const [commissioners, logs, supports, evaluations] = await Promise.all([
    db
      .selectFrom('commissioners')
      .select(['id', 'status', 'term_start_year', 'term_end_year'])
      .where('org_id', 'in', orgIds)
      .where('term_start_year', '<=', period.toYear)
      .where('term_end_year', '>=', period.fromYear)
      .execute(),
    db
      .selectFrom('service_logs as l')
      .leftJoin('places as pl', 'pl.id', 'l.place_id')
      .leftJoin('places as pp', 'pp.id', 'pl.parent_id')
      .select([
        'l.id',
        'l.commissioner_id',
        'l.log_date',
        'l.people_served',
        'l.new_techniques',
        'pl.id as place_id',
        'pl.level as place_level',
        'pl.name as place_name',
        'pp.id as parent_id',
        'pp.name as parent_name',
      ])
      .where('l.org_id', 'in', orgIds)
      .where('l.log_date', '>=', period.from)
      .where('l.log_date', '<=', period.to)
      .execute(),
    db
      .selectFrom('commissioner_supports')
      .select(['id', 'support_date', 'amount'])
      .where('org_id', 'in', orgIds)
      .where('support_date', '>=', period.from)
      .where('support_date', '<=', period.to)
      .execute(),
    db.selectFrom('commissioner_evaluations').select(['id', 'year', 'grade']).where('org_id', 'in', orgIds).where('year', '=', period.toYear).execute(),
  ]);
  return { commissioners, logs, supports, evaluations };
}
