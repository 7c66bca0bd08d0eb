import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import {
  createProjectBodySchema,
  listProjectsQuerySchema,
  moveStageBodySchema,
  periodQuerySchema,
  projectDetailSchema,
  projectFactsSchema,
  projectSchema,
  stageSummarySchema,
  updateProjectBodySchema,
} from '../../shared/projects.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { countProjectFacts } from './facts.js';
import * as service from './service.js';

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['科技项目'];

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: '项目列表(按阶段、计划类别、级别、领域、乡镇、责任人、日期筛选;排序;分页)',
        querystring: listProjectsQuerySchema,
        response: { 200: pageOf(projectSchema) },
      },
    },
    async (request) => service.listProjects(ctxOf(request), request.query),
  );

  app.get(
    '/projects/stage-summary',
    {
      schema: { tags, summary: '各阶段项目数(与列表同样的筛选,阶段除外)', querystring: listProjectsQuerySchema, response: { 200: stageSummarySchema } },
    },
    async (request) => service.stageSummary(ctxOf(request), request.query),
  );

  app.get(
    '/projects/facts',
    {
      schema: {
        tags,
        summary:
          '期间统计(工作总结用):申报、立项、期末在建、验收、未获批(各按级别、领域、计划类别分组,组内再按其余两项细分)、立项与到位资金(及按级别)、项目节点(按类型)、调研、线索、入库、跟踪服务,每项附所统计记录的 id',
        querystring: periodQuerySchema,
        response: { 200: projectFactsSchema },
      },
    },
    async (request) => countProjectFacts(ctxOf(request), request.query),
  );

  app.get(
    '/projects/:id',
    {
      schema: { tags, summary: '项目详情(含阶段历程、相关调研);ETag 为记录版本', params: idParamsSchema, response: { 200: projectDetailSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getProject(ctxOf(request), request.params.id)),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags,
        summary: '新建项目(从某一阶段开始,须填该阶段日期)',
        body: createProjectBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: projectDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createProject(ctx, request.body))),
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: '修改项目信息(阶段另用 /stage 变更)',
        params: idParamsSchema,
        body: updateProjectBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: projectDetailSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateProject(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.post(
    '/projects/:id/stage',
    {
      schema: {
        tags,
        summary: '变更阶段(按流程;跨越多个阶段时须填写经过各阶段的日期;不允许的变更返回 409)',
        params: idParamsSchema,
        body: moveStageBodySchema,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: projectDetailSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await idempotent(request, reply, (ctx) => service.moveStage(ctx, request.params.id, request.body, optionalVersion(request)))),
  );

  app.post(
    '/projects/:id/stage/undo',
    {
      schema: {
        tags,
        summary: '撤销最近一次阶段变更',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: projectDetailSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await idempotent(request, reply, (ctx) => service.undoLastMove(ctx, request.params.id, optionalVersion(request)))),
  );

  app.delete(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: '删除项目(连同阶段历程与跟踪服务记录)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteProject(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
