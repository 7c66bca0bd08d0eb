import type { Kysely } from 'kysely';
import { countRows } from '../db/sql-helpers.js';
import type { DB, FollowupRow } from '../db/types.js';

function view(db: Kysely<DB>) {
  return db
    .selectFrom('project_followups as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .innerJoin('users as u', 'u.id', 'f.staff_id')
    .selectAll('f')
    .select(['p.title as project_title', 'p.section_id as project_section_id', 'u.display_name as staff_name']);
}

export type FollowupView = NonNullable<Awaited<ReturnType<typeof findFollowup>>>;

export function findFollowup(db: Kysely<DB>, orgIds: number[], id: number) {
  return view(db).where('f.org_id', 'in', orgIds).where('f.id', '=', id).executeTakeFirst();
}

export async function listFollowups(
  db: Kysely<DB>,
  filter: { orgIds: number[]; projectId?: number; staffId?: number; from?: string; to?: string },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('project_followups as f').where('f.org_id', 'in', filter.orgIds);
  if (filter.projectId) q = q.where('f.project_id', '=', filter.projectId);
  if (filter.staffId) q = q.where('f.staff_id', '=', filter.staffId);
  if (filter.from) q = q.where('f.followup_date', '>=', filter.from);
  if (filter.to) q = q.where('f.followup_date', '<=', filter.to);
  const total = await countRows(q.select((eb) => eb.fn.countAll().as('count')));
  const rows = await view(db)
    .where('f.id', 'in', q.select('f.id'))
    .orderBy('f.followup_date', 'desc')
    .orderBy('f.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

export async function insertFollowup(db: Kysely<DB>, row: Omit<FollowupRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('project_followups').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFollowup(db: Kysely<DB>, id: number, patch: Partial<Omit<FollowupRow, 'id' | 'org_id' | 'project_id'>>): Promise<void> {
  await db.updateTable('project_followups').set(patch).where('id', '=', id).execute();
}

export async function deleteFollowup(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('project_followups').where('id', '=', id).execute();
}
