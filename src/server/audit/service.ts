import type { z } from 'zod';
import type { AuditAction, AuditEntry, listAuditQuerySchema } from '../../shared/audit.js';
import type { Page } from '../../shared/common.js';
import { isSystemActor } from '../auth/actor.js';
import { assertAllowed, readsAudit } from '../auth/policies.js';
import type { Ctx } from '../context.js';
import { readableOrgIds } from '../orgs/scope.js';
import { insertAudit, listAudit } from './repo.js';

const SECRET_KEYS = new Set(['password', 'passwordHash', 'password_hash', 'tokenHash', 'token_hash', 'secret']);

function scrub(value: object | null): object | null {
  if (!value) return null;
  // Secrets never reach the trail, and neither do file bytes; nor policies, which are the viewer's, not the record's.
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !SECRET_KEYS.has(k) && k !== 'policies' && !Buffer.isBuffer(v)));
}

/** Keys that move on every write and say nothing of what changed. */
const BOOKKEEPING_KEYS = new Set(['updatedAt', 'updated_at', 'version']);

/** JSON with keys sorted and bookkeeping keys left out, so two states compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => !BOOKKEEPING_KEYS.has(k))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * Writes one audit entry for a change; call it with the same transaction handle as the change,
 * so the change and its trail commit or roll back together. An update that changed nothing but
 * its timestamp (the same values saved again) leaves no entry: the trail lists real changes.
 */
export async function recordChange(
  ctx: Ctx,
  change: { action: AuditAction; entityType: string; entityId: string | number; orgId: number; before?: object | null; after?: object | null },
): Promise<void> {
  if (change.action === 'update' && change.before && change.after && canonical(scrub(change.before)) === canonical(scrub(change.after))) return;
  await insertAudit(ctx.db, {
    orgId: change.orgId,
    // The system actor (set-up, the command line) has no account: its entries show 系统.
    userId: isSystemActor(ctx.actor) ? null : ctx.actor.userId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: scrub(change.before ?? null),
    after: scrub(change.after ?? null),
    requestId: ctx.requestId,
  });
}

function parseJson(text: string | null): Record<string, unknown> | null {
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

/** Endpoint of a day in UTC+8 (China Standard Time), as the ISO instant the audit log stores. */
function chinaDayBound(date: string, end: boolean): string {
  const instant = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
  return instant.toISOString();
}

/** The audit trail of the actor's organisation (and those below it), for admins and leaders. */
export async function browseAudit(ctx: Ctx, query: z.infer<typeof listAuditQuerySchema>): Promise<Page<AuditEntry>> {
  assertAllowed(readsAudit(ctx.actor));
  const orgIds = await readableOrgIds(ctx);
  const { rows, total } = await listAudit(
    ctx.db,
    ctx.dialect,
    {
      orgIds,
      userId: query.userId,
      entityType: query.entityType,
      entityId: query.entityId,
      action: query.action,
      fromIso: query.from ? chinaDayBound(query.from, false) : undefined,
      toIso: query.to ? chinaDayBound(query.to, true) : undefined,
    },
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      orgId: r.org_id,
      userId: r.user_id,
      userDisplayName: r.display_name ?? null,
      action: r.action as AuditAction,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: parseJson(r.before_json),
      after: parseJson(r.after_json),
      requestId: r.request_id,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    // The trail is written by the changes themselves, never by hand.
    policies: { create: false },
  };
}
