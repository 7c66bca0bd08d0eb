import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import { ctxOf } from '../context.js';
import { validation } from '../http/errors.js';
import { fileMetaSchema } from './schema.js';
import * as service from './service.js';

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
function attachmentHeader(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['附件'];

  app.post(
    '/files',
    {
      schema: {
        tags,
        summary: '上传附件(multipart/form-data,每次一个文件;JPG/PNG、PDF、Word、Excel)',
        consumes: ['multipart/form-data'],
        response: { 200: fileMetaSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const part = await request.file();
      if (!part) throw validation('请选择要上传的文件', [{ path: 'file', message: '请选择文件' }]);
      // Throws FST_REQ_FILE_TOO_LARGE past the upload limit, which the error handler answers with 413.
      const content = await part.toBuffer();
      return service.uploadFile(ctx, { name: part.filename, content });
    },
  );

  app.get(
    '/files/:id/meta',
    {
      schema: { tags, summary: '附件信息', params: idParamsSchema, response: { 200: fileMetaSchema } },
    },
    async (request) => service.getFileMeta(ctxOf(request), request.params.id),
  );

  app.get(
    '/files/:id',
    {
      schema: { tags, summary: '下载附件', params: idParamsSchema },
    },
    async (request, reply) => {
      const { meta, content } = await service.readFile(ctxOf(request), request.params.id);
      return reply
        .header('content-type', meta.mimeType)
        .header('content-disposition', attachmentHeader(meta.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('etag', `"${meta.sha256}"`)
        .send(content);
    },
  );

  app.delete(
    '/files/:id',
    {
      schema: { tags, summary: '删除附件(上传者、管理员或局领导)', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteFile(ctxOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
