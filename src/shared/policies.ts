import { z } from 'zod';

// What the signed-in user may do, as the server says it (STYLE §10, Outline's presentPolicies).
// Every record a response carries has `policies`, every list (a page or `{ items }`) has `policies`
// for what concerns the list as a whole, and GET /api/auth/me has `policies` for the app as a whole.
// The server computes them with the same functions its services check before a change
// (src/server/auth/policies.ts): a `false` here is a 403 there, a `true` is not. The web app draws
// its buttons from them and never re-derives a rule from a role. A policy says who may act, not
// whether the record's state allows it (a default template cannot be deleted, an archived list takes
// no new items: those are 409s the record's own fields announce).

const may = z.boolean();

/** Change and delete: projects, enterprises, visits, events, follow-ups, work-list items, templates, reference rows. */
export const recordPoliciesSchema = z.object({ update: may, delete: may });
export type RecordPolicies = z.infer<typeof recordPoliciesSchema>;

/** What concerns a list as a whole: adding a record to it. */
export const listPoliciesSchema = z.object({ create: may });
export type ListPolicies = z.infer<typeof listPoliciesSchema>;

/** A project: `update` also covers its stage moves, follow-ups and milestones. */
/** @alias */
export const projectPoliciesSchema = recordPoliciesSchema;
/** @alias */
export const enterprisePoliciesSchema = recordPoliciesSchema;
/** @alias */
export const visitPoliciesSchema = recordPoliciesSchema;
/** @alias */
export const eventPoliciesSchema = recordPoliciesSchema;
/** @alias */
export const followupPoliciesSchema = recordPoliciesSchema;

/** A project milestone: recorded by whoever may change the project; never edited, only deleted. */
export const milestonePoliciesSchema = z.object({ delete: may });

/** A commissioner's roster entry. */
export const commissionerPoliciesSchema = recordPoliciesSchema.extend({
  /** Write a service log for them (their own bureau, the commissioner themselves included). */
  createLog: may,
  /** Record support given and yearly evaluations (leaders and admins of their bureau). */
  manageSupport: may,
});
export type CommissionerPolicies = z.infer<typeof commissionerPoliciesSchema>;

/** A support record of a commissioner. */
export const supportPoliciesSchema = z.object({ delete: may });
/** A yearly evaluation of a commissioner. */
/** @alias */
export const evaluationPoliciesSchema = recordPoliciesSchema;

/** A service log: a confirmed one is changed only by a leader; `confirm` covers 审核 and 撤销审核. */
export const serviceLogPoliciesSchema = recordPoliciesSchema.extend({ confirm: may });
export type ServiceLogPolicies = z.infer<typeof serviceLogPoliciesSchema>;

/** A work list: `update` is designing it (fields, statuses, archiving); `createItem` is registering an item. */
export const worklistPoliciesSchema = recordPoliciesSchema.extend({ createItem: may });
export type WorklistPolicies = z.infer<typeof worklistPoliciesSchema>;

/** A work-list item: `update` also covers recording progress. */
/** @alias */
export const worklistItemPoliciesSchema = recordPoliciesSchema;

/** A work summary: `update` is saving a version (or restoring one). Summaries are not deleted. */
export const reportPoliciesSchema = z.object({ update: may });
export type ReportPolicies = z.infer<typeof reportPoliciesSchema>;

/** A summary template. */
/** @alias */
export const templatePoliciesSchema = recordPoliciesSchema;

/** An uploaded file (attachment): deleted by its uploader, or an admin or leader of its organisation. */
export const filePoliciesSchema = z.object({ delete: may });

/** Reference rows (departments, sections, places, dictionary items) are kept by admins. */
/** @alias */
export const referencePoliciesSchema = recordPoliciesSchema;

/** A user account, as an admin manages it. */
export const userPoliciesSchema = z.object({ update: may, resetPassword: may });
export type UserPolicies = z.infer<typeof userPoliciesSchema>;

/** The app as a whole for the signed-in user: menus, pages and buttons that belong to no one record. */
export const mePoliciesSchema = z.object({
  /** Read the bureau's ledgers (projects, enterprises, events, work lists, summaries …): all but commissioners. */
  readLedgers: may,
  /** Add records to the ledgers: all but commissioners (whose app is their own service logs). */
  writeLedgers: may,
  /** Keep one's own service logs as a commissioner (the phone app). */
  keepOwnLogs: may,
  /** Create and design work lists. */
  designWorklists: may,
  /** Create, change and delete summary templates. */
  editTemplates: may,
  /** Draft a work summary for one's organisation (one with subordinates only by who reads them all). */
  draftReport: may,
  /** Read the roll-up of the organisations below one's own (the home page's card); false when there are none. */
  readRollup: may,
  /** Confirm (审核) service logs. */
  confirmServiceLogs: may,
  /** Manage user accounts (one's organisation and those below it). */
  manageUsers: may,
  /** Manage organisations (rename, create below, deactivate). */
  manageOrgs: may,
  /** Keep the reference data: sections, places, departments, dictionaries. */
  manageReference: may,
  /** Read the audit log. */
  readAudit: may,
});
export type MePolicies = z.infer<typeof mePoliciesSchema>;
export type MePolicy = keyof MePolicies;
