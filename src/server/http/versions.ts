import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BAD_IDEMPOTENCY_KEY_MESSAGE, BAD_VERSION_MESSAGE, ifMatchOf, isIdempotencyKey, parseIfMatch } from '../../shared/versions.js';
import { validation } from './errors.js';

// The HTTP side of record versions and idempotent creates (see src/shared/versions.ts): the headers
// each route documents, reading them, and the ETag of a single record.

const IF_MATCH_REQUIRED = '必填。所修改记录的版本(响应中的 version 或 ETag),如 "3";记录已被他人修改时返回 409 及 details.current;* 表示不论版本';
const IF_MATCH_OPTIONAL = '可选。所操作记录的版本,如 "3";记录已被他人修改时返回 409 及 details.current';
const IDEMPOTENCY_KEY = '可选。每次提交一个新的随机键(如 UUID,至多 100 字符);同一用户 24 小时内以同一键重发,返回第一次的结果而不重复新建';

/**
 * The headers schema of a route, for OpenAPI: which of If-Match and Idempotency-Key it reads.
 * Other headers pass through untouched. If-Match is checked by the handler, after the login, so a
 * missing one is a 400 only for a signed-in user.
 */
export function recordHeaders(options: { ifMatch?: 'required' | 'optional'; idempotencyKey?: boolean }) {
  return z.looseObject({
    ...(options.ifMatch
      ? {
          'if-match': z
            .string()
            .optional()
            .describe(options.ifMatch === 'required' ? IF_MATCH_REQUIRED : IF_MATCH_OPTIONAL),
        }
      : {}),
    ...(options.idempotencyKey ? { 'idempotency-key': z.string().optional().describe(IDEMPOTENCY_KEY) } : {}),
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The version a PATCH or PUT is based on; `'missing'` when If-Match was not sent, which the service
 * refuses with 400 after its access checks (see claimVersion). 400 at once when malformed.
 */
export function requiredVersion(request: FastifyRequest): number | 'any' | 'missing' {
  return optionalVersion(request) ?? 'missing';
}

/** The version an action names in If-Match, if it names one; 400 when malformed. */
export function optionalVersion(request: FastifyRequest): number | 'any' | undefined {
  const value = header(request, 'if-match');
  if (value === undefined || value.trim() === '') return undefined;
  const version = parseIfMatch(value);
  if (version === null) throw validation(BAD_VERSION_MESSAGE, [{ path: 'If-Match', message: BAD_VERSION_MESSAGE }]);
  return version;
}

/** The Idempotency-Key of a create, or null when none was sent; 400 when malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const value = header(request, 'idempotency-key');
  if (value === undefined || value === '') return null;
  if (!isIdempotencyKey(value)) throw validation(BAD_IDEMPOTENCY_KEY_MESSAGE, [{ path: 'Idempotency-Key', message: BAD_IDEMPOTENCY_KEY_MESSAGE }]);
  return value;
}

/** Sets `ETag: "<version>"` for a single record and passes the record on. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('etag', ifMatchOf(record.version));
  return record;
}
