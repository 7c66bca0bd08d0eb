import type { Role } from '../../shared/roles.js';
import { AppError, forbidden } from '../http/errors.js';

/** The signed-in user as services see them. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  /** The organisation's materialised path, e.g. `/1/2/3/`. */
  orgPath: string;
  sectionId: number | null;
  via: 'session' | 'token';
  sessionId: string | null;
  /** Set after an admin's reset or on a new account: the server then answers only the password change. */
  mustChangePassword?: boolean;
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}

/** Leaders (and admins) of a higher organisation read the records of the organisations below it. */
export function readsSubtree(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'leader' || actor.role === 'admin';
}

/**
 * May this actor change a record of `orgId` that belongs to `sectionId`?
 * Only in their own organisation; staff only for their own section's records (or records of no section);
 * leaders and admins for all records of their organisation; commissioners never through this rule
 * (their own records have their own check).
 */
export function canEditRecord(actor: Actor, record: { orgId: number; sectionId: number | null }): boolean {
  if (record.orgId !== actor.orgId) return false;
  switch (actor.role) {
    case 'admin':
    case 'leader':
      return true;
    case 'staff':
      return record.sectionId === null || record.sectionId === actor.sectionId;
    case 'commissioner':
      return false;
  }
}

export function assertCanEditRecord(actor: Actor, record: { orgId: number; sectionId: number | null }): void {
  if (!canEditRecord(actor, record)) {
    throw new AppError('FORBIDDEN', actor.role === 'staff' ? '只能修改本股室的记录' : '没有权限修改此记录');
  }
}

/** The typed ledgers (projects, enterprises, visits …) are read by every role but commissioners. */
export function assertLedgerReader(actor: Actor): void {
  if (actor.role === 'commissioner') throw new AppError('FORBIDDEN', '科技特派员只能查看自己的档案和服务日志');
}

/** Admins, leaders and staff write ledger records; commissioners only their own logs. */
export function assertLedgerWriter(actor: Actor): void {
  if (actor.role === 'commissioner') throw new AppError('FORBIDDEN', '科技特派员只能填写自己的服务日志');
}

/**
 * The section a new record belongs to: staff always their own; leaders and admins may name one
 * (checked by the caller to be of their organisation) or leave it to the organisation as a whole.
 */
export function sectionForNewRecord(actor: Actor, requested: number | null | undefined): number | null {
  if (actor.role === 'staff') return actor.sectionId;
  return requested ?? actor.sectionId;
}

/** The user id of the system actor: no account; its audit entries have no user (the trail shows 系统). */
export const SYSTEM_USER_ID = 0;

/**
 * Who acts when nobody signs in: the first-run set-up and the command line. An admin of `org`
 * (the organisation it acts in, when there is one), or without one an admin above every
 * organisation (path `/`), as the first organisation is made.
 */
export function systemActor(org?: { id: number; path: string }): Actor {
  return {
    userId: SYSTEM_USER_ID,
    username: 'system',
    displayName: '系统',
    role: 'admin',
    orgId: org?.id ?? 0,
    orgPath: org?.path ?? '/',
    sectionId: null,
    via: 'token',
    sessionId: null,
  };
}

export function isSystemActor(actor: Actor): boolean {
  return actor.userId === SYSTEM_USER_ID;
}
