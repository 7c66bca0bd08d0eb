import { readsSubtree } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import { listSubtree } from './repo.js';

// Kept apart from orgs/service.ts so the audit trail can scope its reads without importing the
// service that records changes through it (audit → orgs → audit was a circular import).

/** Ids of the organisations whose records this actor may read: their own, and for leaders those below it. */
export async function readableOrgIds(ctx: Ctx): Promise<number[]> {
  if (!readsSubtree(ctx.actor)) return [ctx.actor.orgId];
  const rows = await listSubtree(ctx.db, ctx.actor.orgPath);
  return rows.map((r) => r.id);
}
