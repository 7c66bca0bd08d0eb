import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import { createUserBodySchema, listUsersQuerySchema, resetPasswordBodySchema, updateUserBodySchema, userOptionSchema, userSchema } from '../../shared/users.js';
import { ctxOf } from '../context.js';
import * as service from './service.js';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['用户管理'];

  app.get(
    '/users',
    {
      schema: { tags, summary: '用户列表(管理员)', querystring: listUsersQuerySchema, response: { 200: pageOf(userSchema) } },
    },
    async (request) => service.listUsers(ctxOf(request), request.query),
  );

  app.get(
    '/users/options',
    {
      schema: { tags, summary: '本单位人员(供表单选择与筛选;特派员不可用)', response: { 200: z.object({ items: z.array(userOptionSchema) }) } },
    },
    async (request) => ({ items: await service.listUserOptions(ctxOf(request)) }),
  );

  app.get(
    '/users/:id',
    {
      schema: { tags, summary: '用户详情(管理员)', params: idParamsSchema, response: { 200: userSchema } },
    },
    async (request) => service.getUser(ctxOf(request), request.params.id),
  );

  app.post(
    '/users',
    {
      schema: { tags, summary: '新建用户(管理员)', body: createUserBodySchema, response: { 200: userSchema } },
    },
    async (request) => service.createUser(ctxOf(request), app.deps.config, request.body),
  );

  app.patch(
    '/users/:id',
    {
      schema: { tags, summary: '修改用户(管理员)', params: idParamsSchema, body: updateUserBodySchema, response: { 200: userSchema } },
    },
    async (request) => service.updateUser(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码并解锁(管理员;结束其会话、撤销其 API 令牌)',
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.resetPassword(ctxOf(request), app.deps.config, request.params.id, request.body.newPassword);
      return { ok: true as const };
    },
  );
};
