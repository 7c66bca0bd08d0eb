import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { createOrgBodySchema, orgSchema, sectionBodySchema, sectionSchema, updateOrgBodySchema } from '../../shared/orgs.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['单位与股室'];

  app.get('/orgs', {
    schema: { tags, summary: '本单位及(领导可见的)下级单位', response: { 200: z.object({ items: z.array(orgSchema) }) } },
  }, async (request) => ({ items: await service.listOrgs(ctxOf(request)) }));

  app.post('/orgs', {
    schema: { tags, summary: '新建下级单位(管理员)', body: createOrgBodySchema, headers: recordHeaders({ idempotencyKey: true }), response: { 200: orgSchema } },
  }, async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createOrg(ctx, request.body))));

  app.patch('/orgs/:id', {
    schema: { tags, summary: '修改单位(管理员)', params: idParamsSchema, body: updateOrgBodySchema, headers: recordHeaders({ ifMatch: 'required' }), response: { 200: orgSchema } },
  }, async (request, reply) => withEtag(reply, await service.updateOrg(ctxOf(request), request.params.id, request.body, requiredVersion(request))));

  app.get('/sections', {
    schema: { tags, summary: '本单位的股室', response: { 200: z.object({ items: z.array(sectionSchema) }) } },
  }, async (request) => ({ items: await service.listSections(ctxOf(request)) }));

  app.post('/sections', {
    schema: { tags, summary: '新建股室(管理员)', body: sectionBodySchema, headers: recordHeaders({ idempotencyKey: true }), response: { 200: sectionSchema } },
  }, async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createSection(ctx, request.body))));

  app.patch('/sections/:id', {
    schema: { tags, summary: '修改股室(管理员)', params: idParamsSchema, body: sectionBodySchema, headers: recordHeaders({ ifMatch: 'required' }), response: { 200: sectionSchema } },
  }, async (request, reply) => withEtag(reply, await service.updateSection(ctxOf(request), request.params.id, request.body, requiredVersion(request))));

  app.delete('/sections/:id', {
    schema: { tags, summary: '删除股室(管理员;仍有用户时拒绝)', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
  }, async (request) => {
    await service.deleteSection(ctxOf(request), request.params.id, optionalVersion(request));
    return { ok: true as const };
  });
};
