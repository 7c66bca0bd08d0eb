import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../context.js';
import { type OpenedExport, attachmentHeader, openLedgerExport } from './export.js';
import {
  COMMISSIONERS,
  ENTERPRISES,
  EVENTS,
  PROJECTS,
  SERVICE_LOGS,
  VISITS,
  exportCommissionersQuerySchema,
  exportEnterprisesQuerySchema,
  exportEventsQuerySchema,
  exportProjectsQuerySchema,
  exportServiceLogsQuerySchema,
  exportVisitsQuerySchema,
} from './ledgers.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the workbook as it is written; an error after the first byte can only cut the download short. */
function sendExport(reply: FastifyReply, opened: OpenedExport) {
  const body = new PassThrough();
  // A download the browser gave up on: stop reading the ledger.
  reply.raw.once('close', () => {
    if (!body.writableFinished) body.destroy();
  });
  opened.writeTo(body).catch((err: unknown) => {
    if (body.destroyed) return;
    reply.log.error({ err }, 'list export failed while streaming');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachmentHeader(opened.fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

/** GET /api/<ledger>/export: the list under the same query (no paging), as an .xlsx. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const description = '与列表相同的筛选条件（不分页），流式导出 .xlsx：标题行（单位、台账名称、导出日期、筛选条件）、中文表头、日期为日期、金额精确到分';

  app.get(
    '/projects/export',
    { schema: { tags: ['科技项目'], summary: '导出项目库（Excel）', description, querystring: exportProjectsQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), PROJECTS, request.query)),
  );
  app.get(
    '/enterprises/export',
    { schema: { tags: ['企业与基地'], summary: '导出企业与基地（Excel）', description, querystring: exportEnterprisesQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), ENTERPRISES, request.query)),
  );
  app.get(
    '/visits/export',
    { schema: { tags: ['调研'], summary: '导出调研走访（Excel）', description, querystring: exportVisitsQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), VISITS, request.query)),
  );
  app.get(
    '/events/export',
    { schema: { tags: ['活动'], summary: '导出活动台账（Excel，含各项数字合计行）', description, querystring: exportEventsQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), EVENTS, request.query)),
  );
  app.get(
    '/commissioners/export',
    { schema: { tags: ['科技特派员'], summary: '导出科技特派员台账（Excel）', description, querystring: exportCommissionersQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), COMMISSIONERS, request.query)),
  );
  app.get(
    '/service-logs/export',
    { schema: { tags: ['科技特派员'], summary: '导出服务日志（Excel，含服务人次合计行）', description, querystring: exportServiceLogsQuerySchema } },
    async (request, reply) => sendExport(reply, await openLedgerExport(ctxOf(request), SERVICE_LOGS, request.query)),
  );
};
