import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_WINDOW_MS, REUSED_IDEMPOTENCY_KEY_MESSAGE } from '../../shared/versions.js';
import { type Ctx, ctxOf, inTransaction } from '../context.js';
import { conflict } from '../http/errors.js';
import { idempotencyKeyOf } from '../http/versions.js';
import * as repo from './repo.js';

/** Whether a database error is a unique or primary-key violation, in either dialect. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a create for a signed-in request so that a double submission makes one record: with an
 * `Idempotency-Key` header, the key and the answer are stored in the create's own transaction, and
 * the same user sending the same key again within 24 hours gets that answer back (header
 * `Idempotent-Replayed: true`) instead of a second record. Two requests with one key at the same
 * moment: the second waits on the key's row, then fails on it and answers what the first stored.
 * A key reused for a different request (another path or body) is a 409. Without the header the
 * create simply runs.
 */
export async function idempotent<T>(request: FastifyRequest, reply: FastifyReply, create: (ctx: Ctx) => Promise<T>): Promise<T> {
  const ctx = ctxOf(request);
  const key = idempotencyKeyOf(request);
  if (key === null) return create(ctx);
  const userId = ctx.actor.userId;
  const method = request.method;
  const path = request.url.split('?')[0].slice(0, 400);
  const requestHash = createHash('sha256')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
  const since = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS).toISOString();

  const replay = async (): Promise<{ result: T } | null> => {
    const stored = await repo.findKey(ctx.db, userId, key, since);
    if (!stored) return null;
    if (stored.method !== method || stored.path !== path || stored.request_hash !== requestHash) throw conflict(REUSED_IDEMPOTENCY_KEY_MESSAGE);
    reply.header('idempotent-replayed', 'true');
    return { result: JSON.parse(stored.response_json) as T };
  };

  const earlier = await replay();
  if (earlier) return earlier.result;
  try {
    return await inTransaction(ctx, async (tx) => {
      await repo.deleteExpiredKeys(tx.db, userId, since);
      await repo.insertKey(tx.db, {
        user_id: userId,
        key,
        method,
        path,
        request_hash: requestHash,
        status: 0,
        response_json: '',
        created_at: new Date().toISOString(),
      });
      const result = await create(tx);
      await repo.storeResponse(tx.db, userId, key, 200, JSON.stringify(result));
      return result;
    });
  } catch (error) {
    // A concurrent request with this key committed first: answer what it stored.
    if (!isUniqueViolation(error)) throw error;
    const concurrent = await replay();
    if (!concurrent) throw error;
    return concurrent.result;
  }
}
