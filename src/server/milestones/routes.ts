import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { milestoneBodySchema, milestoneListSchema, milestoneSchema } from '../../shared/projects.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const milestoneRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['科技项目'];

  app.get(
    '/projects/:id/milestones',
    {
      schema: { tags, summary: '项目节点(中期检查、验收检查、绩效评价等),日期新的在前', params: idParamsSchema, response: { 200: milestoneListSchema } },
    },
    async (request) => service.listMilestones(ctxOf(request), request.params.id),
  );

  app.get(
    '/milestones/:id',
    {
      schema: { tags, summary: '项目节点详情;ETag 为记录版本', params: idParamsSchema, response: { 200: milestoneSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getMilestone(ctxOf(request), request.params.id)),
  );

  app.post(
    '/projects/:id/milestones',
    {
      schema: {
        tags,
        summary: '为项目登记一个节点(类型取自字典“项目节点”)',
        params: idParamsSchema,
        body: milestoneBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: milestoneSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createMilestone(ctx, request.params.id, request.body))),
  );

  app.delete(
    '/milestones/:id',
    {
      schema: { tags, summary: '删除项目节点', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteMilestone(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
