import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppConfig } from './config.js';
import type { Actor } from './auth/actor.js';
import type { DialectName } from './db/connection.js';
import type { DB } from './db/types.js';
import { AppError } from './http/errors.js';

/** What the app is built from: one per process. */
export interface AppDeps {
  db: Kysely<DB>;
  dialect: DialectName;
  config: AppConfig;
}

/** What a service call sees: the database (or a transaction), who asks, and for which request. */
export interface Ctx {
  db: Kysely<DB>;
  dialect: DialectName;
  actor: Actor;
  requestId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when a session cookie was sent but the session had expired. */
    sessionExpired: boolean;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The service context of a signed-in request; 401 when nobody is signed in. */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) {
    throw new AppError('UNAUTHENTICATED', request.sessionExpired ? '登录已过期,请重新登录' : '请先登录');
  }
  const { db, dialect } = request.server.deps;
  return { db, dialect, actor: request.actor, requestId: request.id };
}

/** The same context bound to a transaction handle. */
export function withTrx(ctx: Ctx, trx: Kysely<DB>): Ctx {
  return { ...ctx, db: trx };
}

/** Runs `fn` in one transaction, reusing the caller's when there is one, so a multi-record change is all or nothing. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn(withTrx(ctx, trx)));
}
