import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateSchema, idParamsSchema, listOf, okSchema, queryIdSchema } from '../../shared/common.js';
import {
  compareQuerySchema,
  createReportBodySchema,
  rollupQuerySchema,
  rollupSchema,
  factCatalogueSchema,
  factsQuerySchema,
  previewBodySchema,
  previewSchema,
  redraftQuerySchema,
  redraftSchema,
  reportSchema,
  saveVersionBodySchema,
  staleFigureSchema,
  templateCheckSchema,
  templateDefinitionSchema,
  templateSchema,
  versionCompareSchema,
  versionSchema,
  traceRecordSchema,
} from '../../shared/reports.js';
import { templateListPolicies } from '../auth/policies.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { findOrg } from '../orgs/repo.js';
import { todayInChina } from '../projects/pipeline.js';
import { renderDocx } from './render-docx.js';
import { renderMarkdown, renderPlainText } from './render-text.js';
import { getRollup } from './rollup.js';
import * as service from './service.js';

const versionParams = z.object({ id: queryIdSchema, version: queryIdSchema });
const reportWithLatest = reportSchema.extend({ latest: versionSchema });
const versionInfo = versionSchema.omit({ doc: true });

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['工作总结'];

  app.get(
    '/report-templates',
    {
      schema: {
        tags,
        summary: '总结模板(首次使用时由通用段落和本单位各工作台账的总结句式建立默认模板,台账变化时随之更新,直到有人修改保存)',
        response: { 200: listOf(templateSchema) },
      },
    },
    async (request) => ({ items: await service.listTemplates(ctxOf(request)), policies: templateListPolicies(ctxOf(request).actor) }),
  );

  app.get(
    '/report-templates/facts',
    {
      schema: {
        tags,
        summary: '模板可用的统计数据(事实目录):按台账分组,每项有占位名、名称、单位、计数方式;给出期间时附该期间的数值',
        querystring: factsQuerySchema,
        response: { 200: factCatalogueSchema },
      },
    },
    async (request) => service.listFactInfo(ctxOf(request), request.query),
  );

  app.post(
    '/report-templates/preview',
    {
      schema: { tags, summary: '预览一个句式在某期间的写法,并列出其中的问题(编辑模板时实时预览)', body: previewBodySchema, response: { 200: previewSchema } },
    },
    async (request) => service.previewPattern(ctxOf(request), request.body),
  );

  app.post(
    '/report-templates/check',
    {
      schema: { tags, summary: '检查模板:列出每个不对应统计数据的 {占位}', body: templateDefinitionSchema, response: { 200: templateCheckSchema } },
    },
    async (request) => service.checkTemplateDefinition(ctxOf(request), request.body),
  );

  app.post(
    '/report-templates',
    {
      schema: {
        tags,
        summary: '新建模板(局领导、管理员;有错误的占位时拒绝)',
        body: templateDefinitionSchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: templateSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createTemplate(ctx, request.body))),
  );

  app.put(
    '/report-templates/:id',
    {
      schema: {
        tags,
        summary: '修改模板',
        params: idParamsSchema,
        body: templateDefinitionSchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: templateSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateTemplate(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/report-templates/:id',
    {
      schema: {
        tags,
        summary: '删除模板(默认模板不能删除)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteTemplate(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/reports',
    {
      schema: { tags, summary: '工作总结列表', response: { 200: listOf(reportSchema) } },
    },
    async (request) => service.listReports(ctxOf(request)),
  );

  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary: '按期间和模板起草工作总结(保存为第1版)',
        body: createReportBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: reportWithLatest },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createReport(ctx, request.body))),
  );

  app.get(
    '/reports/rollup',
    {
      schema: {
        tags,
        summary:
          '下属单位主要数据：期内每个直属下级单位（市的各县、省的各市，各含其下级）一行，本级有数据时加一行，再加合计；各数按工作总结的同一统计口径，附所统计记录的编号（可用 /reports/trace 溯源）。合计即本单位工作总结所述的汇总数。仅局领导、管理员；没有下级单位时 rows 为空',
        querystring: rollupQuerySchema,
        response: { 200: rollupSchema },
      },
    },
    async (request) => getRollup(ctxOf(request), request.query),
  );

  app.get(
    '/reports/trace',
    {
      schema: {
        tags,
        summary: '数字溯源:某个数字所统计的记录,每条附链接',
        querystring: z.object({
          recordType: z.string().regex(/^[a-z_]{1,40}$/, { error: '未知的记录类型' }),
          // A comma-separated list of record ids, nothing else: anything that is not a number is refused, not dropped.
          ids: z
            .string()
            .max(20000)
            .regex(/^(\d{1,12}(,\d{1,12})*)?$/, { error: '编号列表应为以逗号分隔的数字' })
            .transform((s) => s.split(',').filter(Boolean).map(Number)),
        }),
        response: { 200: z.object({ items: z.array(traceRecordSchema) }) },
      },
    },
    async (request) => ({ items: await service.traceRecords(ctxOf(request), request.query.recordType, request.query.ids) }),
  );

  app.get(
    '/reports/:id',
    {
      schema: { tags, summary: '工作总结及其最新版本', params: idParamsSchema, response: { 200: reportWithLatest } },
    },
    async (request, reply) => withEtag(reply, await service.getReport(ctxOf(request), request.params.id)),
  );

  app.get(
    '/reports/:id/versions',
    {
      schema: { tags, summary: '各版本(谁、何时、说明)', params: idParamsSchema, response: { 200: z.object({ items: z.array(versionInfo) }) } },
    },
    async (request) => ({ items: await service.listVersions(ctxOf(request), request.params.id) }),
  );

  app.get(
    '/reports/:id/versions/compare',
    {
      schema: {
        tags,
        summary: '对比两个版本：标题、开头、各段标题和段落按标识配对，说明增加、删去、修改的段落（两版文字及不同之处）和变化的数字',
        params: idParamsSchema,
        querystring: compareQuerySchema,
        response: { 200: versionCompareSchema },
      },
    },
    async (request) => service.compareVersions(ctxOf(request), request.params.id, request.query.a, request.query.b),
  );

  app.get(
    '/reports/:id/versions/:version',
    {
      schema: { tags, summary: '某一版本的全文', params: versionParams, response: { 200: versionSchema } },
    },
    async (request) => service.getVersion(ctxOf(request), request.params.id, request.params.version),
  );

  app.post(
    '/reports/:id/versions',
    {
      schema: {
        tags,
        summary: '保存修改为新版本(baseVersion 不是最新版本时 409)',
        params: idParamsSchema,
        body: saveVersionBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: versionSchema },
      },
    },
    async (request, reply) => idempotent(request, reply, (ctx) => service.saveVersion(ctx, request.params.id, request.body)),
  );

  app.post(
    '/reports/:id/versions/:version/restore',
    {
      schema: {
        tags,
        summary: '恢复某一版本(另存为最新版本)',
        params: versionParams,
        headers: recordHeaders({ ifMatch: 'optional', idempotencyKey: true }),
        response: { 200: versionSchema },
      },
    },
    async (request, reply) =>
      idempotent(request, reply, (ctx) => service.restoreVersion(ctx, request.params.id, request.params.version, optionalVersion(request))),
  );

  app.post(
    '/reports/:id/redraft',
    {
      schema: {
        tags,
        summary: '重新起草(不保存):按报告起草时的模板或模板的当前版本;说明模板、数据是否有变化,列出变化的数字,保留人工修改过的段落',
        params: idParamsSchema,
        querystring: redraftQuerySchema,
        response: { 200: redraftSchema },
      },
    },
    async (request) => {
      const { generated: _generated, ...answer } = await service.redraft(ctxOf(request), request.params.id, request.query.template);
      return answer;
    },
  );

  app.get(
    '/reports/:id/versions/:version/stale',
    {
      schema: { tags, summary: '该版本中来源记录已变化的数字', params: versionParams, response: { 200: z.object({ items: z.array(staleFigureSchema) }) } },
    },
    async (request) => ({ items: await service.staleFigures(ctxOf(request), request.params.id, request.params.version) }),
  );

  app.get(
    '/reports/:id/export',
    {
      schema: {
        tags,
        summary:
          '导出：docx（GB/T 9704 公文格式）、md 或 txt；默认最新版本。docx 落款的成文日期由 date 给出（YYYY-MM-DD，写作2014年7月5日），默认为该版本的保存日期',
        params: idParamsSchema,
        querystring: z.object({ format: z.enum(['docx', 'md', 'txt']).default('docx'), version: queryIdSchema.optional(), date: dateSchema.optional() }),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const report = await service.getReport(ctx, request.params.id);
      const version = request.query.version ? await service.getVersion(ctx, report.id, request.query.version) : report.latest;
      const name = `${report.title}(第${version.versionNo}版)`;
      const { format } = request.query;
      let body: Buffer | string;
      if (format === 'docx') {
        const org = await findOrg(ctx.db, ctx.actor.orgId);
        // 成文日期: as the user gives it, else the day (in China) the exported version was saved — never the export day.
        const date = request.query.date ?? todayInChina(new Date(version.createdAt));
        body = await renderDocx(version.doc, { orgName: org?.name, date });
        reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      } else {
        body = format === 'md' ? renderMarkdown(version.doc) : renderPlainText(version.doc);
        reply.type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8');
      }
      reply.header('content-disposition', `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
      return reply.send(body);
    },
  );
};
