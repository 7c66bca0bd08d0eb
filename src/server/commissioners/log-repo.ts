import type { Insertable, Kysely, Updateable } from 'kysely';
import { countRows } from '../db/sql-helpers.js';
import type { DB, ServiceLogsTable } from '../db/types.js';
import type { Scope } from './repo.js';

export type ServiceLogInsert = Insertable<ServiceLogsTable>;
export type ServiceLogPatch = Omit<Updateable<ServiceLogsTable>, 'id' | 'org_id' | 'commissioner_id' | 'created_at' | 'created_by'>;

/** A log with its commissioner, its place and that place's parent (the town of a village), and who created and confirmed it. */
function logView(db: Kysely<DB>) {
  return db
    .selectFrom('service_logs as l')
    .innerJoin('commissioners as c', 'c.id', 'l.commissioner_id')
    .leftJoin('places as pl', 'pl.id', 'l.place_id')
    .leftJoin('places as pp', 'pp.id', 'pl.parent_id')
    .leftJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('users as cu', 'cu.id', 'l.created_by')
    .leftJoin('users as fu', 'fu.id', 'l.confirmed_by')
    .selectAll('l')
    .select([
      'c.name as commissioner_name',
      'c.user_id as commissioner_user_id',
      'pl.name as place_name',
      'pl.level as place_level',
      'pp.id as parent_place_id',
      'pp.name as parent_place_name',
      'e.name as enterprise_name',
      'cu.display_name as created_by_name',
      'fu.display_name as confirmed_by_name',
    ]);
}

export type ServiceLogView = NonNullable<Awaited<ReturnType<typeof findLog>>>;

export function findLog(db: Kysely<DB>, scope: Scope, id: number) {
  let q = logView(db).where('l.org_id', 'in', scope.orgIds).where('l.id', '=', id);
  if (scope.userId !== undefined) q = q.where('c.user_id', '=', scope.userId);
  return q.executeTakeFirst();
}

export interface ServiceLogFilter extends Scope {
  commissionerId?: number;
  /** The log's place is this town or a village in it. */
  townId?: number;
  kind?: string;
  confirmed?: boolean;
  from?: string;
  to?: string;
}

export async function listLogs(db: Kysely<DB>, filter: ServiceLogFilter, page: number, pageSize: number) {
  let base = db.selectFrom('service_logs as l').innerJoin('commissioners as c', 'c.id', 'l.commissioner_id').where('l.org_id', 'in', filter.orgIds);
  if (filter.userId !== undefined) base = base.where('c.user_id', '=', filter.userId);
  if (filter.commissionerId) base = base.where('l.commissioner_id', '=', filter.commissionerId);
  if (filter.townId) {
    const townId = filter.townId;
    base = base.where((eb) =>
      eb.or([eb('l.place_id', '=', townId), eb('l.place_id', 'in', eb.selectFrom('places as v').select('v.id').where('v.parent_id', '=', townId))]),
    );
  }
  if (filter.kind) base = base.where('l.kind', '=', filter.kind);
  if (filter.confirmed === true) base = base.where('l.confirmed_at', 'is not', null);
  if (filter.confirmed === false) base = base.where('l.confirmed_at', 'is', null);
  if (filter.from) base = base.where('l.log_date', '>=', filter.from);
  if (filter.to) base = base.where('l.log_date', '<=', filter.to);
  const total = await countRows(base.select((eb) => eb.fn.countAll().as('count')));
  const rows = await logView(db)
    .where('l.id', 'in', base.select('l.id'))
    .orderBy('l.log_date', 'desc')
    .orderBy('l.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** The attached files of several logs at once (metadata only, never the bytes). */
export function filesOfLogs(db: Kysely<DB>, logIds: number[]) {
  if (!logIds.length) return Promise.resolve([]);
  return db
    .selectFrom('service_log_files as lf')
    .innerJoin('files as f', 'f.id', 'lf.file_id')
    .select(['lf.log_id', 'f.id', 'f.name', 'f.mime_type', 'f.size'])
    .where('lf.log_id', 'in', logIds)
    .orderBy('f.id')
    .execute();
}

export async function insertLog(db: Kysely<DB>, row: ServiceLogInsert): Promise<number> {
  return (await db.insertInto('service_logs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateLog(db: Kysely<DB>, id: number, patch: ServiceLogPatch): Promise<void> {
  await db.updateTable('service_logs').set(patch).where('id', '=', id).execute();
}

export async function replaceLogFiles(db: Kysely<DB>, logId: number, fileIds: number[]): Promise<void> {
  await db.deleteFrom('service_log_files').where('log_id', '=', logId).execute();
  if (fileIds.length)
    await db
      .insertInto('service_log_files')
      .values(fileIds.map((file_id) => ({ log_id: logId, file_id })))
      .execute();
}

export async function deleteLog(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('service_log_files').where('log_id', '=', id).execute();
  await db.deleteFrom('service_logs').where('id', '=', id).execute();
}
