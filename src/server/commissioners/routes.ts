import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import {
  commissionerBodySchema,
  commissionerDetailSchema,
  commissionerSchema,
  evaluationSchema,
  listCommissionersQuerySchema,
  listServiceLogsQuerySchema,
  serviceLogBodySchema,
  serviceLogSchema,
  supportBodySchema,
  supportSchema,
} from '../../shared/commissioners.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { countCommissionerFacts } from './facts.js';
import * as logs from './log-service.js';
import { commissionerFactsQuerySchema, commissionerFactsSchema } from '../../shared/commissioners.js';
import { evaluationParamsSchema, evaluationPutBodySchema } from './schema.js';
import * as service from './service.js';

export const commissionerRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['科技特派员'];

  // ---- roster ----

  app.get(
    '/commissioners',
    {
      schema: {
        tags,
        summary: '科技特派员名册(按关键词、状态、服务地点、任期年份筛选;特派员本人只看到自己)',
        querystring: listCommissionersQuerySchema,
        response: { 200: pageOf(commissionerSchema) },
      },
    },
    async (request) => service.listCommissioners(ctxOf(request), request.query),
  );

  app.get(
    '/commissioners/me',
    {
      schema: { tags, summary: '当前登录的科技特派员本人的档案(含支持与考核)', response: { 200: commissionerDetailSchema } },
    },
    async (request) => service.getMyCommissioner(ctxOf(request)),
  );

  app.get(
    '/commissioners/facts',
    {
      schema: {
        tags,
        summary:
          '期间统计(工作总结用):在岗特派员、开展服务的特派员、服务日志、服务人次、各乡镇服务次数、引进新品种/新技术、支持次数与金额、年度考核等次,每项附所统计记录的 id',
        querystring: commissionerFactsQuerySchema,
        response: { 200: commissionerFactsSchema },
      },
    },
    async (request) => countCommissionerFacts(ctxOf(request), request.query),
  );

  app.get(
    '/commissioners/:id',
    {
      schema: { tags, summary: '科技特派员档案详情(含支持与考核)', params: idParamsSchema, response: { 200: commissionerDetailSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getCommissioner(ctxOf(request), request.params.id)),
  );

  app.post(
    '/commissioners',
    {
      schema: {
        tags,
        summary: '登记科技特派员(服务地点为本县乡镇或村;关联账号须为未关联的特派员账号,否则 409)',
        body: commissionerBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: commissionerDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createCommissioner(ctx, request.body))),
  );

  app.put(
    '/commissioners/:id',
    {
      schema: {
        tags,
        summary: '修改科技特派员档案(整体替换)',
        params: idParamsSchema,
        body: commissionerBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: commissionerDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateCommissioner(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/commissioners/:id',
    {
      schema: {
        tags,
        summary: '删除科技特派员(连同支持与考核记录;有服务日志时拒绝,返回 409)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteCommissioner(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  // ---- service logs ----

  app.get(
    '/service-logs',
    {
      schema: {
        tags,
        summary: '服务日志列表(按特派员、乡镇、类型、审核状态、日期筛选;特派员本人只看到自己的)',
        querystring: listServiceLogsQuerySchema,
        response: { 200: pageOf(serviceLogSchema) },
      },
    },
    async (request) => logs.listServiceLogs(ctxOf(request), request.query),
  );

  app.get(
    '/service-logs/:id',
    {
      schema: { tags, summary: '服务日志详情(含附件)', params: idParamsSchema, response: { 200: serviceLogSchema } },
    },
    async (request, reply) => withEtag(reply, await logs.getServiceLog(ctxOf(request), request.params.id)),
  );

  app.post(
    '/commissioners/:id/service-logs',
    {
      schema: {
        tags,
        summary: '为科技特派员登记服务日志(特派员本人或科技局工作人员填写)',
        params: idParamsSchema,
        body: serviceLogBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: serviceLogSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => logs.createServiceLog(ctx, request.params.id, request.body))),
  );

  app.put(
    '/service-logs/:id',
    {
      schema: {
        tags,
        summary: '修改服务日志(已审核的日志只有局领导可以修改)',
        params: idParamsSchema,
        body: serviceLogBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: serviceLogSchema },
      },
    },
    async (request, reply) => withEtag(reply, await logs.updateServiceLog(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/service-logs/:id',
    {
      schema: {
        tags,
        summary: '删除服务日志(已审核的日志只有局领导可以删除)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await logs.deleteServiceLog(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/service-logs/:id/confirm',
    {
      schema: {
        tags,
        summary: '审核服务日志(局领导;审核后锁定)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: serviceLogSchema },
      },
    },
    async (request, reply) => withEtag(reply, await logs.confirmServiceLog(ctxOf(request), request.params.id, optionalVersion(request))),
  );

  app.post(
    '/service-logs/:id/unconfirm',
    {
      schema: {
        tags,
        summary: '撤销审核(局领导)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: serviceLogSchema },
      },
    },
    async (request, reply) => withEtag(reply, await logs.unconfirmServiceLog(ctxOf(request), request.params.id, optionalVersion(request))),
  );

  // ---- support and evaluation ----

  app.post(
    '/commissioners/:id/supports',
    {
      schema: {
        tags,
        summary: '登记对特派员的支持(局领导、管理员;金额为整数元)',
        params: idParamsSchema,
        body: supportBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: supportSchema },
      },
    },
    async (request, reply) => idempotent(request, reply, (ctx) => service.createSupport(ctx, request.params.id, request.body)),
  );

  app.delete(
    '/commissioner-supports/:id',
    {
      schema: { tags, summary: '删除支持记录(局领导、管理员)', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteSupport(ctxOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/commissioners/:id/evaluations/:year',
    {
      schema: {
        tags,
        summary:
          '登记或修改某年度考核(局领导、管理员;每人每年一条;年份以地址为准,请求体中的 year 可省略,填写时须一致)。修改已有的考核须带 If-Match;不带 If-Match 表示新登记,该年已有考核时返回 409 及 details.current',
        params: evaluationParamsSchema,
        body: evaluationPutBodySchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: evaluationSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await service.putEvaluation(ctxOf(request), request.params.id, request.params.year, request.body, optionalVersion(request))),
  );

  app.delete(
    '/commissioner-evaluations/:id',
    {
      schema: {
        tags,
        summary: '删除考核记录(局领导、管理员)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteEvaluation(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
