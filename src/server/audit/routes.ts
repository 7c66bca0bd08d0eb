import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, listAuditQuerySchema } from '../../shared/audit.js';
import { pageOf } from '../../shared/common.js';
import { ctxOf } from '../context.js';
import * as service from './service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['操作日志'],
        summary: '操作日志(管理员、局领导),按用户、记录类型、日期筛选',
        querystring: listAuditQuerySchema,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => service.browseAudit(ctxOf(request), request.query),
  );
};
