import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO-8601 UTC strings and dates are YYYY-MM-DD strings in both dialects;
// flags are 0/1 integers; JSON is text. One representation keeps one code path.

export interface OrgsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  level: string;
  region_code: string | null;
  /** Materialised path of ids, e.g. `/1/4/9/`, so descendants are a prefix match. */
  path: string;
  created_at: string;
  /** 1, or 0 once deactivated: its users, and those of the organisations below it, cannot sign in. Nothing is deleted. */
  active: Generated<number>;
}

export interface SectionsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  name: string;
  sort_order: number;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  org_id: number;
  username: string;
  display_name: string;
  role: string;
  section_id: number | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<number>;
  disabled: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the value itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Failed logins for usernames of no account, counted like users.failed_logins (see auth/repo.ts). */
export interface LoginFailuresTable {
  /** Lower-cased as typed. */
  username: string;
  failed_logins: number;
  locked_until: string | null;
  updated_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: number;
  user_id: number | null;
  at: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface PlacesTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  parent_id: number | null;
  level: string;
  name: string;
  code: string | null;
  sort_order: number;
}

export interface DepartmentsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  name: string;
  short_name: string | null;
  sort_order: number;
  active: number;
}

export interface DictionariesTable {
  id: Generated<number>;
  org_id: number;
  code: string;
  name: string;
  description: string | null;
}

export interface DictionaryItemsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  dictionary_id: number;
  value: string;
  label: string;
  sort_order: number;
  active: number;
  /** The measure word the summary counts this item's records with (项, 个, 家); null → the figure's own unit. */
  measure: string | null;
}

export interface FilesTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  created_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

/** A bigint column: PostgreSQL returns it as a string, SQLite as a number; read it through Number(). */
export type BigIntColumn = ColumnType<number | string, number, number>;

export interface EnterprisesTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  section_id: number | null;
  name: string;
  credit_code: string | null;
  kind: string;
  industry: string;
  town_id: number | null;
  address: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface VisitsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  section_id: number | null;
  visit_date: string;
  purpose: string;
  findings: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface VisitStaffTable {
  visit_id: number;
  user_id: number;
}

export interface VisitEnterprisesTable {
  visit_id: number;
  enterprise_id: number;
}

export interface ProjectsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  section_id: number | null;
  title: string;
  enterprise_id: number | null;
  field: string;
  program: string | null;
  level: string | null;
  manager_id: number | null;
  amount_applied: BigIntColumn | null;
  amount_approved: BigIntColumn | null;
  amount_received: BigIntColumn | null;
  amount_self_raised: BigIntColumn | null;
  stage: string;
  lead_date: string | null;
  pool_date: string | null;
  applied_date: string | null;
  approved_date: string | null;
  ongoing_date: string | null;
  accepted_date: string | null;
  rejected_date: string | null;
  stopped_date: string | null;
  source_visit_id: number | null;
  description: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectStageEventsTable {
  id: Generated<number>;
  org_id: number;
  project_id: number;
  from_stage: string | null;
  to_stage: string;
  event_date: string;
  user_id: number | null;
  remark: string | null;
  created_at: string;
}

export interface ProjectFollowupsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  project_id: number;
  followup_date: string;
  staff_id: number;
  kind: string;
  found: string | null;
  solved: string | null;
  open_problems: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A dated milestone of a project (中期检查, 验收检查, 绩效评价 …), its kind from the milestone_kind dictionary. */
export interface ProjectMilestonesTable {
  id: Generated<number>;
  /** Counts changes from 1; a delete may name the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  project_id: number;
  kind: string;
  milestone_date: string;
  remark: string | null;
  created_by: number | null;
  created_at: string;
}

export interface CommissionersTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  section_id: number | null;
  name: string;
  gender: string;
  employer: string;
  title: string | null;
  specialty: string | null;
  phone: string | null;
  term_start_year: number;
  term_end_year: number;
  status: string;
  user_id: number | null;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommissionerPlacesTable {
  commissioner_id: number;
  place_id: number;
}

export interface CommissionerEnterprisesTable {
  commissioner_id: number;
  enterprise_id: number;
}

export interface ServiceLogsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  commissioner_id: number;
  log_date: string;
  place_id: number | null;
  enterprise_id: number | null;
  kind: string;
  content: string;
  people_served: number | null;
  problems_solved: string | null;
  new_techniques: string | null;
  confirmed_at: string | null;
  confirmed_by: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceLogFilesTable {
  log_id: number;
  file_id: number;
}

export interface CommissionerSupportsTable {
  id: Generated<number>;
  org_id: number;
  commissioner_id: number;
  support_date: string;
  kind: string;
  description: string;
  amount: BigIntColumn | null;
  created_by: number | null;
  created_at: string;
}

export interface CommissionerEvaluationsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  commissioner_id: number;
  year: number;
  grade: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  section_id: number | null;
  type: string;
  theme: string;
  start_date: string;
  end_date: string | null;
  role: string;
  organiser: string | null;
  expert_count: number | null;
  materials: number | null;
  books: number | null;
  leaflets: number | null;
  boards: number | null;
  consultations: number | null;
  attendees: number | null;
  people_sent: number | null;
  /** Person-times trained (培训人次). */
  trainees: number | null;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface EventPlacesTable {
  event_id: number;
  place_id: number;
}

export interface EventEnterprisesTable {
  event_id: number;
  enterprise_id: number;
}

export interface EventDepartmentsTable {
  event_id: number;
  department_id: number;
}

export interface WorklistsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  /** Stable, unique in the organisation: templates name the list's facts by it (migration 0008). */
  key: string;
  name: string;
  topic: string | null;
  description: string | null;
  definition_json: string;
  sort_order: number;
  archived: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface WorklistItemsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  list_id: number;
  section_id: number | null;
  title: string;
  values_json: string;
  search_text: string;
  status: string;
  responsible_id: number | null;
  deadline: string | null;
  registered_date: string;
  closed_date: string | null;
  closing_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface WorklistProgressTable {
  id: Generated<number>;
  org_id: number;
  item_id: number;
  entry_date: string;
  content: string;
  from_status: string | null;
  to_status: string | null;
  user_id: number | null;
  created_at: string;
}

export interface ReportTemplatesTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  name: string;
  definition_json: string;
  is_default: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  /** Counts changes from 1; a write names the version it read (If-Match). */
  version: Generated<number>;
  org_id: number;
  title: string;
  period_from: string;
  period_to: string;
  period_label: string;
  template_id: number | null;
  template_json: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReportVersionsTable {
  id: Generated<number>;
  org_id: number;
  report_id: number;
  version_no: number;
  content_json: string;
  generated_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

/** The first answer to a create sent with an Idempotency-Key, replayed when the same user sends the key again. */
export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response_json: string;
  created_at: string;
}

export interface DB {
  idempotency_keys: IdempotencyKeysTable;
  report_templates: ReportTemplatesTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  worklists: WorklistsTable;
  worklist_items: WorklistItemsTable;
  worklist_progress: WorklistProgressTable;
  commissioners: CommissionersTable;
  commissioner_places: CommissionerPlacesTable;
  commissioner_enterprises: CommissionerEnterprisesTable;
  service_logs: ServiceLogsTable;
  service_log_files: ServiceLogFilesTable;
  commissioner_supports: CommissionerSupportsTable;
  commissioner_evaluations: CommissionerEvaluationsTable;
  events: EventsTable;
  event_places: EventPlacesTable;
  event_enterprises: EventEnterprisesTable;
  event_departments: EventDepartmentsTable;
  enterprises: EnterprisesTable;
  visits: VisitsTable;
  visit_staff: VisitStaffTable;
  visit_enterprises: VisitEnterprisesTable;
  projects: ProjectsTable;
  project_stage_events: ProjectStageEventsTable;
  project_followups: ProjectFollowupsTable;
  project_milestones: ProjectMilestonesTable;
  orgs: OrgsTable;
  sections: SectionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  places: PlacesTable;
  departments: DepartmentsTable;
  dictionaries: DictionariesTable;
  dictionary_items: DictionaryItemsTable;
  files: FilesTable;
  app_meta: AppMetaTable;
}

export type OrgRow = Selectable<OrgsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SectionRow = Selectable<SectionsTable>;
export type PlaceRow = Selectable<PlacesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type DictionaryRow = Selectable<DictionariesTable>;
export type DictionaryItemRow = Selectable<DictionaryItemsTable>;
export type EnterpriseRow = Selectable<EnterprisesTable>;
export type VisitRow = Selectable<VisitsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type FollowupRow = Selectable<ProjectFollowupsTable>;
export type MilestoneRow = Selectable<ProjectMilestonesTable>;
export type CommissionerRow = Selectable<CommissionersTable>;
export type ServiceLogRow = Selectable<ServiceLogsTable>;
export type EventRow = Selectable<EventsTable>;
export type WorklistRow = Selectable<WorklistsTable>;
export type WorklistItemRow = Selectable<WorklistItemsTable>;
export type ReportTemplateRow = Selectable<ReportTemplatesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type ReportVersionRow = Selectable<ReportVersionsTable>;
