import type { Kysely } from 'kysely';
import type { AuditAction } from '../../shared/audit.js';
import type { DialectName } from '../db/connection.js';
import { countRows } from '../db/sql-helpers.js';
import type { DB } from '../db/types.js';

export interface AuditInsert {
  orgId: number;
  userId: number | null;
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  before: object | null;
  after: object | null;
  requestId: string | null;
}

export async function insertAudit(db: Kysely<DB>, entry: AuditInsert): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      org_id: entry.orgId,
      user_id: entry.userId,
      at: new Date().toISOString(),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      before_json: entry.before ? JSON.stringify(entry.before) : null,
      after_json: entry.after ? JSON.stringify(entry.after) : null,
      request_id: entry.requestId,
    })
    .execute();
}

export interface AuditFilter {
  orgIds: number[];
  userId?: number;
  entityType?: string;
  entityId?: string;
  action?: AuditAction;
  /** Inclusive ISO bounds. */
  fromIso?: string;
  toIso?: string;
}

export async function listAudit(db: Kysely<DB>, _dialect: DialectName, filter: AuditFilter, page: number, pageSize: number) {
  let q = db.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.user_id').where('a.org_id', 'in', filter.orgIds);
  if (filter.userId) q = q.where('a.user_id', '=', filter.userId);
  if (filter.entityType) q = q.where('a.entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('a.entity_id', '=', filter.entityId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.fromIso) q = q.where('a.at', '>=', filter.fromIso);
  if (filter.toIso) q = q.where('a.at', '<=', filter.toIso);
  const total = await countRows(q.select((eb) => eb.fn.countAll().as('count')));
  const rows = await q
    .select([
      'a.id',
      'a.at',
      'a.org_id',
      'a.user_id',
      'u.display_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.before_json',
      'a.after_json',
      'a.request_id',
    ])
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}
