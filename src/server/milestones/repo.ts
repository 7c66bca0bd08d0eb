import type { Kysely } from 'kysely';
import type { DB, MilestoneRow } from '../db/types.js';

function view(db: Kysely<DB>) {
  return db
    .selectFrom('project_milestones as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('dictionaries as d', (join) => join.onRef('d.org_id', '=', 'm.org_id').on('d.code', '=', 'milestone_kind'))
    .leftJoin('dictionary_items as k', (join) => join.onRef('k.dictionary_id', '=', 'd.id').onRef('k.value', '=', 'm.kind'))
    .selectAll('m')
    .select(['p.section_id as project_section_id', 'u.display_name as created_by_name', 'k.label as kind_label']);
}

export type MilestoneView = NonNullable<Awaited<ReturnType<typeof findMilestone>>>;

/** A milestone of the organisations read, or undefined. */
export function findMilestone(db: Kysely<DB>, orgIds: number[], id: number) {
  return view(db).where('m.org_id', 'in', orgIds).where('m.id', '=', id).executeTakeFirst();
}

/** A project's milestones, latest first. */
export function listMilestones(db: Kysely<DB>, projectId: number) {
  return view(db).where('m.project_id', '=', projectId).orderBy('m.milestone_date', 'desc').orderBy('m.id', 'desc').execute();
}

export async function insertMilestone(db: Kysely<DB>, row: Omit<MilestoneRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('project_milestones').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteMilestone(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('project_milestones').where('id', '=', id).execute();
}
