import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setupBodySchema, setupResultSchema, setupStatusSchema } from '../../shared/setup.js';
import { setSessionCookie } from '../auth/plugin.js';
import * as authService from '../auth/service.js';
import * as service from './service.js';

/** First-run set-up of a bureau on an empty database. Public: nobody can sign in before it. */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['初始设置'];

  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '是否需要初始设置（库中还没有任何单位时为 true），以及可选的常用台账和常用部门',
        response: { 200: setupStatusSchema },
      },
    },
    async () => service.setupStatus(app.deps.db),
  );

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          '初始设置：在同一事务中建立本单位（级别和区划代码取自全国行政区划表）、默认字典、县级单位的乡镇和村、' +
          '所选常用台账、常用部门和管理员账号，并以管理员身份登录；已有任何单位时 409（details.reason 为 SETUP_DONE）',
        body: setupBodySchema,
        response: { 200: setupResultSchema },
      },
    },
    async (request, reply) => {
      const outcome = await service.setUp(app.deps, request.body, { requestId: request.id, mustChangePassword: false });
      // Signed in as login does, so the web continues straight into the app.
      const session = await authService.login(
        app.deps.db,
        app.deps.config,
        {
          username: request.body.admin.username,
          password: request.body.admin.password,
        },
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      setSessionCookie(request, reply, session.sessionToken, session.expiresAt);
      const { id: _id, ...admin } = outcome.admin;
      return { ...outcome, admin, user: session.user };
    },
  );
};
