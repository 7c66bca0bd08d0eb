import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listOf, okSchema, queryIdSchema } from '../../shared/common.js';
import { createOrgBodySchema, orgListItemSchema, orgSchema, sectionBodySchema, sectionSchema, updateOrgBodySchema } from '../../shared/orgs.js';
import { sectionListPolicies } from '../auth/policies.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['单位与股室'];

  app.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: '可见的单位树：本单位，管理员与领导另见其下各级单位（含账号数、是否停用、可做的操作）',
        response: { 200: z.object({ items: z.array(orgListItemSchema) }) },
      },
    },
    async (request) => ({ items: await service.listOrgs(ctxOf(request)) }),
  );

  app.post(
    '/orgs',
    {
      schema: {
        tags,
        summary:
          '新建下级单位（管理员）：给出 divisionCode（6位区划代码）时级别取自全国区划库、名称默认为“某某县科学技术局”；或填写 name 与 level。同一区划不能有两个启用的单位（409）',
        body: createOrgBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: orgSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createOrg(ctx, request.body))),
  );

  app.patch(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: '修改单位名称、简称（管理员：本单位及下级单位）',
        params: idParamsSchema,
        body: updateOrgBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: orgSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateOrg(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.post(
    '/orgs/:id/deactivate',
    {
      schema: {
        tags,
        summary: '停用下级单位（上级单位的管理员；不能停用本单位）：其及其下各单位的用户不能登录，会话与 API 令牌即时失效；不删除任何数据',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: orgSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await idempotent(request, reply, (ctx) => service.setOrgActive(ctx, request.params.id, false, optionalVersion(request)))),
  );

  app.post(
    '/orgs/:id/activate',
    {
      schema: {
        tags,
        summary: '重新启用下级单位（上级单位的管理员）：其用户须重新登录；API 令牌恢复有效',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: orgSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await idempotent(request, reply, (ctx) => service.setOrgActive(ctx, request.params.id, true, optionalVersion(request)))),
  );

  app.get(
    '/sections',
    {
      schema: {
        tags,
        summary: '本单位的股室；管理员可用 orgId 查看下级单位的股室（为其用户选择股室）',
        querystring: z.object({ orgId: queryIdSchema.optional() }),
        response: { 200: listOf(sectionSchema) },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return { items: await service.listSections(ctx, request.query.orgId), policies: sectionListPolicies(ctx.actor, request.query.orgId ?? ctx.actor.orgId) };
    },
  );

  app.post(
    '/sections',
    {
      schema: {
        tags,
        summary: '新建股室(管理员)',
        body: sectionBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: sectionSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createSection(ctx, request.body))),
  );

  app.patch(
    '/sections/:id',
    {
      schema: {
        tags,
        summary: '修改股室(管理员)',
        params: idParamsSchema,
        body: sectionBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: sectionSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateSection(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/sections/:id',
    {
      schema: {
        tags,
        summary: '删除股室(管理员;仍有用户时拒绝)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteSection(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
