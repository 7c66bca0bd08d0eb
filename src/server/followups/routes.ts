import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import { followupBodySchema, followupSchema, listFollowupsQuerySchema } from '../../shared/projects.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const followupRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['跟踪服务'];

  app.get(
    '/followups',
    {
      schema: { tags, summary: '跟踪服务记录(可按项目、人员、日期筛选)', querystring: listFollowupsQuerySchema, response: { 200: pageOf(followupSchema) } },
    },
    async (request) => service.listFollowups(ctxOf(request), request.query),
  );

  app.get(
    '/followups/:id',
    {
      schema: { tags, summary: '跟踪服务记录详情', params: idParamsSchema, response: { 200: followupSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getFollowup(ctxOf(request), request.params.id)),
  );

  app.post(
    '/projects/:id/followups',
    {
      schema: {
        tags,
        summary: '为项目登记一次跟踪服务',
        params: idParamsSchema,
        body: followupBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: followupSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createFollowup(ctx, request.params.id, request.body))),
  );

  app.put(
    '/followups/:id',
    {
      schema: {
        tags,
        summary: '修改跟踪服务记录',
        params: idParamsSchema,
        body: followupBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: followupSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateFollowup(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/followups/:id',
    {
      schema: { tags, summary: '删除跟踪服务记录', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteFollowup(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
