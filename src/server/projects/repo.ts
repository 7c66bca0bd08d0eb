import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { PROJECT_SORTS, Stage } from '../../shared/projects.js';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows } from '../db/sql-helpers.js';
import type { DB, ProjectsTable } from '../db/types.js';
import type { Insertable, Updateable } from 'kysely';

export type ProjectInsert = Insertable<ProjectsTable>;
export type ProjectPatch = Omit<Updateable<ProjectsTable>, 'id' | 'org_id' | 'created_at' | 'created_by'>;

function projectView(db: Kysely<DB>) {
  return db
    .selectFrom('projects as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('places as t', 't.id', 'e.town_id')
    .leftJoin('users as m', 'm.id', 'p.manager_id')
    .selectAll('p')
    .select(['e.name as enterprise_name', 'e.town_id as town_id', 't.name as town_name', 'm.display_name as manager_name'])
    .select((eb) => [
      eb.selectFrom('project_followups as f').select(eb.fn.countAll<number>().as('c')).whereRef('f.project_id', '=', 'p.id').as('followup_count'),
      eb
        .selectFrom('project_followups as f')
        .select((f) => f.fn.max('f.followup_date').as('d'))
        .whereRef('f.project_id', '=', 'p.id')
        .as('last_followup_date'),
    ]);
}

export type ProjectView = NonNullable<Awaited<ReturnType<typeof findProject>>>;

export function findProject(db: Kysely<DB>, orgIds: number[], id: number) {
  return projectView(db).where('p.org_id', 'in', orgIds).where('p.id', '=', id).executeTakeFirst();
}

export interface ProjectFilter {
  orgIds: number[];
  q?: string | null;
  stages?: Stage[];
  program?: string;
  level?: string;
  field?: string;
  townId?: number;
  managerId?: number;
  enterpriseId?: number;
  dateColumn?: 'lead_date' | 'pool_date' | 'applied_date' | 'approved_date' | 'accepted_date';
  from?: string;
  to?: string;
}

function applyFilter<O>(
  q: SelectQueryBuilder<DB & { p: DB['projects'] }, 'p', O>,
  dialect: DialectName,
  f: ProjectFilter,
  withStage = true,
): SelectQueryBuilder<DB & { p: DB['projects'] }, 'p', O> {
  q = q.where('p.org_id', 'in', f.orgIds);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(dialect, 'p.title', text),
        eb.exists(
          eb
            .selectFrom('enterprises as qe')
            .select('qe.id')
            .whereRef('qe.id', '=', 'p.enterprise_id')
            .where(containsText(dialect, 'qe.name', text)),
        ),
      ]),
    );
  }
  if (withStage && f.stages?.length) q = q.where('p.stage', 'in', f.stages);
  if (f.program) q = q.where('p.program', '=', f.program);
  if (f.level) q = q.where('p.level', '=', f.level);
  if (f.field) q = q.where('p.field', '=', f.field);
  if (f.managerId) q = q.where('p.manager_id', '=', f.managerId);
  if (f.enterpriseId) q = q.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.townId) {
    const townId = f.townId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('enterprises as te').select('te.id').whereRef('te.id', '=', 'p.enterprise_id').where('te.town_id', '=', townId)),
    );
  }
  if (f.dateColumn && f.from) q = q.where(`p.${f.dateColumn}`, '>=', f.from);
  if (f.dateColumn && f.to) q = q.where(`p.${f.dateColumn}`, '<=', f.to);
  return q;
}

const SORT_COLUMNS: Record<(typeof PROJECT_SORTS)[number], string> = {
  title: 'p.title',
  stage: 'p.stage',
  appliedDate: 'p.applied_date',
  approvedDate: 'p.approved_date',
  updatedAt: 'p.updated_at',
  amountApproved: 'p.amount_approved',
  enterpriseName: 'enterprise_name',
};

export async function listProjects(
  db: Kysely<DB>,
  dialect: DialectName,
  filter: ProjectFilter,
  sort: (typeof PROJECT_SORTS)[number],
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
) {
  const counted = applyFilter(db.selectFrom('projects as p'), dialect, filter);
  const total = await countRows(counted.select((eb) => eb.fn.countAll().as('count')));
  const rows = await applyFilter(projectView(db), dialect, filter)
    .orderBy(sql.ref(SORT_COLUMNS[sort]), (ob) => (order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('p.id', order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

/** How many projects are at each stage, under the same filters as the list except the stage. */
export async function stageCounts(db: Kysely<DB>, dialect: DialectName, filter: ProjectFilter) {
  return applyFilter(db.selectFrom('projects as p'), dialect, filter, false)
    .select(['p.stage', (eb) => eb.fn.countAll().as('count')])
    .groupBy('p.stage')
    .execute();
}

export async function insertProject(db: Kysely<DB>, row: ProjectInsert): Promise<number> {
  return (await db.insertInto('projects').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProject(db: Kysely<DB>, id: number, patch: ProjectPatch): Promise<void> {
  await db.updateTable('projects').set(patch).where('id', '=', id).execute();
}

export async function deleteProject(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('projects').where('id', '=', id).execute();
}

export function stageEvents(db: Kysely<DB>, projectId: number) {
  return db
    .selectFrom('project_stage_events as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.display_name')
    .where('s.project_id', '=', projectId)
    .orderBy('s.event_date')
    .orderBy('s.id')
    .execute();
}

export async function insertStageEvents(
  db: Kysely<DB>,
  rows: {
    org_id: number;
    project_id: number;
    from_stage: string | null;
    to_stage: string;
    event_date: string;
    user_id: number;
    remark: string | null;
    created_at: string;
  }[],
): Promise<void> {
  if (rows.length) await db.insertInto('project_stage_events').values(rows).execute();
}

export async function deleteStageEvent(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('project_stage_events').where('id', '=', id).execute();
}

/** The visits a project came from or that saw its applicant; none (and no query) when it has neither. */
export async function visitsOfProject(db: Kysely<DB>, project: { id: number; source_visit_id: number | null; enterprise_id: number | null }) {
  // No "where false" fallback: better-sqlite3 refuses a bound JS boolean.
  if (!project.source_visit_id && !project.enterprise_id) return [];
  return db
    .selectFrom('visits as v')
    .select(['v.id', 'v.visit_date', 'v.purpose'])
    .where((eb) => {
      const ors = [];
      if (project.source_visit_id) ors.push(eb('v.id', '=', project.source_visit_id));
      if (project.enterprise_id) {
        ors.push(
          eb.exists(
            eb
              .selectFrom('visit_enterprises as ve')
              .select('ve.visit_id')
              .whereRef('ve.visit_id', '=', 'v.id')
              .where('ve.enterprise_id', '=', project.enterprise_id),
          ),
        );
      }
      return eb.or(ors);
    })
    .orderBy('v.visit_date', 'desc')
    .execute();
}
