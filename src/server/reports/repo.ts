import type { Kysely } from 'kysely';
import type { DB, ReportRow, ReportTemplateRow, ReportVersionRow } from '../db/types.js';

export function listTemplates(db: Kysely<DB>, orgId: number): Promise<ReportTemplateRow[]> {
  return db.selectFrom('report_templates').selectAll().where('org_id', '=', orgId).orderBy('is_default', 'desc').orderBy('id').execute();
}

export function findTemplate(db: Kysely<DB>, orgId: number, id: number): Promise<ReportTemplateRow | undefined> {
  return db.selectFrom('report_templates').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findTemplateByName(db: Kysely<DB>, orgId: number, name: string): Promise<ReportTemplateRow | undefined> {
  return db.selectFrom('report_templates').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export async function insertTemplate(db: Kysely<DB>, row: Omit<ReportTemplateRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('report_templates').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTemplate(db: Kysely<DB>, id: number, patch: Partial<Omit<ReportTemplateRow, 'id' | 'org_id'>>): Promise<void> {
  await db.updateTable('report_templates').set(patch).where('id', '=', id).execute();
}

export async function deleteTemplate(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('report_templates').where('id', '=', id).execute();
}

const REPORT_COLUMNS = (db: Kysely<DB>) =>
  db
    .selectFrom('reports as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select('u.display_name as created_by_name')
    .select((eb) =>
      eb
        .selectFrom('report_versions as v')
        .select((v) => v.fn.max('v.version_no').as('n'))
        .whereRef('v.report_id', '=', 'r.id')
        .as('latest_version'),
    );

export type ReportView = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export function listReports(db: Kysely<DB>, orgIds: number[]) {
  return REPORT_COLUMNS(db).where('r.org_id', 'in', orgIds).orderBy('r.period_from', 'desc').orderBy('r.id', 'desc').execute();
}

export function findReport(db: Kysely<DB>, orgIds: number[], id: number) {
  return REPORT_COLUMNS(db).where('r.org_id', 'in', orgIds).where('r.id', '=', id).executeTakeFirst();
}

export async function insertReport(db: Kysely<DB>, row: Omit<ReportRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The template copy a report drafts with (taken over from the template's current version). */
export async function setReportTemplate(db: Kysely<DB>, id: number, templateJson: string): Promise<void> {
  await db.updateTable('reports').set({ template_json: templateJson }).where('id', '=', id).execute();
}

export async function touchReport(db: Kysely<DB>, id: number, title: string, now: string): Promise<void> {
  await db.updateTable('reports').set({ title, updated_at: now }).where('id', '=', id).execute();
}

export function listVersions(db: Kysely<DB>, reportId: number) {
  return db
    .selectFrom('report_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.display_name as created_by_name')
    .where('v.report_id', '=', reportId)
    .orderBy('v.version_no', 'desc')
    .execute();
}

export function findVersion(db: Kysely<DB>, reportId: number, versionNo: number) {
  return db
    .selectFrom('report_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.display_name as created_by_name')
    .where('v.report_id', '=', reportId)
    .where('v.version_no', '=', versionNo)
    .executeTakeFirst();
}

export async function insertVersion(db: Kysely<DB>, row: Omit<ReportVersionRow, 'id' | 'version'>): Promise<void> {
  await db.insertInto('report_versions').values(row).execute();
}

/** The records a figure counted, each with a label and the page that shows it; null for a record type it does not know. */
export async function traceRows(
  db: Kysely<DB>,
  orgIds: number[],
  recordType: string,
  ids: number[],
): Promise<{ id: number; label: string; link: string }[] | null> {
  switch (recordType) {
    case 'project':
      return (
        await db.selectFrom('projects').select(['id', 'title', 'stage']).where('org_id', 'in', orgIds).where('id', 'in', ids).orderBy('id').execute()
      ).map((r) => ({ id: r.id, label: r.title, link: `/projects/${r.id}` }));
    case 'event':
      return (
        await db
          .selectFrom('events')
          .select(['id', 'theme', 'type', 'start_date'])
          .where('org_id', 'in', orgIds)
          .where('id', 'in', ids)
          .orderBy('start_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.start_date} ${r.type}:${r.theme}`, link: `/events/${r.id}` }));
    case 'visit':
      return (
        await db
          .selectFrom('visits')
          .select(['id', 'visit_date', 'purpose'])
          .where('org_id', 'in', orgIds)
          .where('id', 'in', ids)
          .orderBy('visit_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.visit_date} ${r.purpose}`, link: `/visits/${r.id}` }));
    case 'enterprise':
      return (await db.selectFrom('enterprises').select(['id', 'name']).where('org_id', 'in', orgIds).where('id', 'in', ids).orderBy('id').execute()).map(
        (r) => ({ id: r.id, label: r.name, link: `/enterprises/${r.id}` }),
      );
    case 'followup':
      return (
        await db
          .selectFrom('project_followups as f')
          .innerJoin('projects as p', 'p.id', 'f.project_id')
          .select(['f.id', 'f.followup_date', 'p.title', 'p.id as project_id'])
          .where('f.org_id', 'in', orgIds)
          .where('f.id', 'in', ids)
          .orderBy('f.followup_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.followup_date} 跟踪服务:${r.title}`, link: `/projects/${r.project_id}` }));
    case 'commissioner':
      return (
        await db.selectFrom('commissioners').select(['id', 'name', 'employer']).where('org_id', 'in', orgIds).where('id', 'in', ids).orderBy('id').execute()
      ).map((r) => ({ id: r.id, label: `${r.name}(${r.employer})`, link: `/commissioners/${r.id}` }));
    case 'service_log':
      return (
        await db
          .selectFrom('service_logs as l')
          .innerJoin('commissioners as c', 'c.id', 'l.commissioner_id')
          .select(['l.id', 'l.log_date', 'l.content', 'c.name', 'c.id as cid'])
          .where('l.org_id', 'in', orgIds)
          .where('l.id', 'in', ids)
          .orderBy('l.log_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.log_date} ${r.name}:${r.content}`, link: `/commissioners/${r.cid}` }));
    case 'commissioner_support':
      return (
        await db
          .selectFrom('commissioner_supports')
          .select(['id', 'support_date', 'description', 'commissioner_id'])
          .where('org_id', 'in', orgIds)
          .where('id', 'in', ids)
          .orderBy('support_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.support_date} ${r.description}`, link: `/commissioners/${r.commissioner_id}` }));
    case 'worklist_item':
      return (await db.selectFrom('worklist_items').select(['id', 'title']).where('org_id', 'in', orgIds).where('id', 'in', ids).orderBy('id').execute()).map(
        (r) => ({ id: r.id, label: r.title, link: `/worklist-items/${r.id}` }),
      );
    case 'milestone':
      return (
        await db
          .selectFrom('project_milestones as m')
          .innerJoin('projects as p', 'p.id', 'm.project_id')
          .select(['m.id', 'm.milestone_date', 'm.kind', 'p.title', 'p.id as project_id'])
          .where('m.org_id', 'in', orgIds)
          .where('m.id', 'in', ids)
          .orderBy('m.milestone_date')
          .execute()
      ).map((r) => ({ id: r.id, label: `${r.milestone_date} ${r.kind}:${r.title}`, link: `/projects/${r.project_id}` }));
    default:
      return null;
  }
}
