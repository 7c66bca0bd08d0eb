import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../context.js';
import { EXPORTABLE, type OpenedExport, attachmentHeader } from './export.js';

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

  for (const [name, ledger] of Object.entries(EXPORTABLE)) {
    app.get(`/${name}/export`, { schema: { tags: [ledger.tag], summary: ledger.summary, description, querystring: ledger.query } }, async (request, reply) =>
      sendExport(reply, await ledger.open(ctxOf(request), request.query)),
    );
  }
};
