import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { createOrgBodySchema, orgSchema, sectionBodySchema, sectionSchema, updateOrgBodySchema } from '../../shared/orgs.js';
import { ctxOf } from '../context.js';
import * as service from './service.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['单位与股室'];

  app.get('/orgs', {
    schema: { tags, summary: '本单位及(领导可见的)下级单位', response: { 200: z.object({ items: z.array(orgSchema) }) } },
  }, async (request) => ({ items: await service.listOrgs(ctxOf(request)) }));

  app.post('/orgs', {
    schema: { tags, summary: '新建下级单位(管理员)', body: createOrgBodySchema, response: { 200: orgSchema } },
  }, async (request) => service.createOrg(ctxOf(request), request.body));

  app.patch('/orgs/:id', {
    schema: { tags, summary: '修改单位(管理员)', params: idParamsSchema, body: updateOrgBodySchema, response: { 200: orgSchema } },
  }, async (request) => service.updateOrg(ctxOf(request), request.params.id, request.body));

  app.get('/sections', {
    schema: { tags, summary: '本单位的股室', response: { 200: z.object({ items: z.array(sectionSchema) }) } },
  }, async (request) => ({ items: await service.listSections(ctxOf(request)) }));

  app.post('/sections', {
    schema: { tags, summary: '新建股室(管理员)', body: sectionBodySchema, response: { 200: sectionSchema } },
  }, async (request) => service.createSection(ctxOf(request), request.body));

  app.patch('/sections/:id', {
    schema: { tags, summary: '修改股室(管理员)', params: idParamsSchema, body: sectionBodySchema, response: { 200: sectionSchema } },
  }, async (request) => service.updateSection(ctxOf(request), request.params.id, request.body));

  app.delete('/sections/:id', {
    schema: { tags, summary: '删除股室(管理员;仍有用户时拒绝)', params: idParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    await service.deleteSection(ctxOf(request), request.params.id);
    return { ok: true as const };
  });
};
