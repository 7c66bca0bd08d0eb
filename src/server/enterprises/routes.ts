import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema, pageOf } from '../../shared/common.js';
import {
  createEnterpriseBodySchema,
  enterpriseBodySchema,
  enterpriseDetailSchema,
  enterpriseSchema,
  listEnterprisesQuerySchema,
} from '../../shared/projects.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['企业与基地'];

  app.get(
    '/enterprises',
    {
      schema: { tags, summary: '企业/基地/合作社列表(筛选、排序、分页)', querystring: listEnterprisesQuerySchema, response: { 200: pageOf(enterpriseSchema) } },
    },
    async (request) => service.listEnterprises(ctxOf(request), request.query),
  );

  app.get(
    '/enterprises/:id',
    {
      schema: { tags, summary: '企业详情,含其项目与调研', params: idParamsSchema, response: { 200: enterpriseDetailSchema } },
    },
    async (request, reply) => withEtag(reply, await service.getEnterprise(ctxOf(request), request.params.id)),
  );

  app.post(
    '/enterprises',
    {
      schema: {
        tags,
        summary: '登记企业(统一社会信用代码校验位按 GB 32100-2015 校验;重复则 409)',
        body: createEnterpriseBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: enterpriseSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createEnterprise(ctx, request.body, request.body.sectionId))),
  );

  app.put(
    '/enterprises/:id',
    {
      schema: {
        tags,
        summary: '修改企业',
        params: idParamsSchema,
        body: enterpriseBodySchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: enterpriseSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateEnterprise(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/enterprises/:id',
    {
      schema: {
        tags,
        summary: '删除企业(有关联项目或调研时拒绝)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteEnterprise(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
