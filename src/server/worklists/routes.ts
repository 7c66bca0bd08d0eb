import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listOf, okSchema, pageOf, periodSchema } from '../../shared/common.js';
import { createStartersBodySchema, starterSchema } from '../../shared/starters.js';
import {
  itemBodySchema,
  itemDetailSchema,
  itemSchema,
  listItemsQuerySchema,
  overdueSummarySchema,
  progressBodySchema,
  worklistDefinitionSchema,
  worklistFactsSchema,
  worklistSchema,
  archiveWorklistBodySchema,
} from '../../shared/worklists.js';
import { worklistListPolicies } from '../auth/policies.js';
import { ctxOf, inTransaction } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { countWorklistFacts } from './facts.js';
import * as service from './service.js';
import { createStarterLists, listStarters } from './starters.js';

export const worklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['工作台账'];

  app.get(
    '/worklists',
    {
      schema: {
        tags,
        summary: '本单位的工作台账(定义与条目数、逾期数)',
        querystring: z.object({ archived: z.enum(['yes', 'no']).default('no') }),
        response: { 200: listOf(worklistSchema) },
      },
    },
    async (request) => ({
      items: await service.listWorklists(ctxOf(request), request.query.archived === 'yes'),
      policies: worklistListPolicies(ctxOf(request).actor),
    }),
  );

  app.get(
    '/worklists/overdue-summary',
    {
      schema: { tags, summary: '逾期未完成的条目数:本人负责的,以及(局领导、管理员)全局的', response: { 200: overdueSummarySchema } },
    },
    async (request) => service.overdueSummary(ctxOf(request)),
  );

  // Before /worklists/:id (a static path wins in Fastify anyway; kept together for the reader).
  app.get(
    '/worklists/starters',
    {
      schema: {
        tags,
        summary:
          '常用台账（整改台账、意见建议、包干任务、民情台账、实事项目、统计报送任务、工作计划、科技奖励申报、成果鉴定登记）：本单位已有同标识或同名台账的标为 present',
        response: { 200: z.object({ items: z.array(starterSchema) }) },
      },
    },
    async (request) => ({ items: await listStarters(ctxOf(request)) }),
  );

  app.post(
    '/worklists/starters',
    {
      schema: {
        tags,
        summary: '添加常用台账（管理员、局领导）：按标识一次建立所选的台账（一个事务），已有的跳过；未知的标识返回 400；返回新建的台账',
        body: createStartersBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: z.object({ items: z.array(worklistSchema) }) },
      },
    },
    async (request, reply) =>
      idempotent(request, reply, (ctx) => inTransaction(ctx, async (tx) => ({ items: await createStarterLists(tx, request.body.keys) }))),
  );

  app.get(
    '/worklists/:id',
    {
      schema: { tags, summary: '台账定义', params: idParamsSchema, response: { 200: worklistSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getWorklist(ctxOf(request), request.params.id)),
  );

  app.post(
    '/worklists',
    {
      schema: {
        tags,
        summary: '新建台账(管理员、局领导):字段、状态、是否有期限和责任人、可统计项',
        body: worklistDefinitionSchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: worklistSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createWorklist(ctx, request.body))),
  );

  app.put(
    '/worklists/:id',
    {
      schema: {
        tags,
        summary: '修改台账定义:省略的字段隐藏保留;改变类型而现有内容不符时拒绝并列出条目;已用状态不能删除',
        params: idParamsSchema,
        body: worklistDefinitionSchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: worklistSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateWorklist(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.post(
    '/worklists/:id/archive',
    {
      schema: {
        tags,
        summary: '归档或恢复台账',
        params: idParamsSchema,
        body: archiveWorklistBodySchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: worklistSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.setArchived(ctxOf(request), request.params.id, request.body.archived, optionalVersion(request))),
  );

  app.delete(
    '/worklists/:id',
    {
      schema: {
        tags,
        summary: '删除空台账(有条目时拒绝,请归档)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteWorklist(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/worklists/:id/facts',
    {
      schema: {
        tags,
        summary: '期间统计(工作总结用):期末在册、期内登记、期末已完成、期内销号、期末逾期、按状态及定义允许的统计项,均按期末当天的状态',
        params: idParamsSchema,
        querystring: periodSchema,
        response: { 200: worklistFactsSchema },
      },
    },
    async (request) => countWorklistFacts(ctxOf(request), request.params.id, request.query),
  );

  app.get(
    '/worklists/:id/items',
    {
      schema: {
        tags,
        summary: '台账条目列表:按状态、责任人、期限、逾期、关键词及任意字段(f.<字段标识>=值)筛选',
        params: idParamsSchema,
        querystring: listItemsQuerySchema,
        response: { 200: pageOf(itemSchema) },
      },
    },
    async (request) => service.listItems(ctxOf(request), request.params.id, request.query),
  );

  app.post(
    '/worklists/:id/items',
    {
      schema: {
        tags,
        summary: '登记条目',
        params: idParamsSchema,
        body: itemBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: itemDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createItem(ctx, request.params.id, request.body))),
  );

  app.get(
    '/worklist-items/:id',
    {
      schema: { tags, summary: '条目详情(含进展记录)', params: idParamsSchema, response: { 200: itemDetailSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getItem(ctxOf(request), request.params.id)),
  );

  app.put(
    '/worklist-items/:id',
    {
      schema: {
        tags,
        summary: '修改条目',
        params: idParamsSchema,
        body: itemBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: itemDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateItem(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/worklist-items/:id',
    {
      schema: { tags, summary: '删除条目', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteItem(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/worklist-items/:id/progress',
    {
      schema: {
        tags,
        summary: '记录进展;可同时变更状态,变为已完成状态即销号(进展内容即销号说明)',
        params: idParamsSchema,
        body: progressBodySchema,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: itemDetailSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await idempotent(request, reply, (ctx) => service.addProgress(ctx, request.params.id, request.body, optionalVersion(request)))),
  );
};
