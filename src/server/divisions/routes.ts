import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { divisionSchema, importDivisionBodySchema, importDivisionResultSchema, listDivisionsQuerySchema } from '../../shared/divisions.js';
import { ctxOf } from '../context.js';
import { recordHeaders } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import * as service from './service.js';

/** The national division list and loading a county's towns and villages from it. */
export const divisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['行政区划'];

  app.get(
    '/divisions',
    {
      // Public: the set-up page picks the bureau's county before anyone can sign in.
      config: { public: true },
      schema: {
        tags,
        summary: '全国行政区划（无需登录）：不带 parent 为各省，parent=省代码为其市（直辖市为其区县），parent=市代码为其县（区）；代码均为6位',
        querystring: listDivisionsQuerySchema,
        response: { 200: z.object({ items: z.array(divisionSchema) }) },
      },
    },
    async (request) => ({ items: await service.listDivisionChildren(request.query.parent) }),
  );

  app.get(
    '/divisions/own',
    {
      schema: {
        tags,
        summary: '本单位的行政区划（单位未设置时为 null）；从区划库导入默认载入它的乡镇和村（社区）',
        response: { 200: z.object({ division: divisionSchema.nullable() }) },
      },
    },
    async (request) => ({ division: await service.ownDivision(ctxOf(request)) }),
  );

  app.post(
    '/places/import-division',
    {
      schema: {
        tags,
        summary: '从区划库导入地名（管理员）：载入一个县（区）的乡镇和村（社区），默认本单位的区划；已有的地名（同代码，或同一上级下同名）保留不动，只补缺少的',
        body: importDivisionBodySchema.nullish(),
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: importDivisionResultSchema },
      },
    },
    async (request, reply) => idempotent(request, reply, (ctx) => service.importPlaces(ctx, request.body ?? {})),
  );
};
