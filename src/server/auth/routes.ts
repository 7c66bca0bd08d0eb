import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenSchema, changePasswordBodySchema, createTokenBodySchema, createdTokenSchema, loginBodySchema, meResponseSchema } from '../../shared/auth.js';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { ctxOf } from '../context.js';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from './plugin.js';
import * as service from './service.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['认证与账号'];

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: { tags, summary: '登录(用户名+密码),成功后设置会话 Cookie', body: loginBodySchema, response: { 200: meResponseSchema } },
    },
    async (request, reply) => {
      const result = await service.login(app.deps.db, app.deps.config, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(request, reply, result.sessionToken, result.expiresAt);
      return { user: result.user };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags, summary: '退出登录', body: z.object({}).passthrough().nullish(), response: { 200: okSchema } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await service.logout(app.deps.db, token);
      clearSessionCookie(request, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: { tags, summary: '当前登录用户', response: { 200: meResponseSchema } },
    },
    async (request) => ({ user: await service.me(ctxOf(request)) }),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: '修改自己的密码(同时撤销自己的全部 API 令牌;当前密码输错计入登录锁定)',
        body: changePasswordBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.changePassword(ctxOf(request), app.deps.config, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: { tags, summary: '我的 API 令牌', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
    },
    async (request) => ({ items: await service.listTokens(ctxOf(request)) }),
  );

  app.post(
    '/auth/tokens',
    {
      schema: { tags, summary: '创建 API 令牌(密钥只返回这一次)', body: createTokenBodySchema, response: { 200: createdTokenSchema } },
    },
    async (request) => service.createToken(ctxOf(request), request.body.name),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: { tags, summary: '撤销 API 令牌', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await service.revokeToken(ctxOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
