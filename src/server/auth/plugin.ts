import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { authenticateSession, authenticateToken } from './service.js';

export const SESSION_COOKIE = 'keguan_sid';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}

function originOf(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return origin.replace(/\/$/, '');
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/**
 * Who is asking (session cookie or `Authorization: Bearer` token), and a guard against cross-site
 * posts: a browser request that changes data must come from this server's own origin and carry
 * JSON or a multipart upload, which a form on another site cannot send.
 */
export function registerAuthentication(app: FastifyInstance): void {
  const { db, config } = app.deps;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;

    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match ? await authenticateToken(db, match[1]) : null;
      if (!actor) throw new AppError('UNAUTHENTICATED', 'API 令牌无效或已撤销');
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const result = await authenticateSession(db, config, token);
        if (result === 'expired') {
          request.sessionExpired = true;
          clearSessionCookie(request, reply);
        } else if (result) {
          request.actor = result;
        }
      }
    }

    if (!UNSAFE_METHODS.has(request.method)) return;
    if (request.actor?.via !== 'token') {
      const origin = originOf(request);
      const own = `${request.protocol}://${request.host}`;
      if (!origin) throw new AppError('FORBIDDEN', '请求缺少来源信息(Origin),已拒绝');
      if (origin !== own && !config.allowedOrigins.includes(origin)) {
        throw new AppError('FORBIDDEN', '跨站请求已被拒绝');
      }
    }
    if (BODY_METHODS.has(request.method)) {
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json' && type !== 'multipart/form-data') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求必须是 JSON 或文件上传');
      }
    }
  });
}
