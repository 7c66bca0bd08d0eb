import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { eventBodySchema, eventFactsQuerySchema, eventFactsSchema, eventPageSchema, eventSchema, listEventsQuerySchema } from '../../shared/events.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { countEventFacts } from './facts.js';
import * as service from './service.js';

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['活动'];

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: '活动列表(按类型、角色、日期、乡镇、部门筛选),附筛选结果的各项合计',
        querystring: listEventsQuerySchema,
        response: { 200: eventPageSchema },
      },
    },
    async (request) => service.listEvents(ctxOf(request), request.query),
  );

  app.get(
    '/events/facts',
    {
      schema: {
        tags,
        summary:
          '期间统计(工作总结用):按类型与角色的活动数、各项数字合计、参与部门、到达乡镇、组织参加培训人数,每项附所统计活动的 id;跨期活动计入开始日期所在期间',
        querystring: eventFactsQuerySchema,
        response: { 200: eventFactsSchema },
      },
    },
    async (request) => countEventFacts(ctxOf(request), request.query),
  );

  app.get(
    '/events/:id',
    {
      schema: { tags, summary: '活动详情', params: idParamsSchema, response: { 200: eventSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getEvent(ctxOf(request), request.params.id)),
  );

  app.post(
    '/events',
    {
      schema: { tags, summary: '登记活动', body: eventBodySchema, headers: recordHeaders({ idempotencyKey: true }), response: { 200: eventSchema } },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createEvent(ctx, request.body))),
  );

  app.put(
    '/events/:id',
    {
      schema: {
        tags,
        summary: '修改活动',
        params: idParamsSchema,
        body: eventBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: eventSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateEvent(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/events/:id',
    {
      schema: { tags, summary: '删除活动', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteEvent(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
