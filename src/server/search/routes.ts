import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResultSchema } from '../../shared/search.js';
import { ctxOf } from '../context.js';
import * as service from './service.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['搜索'],
        summary: '全站搜索：按名称和文字内容查找各台账的记录（一两个字也可），按台账分组，名称命中在前，再按最近修改；命中文字标出',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => service.search(ctxOf(request), request.query),
  );
};
