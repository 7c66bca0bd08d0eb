import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import { listVisitsQuerySchema, visitBodySchema, visitSchema } from '../../shared/projects.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['调研'];

  app.get(
    '/visits',
    {
      schema: { tags, summary: '调研记录列表', querystring: listVisitsQuerySchema, response: { 200: pageOf(visitSchema) } },
    },
    async (request) => service.listVisits(ctxOf(request), request.query),
  );

  app.get(
    '/visits/:id',
    {
      schema: { tags, summary: '调研详情(含人员、企业、发现的项目线索)', params: idParamsSchema, response: { 200: visitSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getVisit(ctxOf(request), request.params.id)),
  );

  app.post(
    '/visits',
    {
      schema: { tags, summary: '登记调研', body: visitBodySchema, headers: recordHeaders({ idempotencyKey: true }), response: { 200: visitSchema } },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createVisit(ctx, request.body))),
  );

  app.put(
    '/visits/:id',
    {
      schema: {
        tags,
        summary: '修改调研',
        params: idParamsSchema,
        body: visitBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: visitSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateVisit(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/visits/:id',
    {
      schema: {
        tags,
        summary: '删除调研(其发现的项目保留)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteVisit(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
