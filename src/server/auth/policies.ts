import type {
  CommissionerPolicies,
  ListPolicies,
  MePolicies,
  RecordPolicies,
  ReportPolicies,
  ServiceLogPolicies,
  UserPolicies,
  WorklistPolicies,
} from '../../shared/policies.js';
import type { OrgPolicies } from '../../shared/orgs.js';
import { forbidden } from '../http/errors.js';
import { type Actor, canEditRecord, readsSubtree } from './actor.js';

// What an actor may do with each kind of record: the one place these rules live. Services check them
// before a change (assertAllowed(policies.x, message) → 403) and present them with the record
// (`policies`), so the web app shows exactly the buttons the server will honour (STYLE §10).
// A policy is about who acts; what the record's state allows (a default template, an archived
// list) stays with the service, as a 409.

/** Who owns a ledger record: its organisation and its section (null: the organisation as a whole). */
export interface Owner {
  orgId: number;
  sectionId: number | null;
}

/** Refuses (403) what a policy does not allow, with the message the user reads (none: the generic one). */
export function assertAllowed(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}

/** Why a change of a ledger record is refused, as the user reads it. */
export function editRefusal(actor: Actor): string {
  if (actor.role === 'commissioner') return '科技特派员只能填写自己的服务日志';
  return actor.role === 'staff' ? '只能修改本股室的记录' : '没有权限修改此记录';
}

/** Admins, leaders and staff keep the ledgers; commissioners only their own service logs. */
export const writesLedgers = (actor: Pick<Actor, 'role'>): boolean => actor.role !== 'commissioner';
const leads = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'leader' || actor.role === 'admin';
const ownOrg = (actor: Actor, orgId: number): boolean => orgId === actor.orgId;

// ---------- the typed ledgers ----------

/**
 * A record of a typed ledger (project, enterprise, visit, event; a follow-up, milestone or item by its
 * project's section): in one's own organisation, staff their own section's (or no section's),
 * leaders and admins all. Leaders of a higher organisation read records below it but change none.
 */
export function ledgerRecordPolicies(actor: Actor, owner: Owner): RecordPolicies {
  const may = writesLedgers(actor) && canEditRecord(actor, owner);
  return { update: may, delete: may };
}

/** @alias */
export const projectPolicies = ledgerRecordPolicies;
/** @alias */
export const enterprisePolicies = ledgerRecordPolicies;
/** @alias */
export const visitPolicies = ledgerRecordPolicies;
/** @alias */
export const eventPolicies = ledgerRecordPolicies;
/** A follow-up of a project: owned by the project's section. */
/** @alias */
export const followupPolicies = ledgerRecordPolicies;

/** A milestone of a project: recorded and deleted by who may change the project. */
export function milestonePolicies(actor: Actor, projectOwner: Owner): { delete: boolean } {
  return { delete: ledgerRecordPolicies(actor, projectOwner).update };
}

/** Adding to a typed ledger (the new record goes to one's own organisation and section). */
export function ledgerListPolicies(actor: Actor): ListPolicies {
  return { create: writesLedgers(actor) };
}

// ---------- commissioners ----------

/** Roster entries are kept by the bureau: admins, leaders, and staff for their own section's. */
export function commissionerPolicies(actor: Actor, owner: Owner): CommissionerPolicies {
  const roster = writesLedgers(actor) && canEditRecord(actor, owner);
  return { update: roster, delete: roster, createLog: mayWriteLogFor(actor, owner.orgId), manageSupport: mayManageSupport(actor, owner.orgId) };
}

/** A commissioner keeps their own profile's logs; the bureau may log for any of its commissioners. */
export function commissionerListPolicies(actor: Actor): ListPolicies {
  return { create: writesLedgers(actor) };
}

/**
 * Who may write a log of a commissioner: anyone of that commissioner's own bureau who reads it
 * (staff and admins for any commissioner, a commissioner for their own, the only one they read).
 * Leaders of a higher organisation read but do not write.
 */
export function mayWriteLogFor(actor: Actor, commissionerOrgId: number): boolean {
  return ownOrg(actor, commissionerOrgId);
}

/** Support given and yearly evaluations are recorded by leaders and admins of the commissioner's own bureau. */
export function mayManageSupport(actor: Actor, commissionerOrgId: number): boolean {
  return leads(actor) && ownOrg(actor, commissionerOrgId);
}

export function supportPolicies(actor: Actor, orgId: number): { delete: boolean } {
  return { delete: mayManageSupport(actor, orgId) };
}

export function evaluationPolicies(actor: Actor, orgId: number): RecordPolicies {
  const may = mayManageSupport(actor, orgId);
  return { update: may, delete: may };
}

/** A confirmed (审核) log is locked: only a leader may change or delete it; only leaders confirm. */
export function serviceLogPolicies(actor: Actor, log: { orgId: number; confirmed: boolean }): ServiceLogPolicies {
  const writes = mayWriteLogFor(actor, log.orgId);
  const change = writes && (!log.confirmed || actor.role === 'leader');
  return { update: change, delete: change, confirm: writes && actor.role === 'leader' };
}

/** Anyone may log a service: commissioners their own, the bureau's people for its commissioners. */
export function serviceLogListPolicies(_actor: Actor): ListPolicies {
  return { create: true };
}

// ---------- work lists ----------

/** Defining work lists (and the summary's templates) is for admins and leaders. */
/** @alias */
export const designsWorklists = leads;

/** A work list: designed by admins and leaders of its organisation; items registered by its ledger keepers. */
export function worklistPolicies(actor: Actor, list: { orgId: number }): WorklistPolicies {
  const design = designsWorklists(actor) && ownOrg(actor, list.orgId);
  return { update: design, delete: design, createItem: writesLedgers(actor) && ownOrg(actor, list.orgId) };
}

export function worklistListPolicies(actor: Actor): ListPolicies {
  return { create: designsWorklists(actor) };
}

/** An item: its section's staff, leaders and admins of the bureau, and the person responsible for it. */
export function worklistItemPolicies(actor: Actor, item: Owner & { responsibleId: number | null }): RecordPolicies {
  const may = writesLedgers(actor) && (canEditRecord(actor, item) || (ownOrg(actor, item.orgId) && item.responsibleId === actor.userId));
  return { update: may, delete: may };
}

export function worklistItemRefusal(actor: Actor): string {
  if (actor.role === 'commissioner') return editRefusal(actor);
  return actor.role === 'staff' ? '只能修改本股室的记录或自己负责的条目' : '没有权限修改此记录';
}

// ---------- work summaries ----------

/**
 * Drafting a summary: any ledger keeper for their own organisation, but one with subordinates only
 * by who reads them all (leaders, admins): its summary states the figures of every organisation
 * below (全市…), which staff, reading their own bureau's records, would state as the city's.
 */
export function mayDraftReport(actor: Pick<Actor, 'role'>, hasSubordinates: boolean): boolean {
  return writesLedgers(actor) && (!hasSubordinates || readsSubtree(actor));
}

export function reportListPolicies(actor: Actor, hasSubordinates: boolean): ListPolicies {
  return { create: mayDraftReport(actor, hasSubordinates) };
}

/** A summary's versions are saved by its own organisation's ledger keepers. */
export function reportPolicies(actor: Actor, report: { orgId: number }): ReportPolicies {
  return { update: writesLedgers(actor) && ownOrg(actor, report.orgId) };
}

/** Templates (always of one's own organisation) are kept by admins and leaders. */
/** @alias */
export const editsTemplates = leads;

export function templatePolicies(actor: Actor): RecordPolicies {
  return { update: editsTemplates(actor), delete: editsTemplates(actor) };
}

export function templateListPolicies(actor: Actor): ListPolicies {
  return { create: editsTemplates(actor) };
}

/** The roll-up of the organisations below (figures side by side) is read by leaders and admins. */
/** @alias */
export const readsRollup = leads;

// ---------- files ----------

/** The uploader, or an admin or leader of the organisation, may delete a file. */
export function filePolicies(actor: Actor, file: { orgId: number; uploadedBy: number | null }): { delete: boolean } {
  return { delete: ownOrg(actor, file.orgId) && (file.uploadedBy === actor.userId || leads(actor)) };
}

// ---------- administration ----------

/** Reference data (sections, places, departments, dictionaries) is kept by the admins of its organisation. */
export const managesReference = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'admin';

export function referencePolicies(actor: Actor, row: { orgId: number }): RecordPolicies {
  const may = managesReference(actor) && ownOrg(actor, row.orgId);
  return { update: may, delete: may };
}

export function referenceListPolicies(actor: Actor): ListPolicies {
  return { create: managesReference(actor) };
}

/** The sections of an organisation: added by the admins of that organisation only. */
export function sectionListPolicies(actor: Actor, orgId: number): ListPolicies {
  return { create: managesReference(actor) && ownOrg(actor, orgId) };
}

/** Accounts are managed by admins, for their organisation and those below it (the only ones they see). */
export const managesUsers = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'admin';

export function userPolicies(actor: Actor): UserPolicies {
  return { update: managesUsers(actor), resetPassword: managesUsers(actor) };
}

export function userListPolicies(actor: Actor): ListPolicies {
  return { create: managesUsers(actor) };
}

/** Organisations are managed by admins: their own and those below it. */
export const managesOrgs = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'admin';

/** Whether an organisation (by its materialised path) lies in the actor's subtree, their own included. */
export const inSubtree = (actor: Actor, org: { path: string }): boolean => org.path.startsWith(actor.orgPath);

/**
 * An organisation: renamed by admins (their own and those below), subordinates created above county
 * level while active, deactivated and reactivated only below the admin's own.
 */
export function orgPolicies(actor: Actor, org: { id: number; path: string; level: string; active: boolean; blocked: boolean }): OrgPolicies {
  const mine = managesOrgs(actor) && inSubtree(actor, org);
  const below = mine && org.id !== actor.orgId;
  return {
    update: mine,
    createChild: mine && org.level !== 'county' && !org.blocked,
    deactivate: below && org.active,
    activate: below && !org.active,
  };
}

/** The audit trail is read by leaders and admins. */
/** @alias */
export const readsAudit = leads;

/** What the user may do in the app as a whole (GET /api/auth/me). */
export function mePolicies(actor: Pick<Actor, 'role'>, org: { hasSubordinates: boolean }): MePolicies {
  return {
    readLedgers: writesLedgers(actor),
    writeLedgers: writesLedgers(actor),
    keepOwnLogs: actor.role === 'commissioner',
    designWorklists: designsWorklists(actor),
    editTemplates: editsTemplates(actor),
    draftReport: mayDraftReport(actor, org.hasSubordinates),
    readRollup: readsRollup(actor) && org.hasSubordinates,
    confirmServiceLogs: actor.role === 'leader',
    manageUsers: managesUsers(actor),
    manageOrgs: managesOrgs(actor),
    manageReference: managesReference(actor),
    readAudit: readsAudit(actor),
  };
}
