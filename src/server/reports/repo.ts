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
    .select((eb) => eb.selectFrom('report_versions as v').select((v) => v.fn.max('v.version_no').as('n')).whereRef('v.report_id', '=', 'r.id').as('latest_version'));

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

export async function touchReport(db: Kysely<DB>, id: number, title: string, now: string): Promise<void> {
  await db.updateTable('reports').set({ title, updated_at: now }).where('id', '=', id).execute();
}

export async function deleteReport(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('reports').where('id', '=', id).execute();
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
