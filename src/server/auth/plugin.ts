import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { authenticateSession, authenticateToken, orgInactiveError } from './service.js';

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

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anyone may call this route, signed in or not (login, logout, health). Every other /api route needs a login. */
    public?: boolean;
  }
}

/** The API description, registered by a plugin where no route config can be set. */
const PUBLIC_PREFIX = '/api/docs';
/** All that a user who must change their password may do until they have. */
const MUST_CHANGE_PASSWORD_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);

/** `METHOD /path/:param` of the matched route (HEAD as GET), or null when no route matched. */
function routeKey(request: FastifyRequest): string | null {
  const url = request.routeOptions.url;
  if (!url) return null;
  return `${request.method === 'HEAD' ? 'GET' : request.method} ${url}`;
}

function isPublicRoute(request: FastifyRequest, key: string): boolean {
  if (request.routeOptions.config.public === true) return true;
  const path = key.slice(key.indexOf(' ') + 1);
  return path === PUBLIC_PREFIX || path.startsWith(`${PUBLIC_PREFIX}/`);
}

/** A request with no body at all (no length, or 0, and not chunked), such as a bare POST to an action. */
function hasNoBody(request: FastifyRequest): boolean {
  if (request.headers['transfer-encoding']) return false;
  const length = request.headers['content-length'];
  return length === undefined || Number(length) === 0;
}

/**
 * Who is asking (session cookie or `Authorization: Bearer` token), then, before any body is read
 * or validated: anonymous requests to non-public routes answer 401, and a user who must change
 * their password may only do that. Last, a guard against cross-site posts: a browser request
 * that changes data must come from this server's own origin and carry JSON, a multipart upload,
 * or no body at all, none of which a form on another site can send with that origin.
 */
export function registerAuthentication(app: FastifyInstance): void {
  const { db, config } = app.deps;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    let orgInactive = false;

    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = match ? await authenticateToken(db, match[1]) : null;
      if (actor === 'org-inactive') throw orgInactiveError();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'API 令牌无效或已撤销');
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const result = await authenticateSession(db, config, token);
        if (result === 'expired' || result === 'org-inactive') {
          request.sessionExpired = true;
          clearSessionCookie(request, reply);
          if (result === 'org-inactive') orgInactive = true;
        } else if (result) {
          request.actor = result;
        }
      }
    }

    // No matched route: the not-found handler answers.
    const key = routeKey(request);
    if (key && !isPublicRoute(request, key)) {
      if (!request.actor) {
        if (orgInactive) throw orgInactiveError();
        throw new AppError('UNAUTHENTICATED', request.sessionExpired ? '登录已过期,请重新登录' : '请先登录');
      }
      if (request.actor.mustChangePassword && !MUST_CHANGE_PASSWORD_ROUTES.has(key)) {
        throw new AppError('FORBIDDEN', '请先修改密码:您正在使用初始密码或管理员重置的密码', { reason: 'MUST_CHANGE_PASSWORD' });
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
      if (type === '' && hasNoBody(request)) return;
      if (type !== 'application/json' && type !== 'multipart/form-data') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求必须是 JSON 或文件上传');
      }
    }
  });
}
