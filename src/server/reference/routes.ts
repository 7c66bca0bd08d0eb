import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, listOf, okSchema } from '../../shared/common.js';
import {
  departmentBodySchema,
  departmentSchema,
  dictionaryBodySchema,
  dictionaryItemBodySchema,
  dictionaryItemSchema,
  dictionarySchema,
  listPlacesQuerySchema,
  placeBodySchema,
  placeSchema,
} from '../../shared/reference.js';
import { referenceListPolicies } from '../auth/policies.js';
import { ctxOf } from '../context.js';
import { optionalVersion, recordHeaders, requiredVersion, withEtag } from '../http/versions.js';
import { idempotent } from '../idempotency/service.js';
import { addDefaultDepartments } from './default-departments.js';
import { departmentPatchSchema, dictionaryCodeParamsSchema, dictionaryItemPatchSchema, placePatchSchema } from './schema.js';
import * as service from './service.js';

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['参考数据'];

  // ---- places ----

  app.get(
    '/places',
    {
      schema: {
        tags,
        summary: '地名(县、乡镇、村/社区),可按上级、级别、关键词筛选',
        querystring: listPlacesQuerySchema,
        response: { 200: listOf(placeSchema) },
      },
    },
    async (request) => ({ items: await service.listPlaces(ctxOf(request), request.query), policies: referenceListPolicies(ctxOf(request).actor) }),
  );

  app.post(
    '/places',
    {
      schema: { tags, summary: '新增地名(管理员)', body: placeBodySchema, headers: recordHeaders({ idempotencyKey: true }), response: { 200: placeSchema } },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createPlace(ctx, request.body))),
  );

  app.patch(
    '/places/:id',
    {
      schema: {
        tags,
        summary: '修改地名(管理员;只改提交的字段)',
        params: idParamsSchema,
        body: placePatchSchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: placeSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updatePlace(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/places/:id',
    {
      schema: {
        tags,
        summary: '删除地名(管理员;有下级地名时拒绝)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deletePlace(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  // ---- departments ----

  app.get(
    '/departments',
    {
      schema: { tags, summary: '县直部门(参加活动的单位)', response: { 200: listOf(departmentSchema) } },
    },
    async (request) => ({ items: await service.listDepartments(ctxOf(request)), policies: referenceListPolicies(ctxOf(request).actor) }),
  );

  app.post(
    '/departments',
    {
      schema: {
        tags,
        summary: '新增部门(管理员)',
        body: departmentBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: departmentSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createDepartment(ctx, request.body))),
  );

  app.post(
    '/departments/defaults',
    {
      schema: {
        tags,
        summary: '添加常用部门（管理员）：农业农村局、林业局、气象局、卫生健康委员会、科学技术协会等，已有同名部门的跳过；返回添加的个数',
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: z.object({ added: z.number().int() }) },
      },
    },
    async (request, reply) => idempotent(request, reply, async (ctx) => ({ added: await addDefaultDepartments(ctx) })),
  );

  app.patch(
    '/departments/:id',
    {
      schema: {
        tags,
        summary: '修改部门(管理员;只改提交的字段)',
        params: idParamsSchema,
        body: departmentPatchSchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: departmentSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateDepartment(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/departments/:id',
    {
      schema: { tags, summary: '删除部门(管理员)', params: idParamsSchema, headers: recordHeaders({ ifMatch: 'optional' }), response: { 200: okSchema } },
    },
    async (request) => {
      await service.deleteDepartment(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );

  // ---- dictionaries ----

  app.get(
    '/dictionaries',
    {
      schema: { tags, summary: '字典(计划类别、活动类型等)及其选项数', response: { 200: listOf(dictionarySchema) } },
    },
    async (request) => ({ items: await service.listDictionaries(ctxOf(request)), policies: referenceListPolicies(ctxOf(request).actor) }),
  );

  app.post(
    '/dictionaries',
    {
      schema: {
        tags,
        summary: '新增字典(管理员)',
        body: dictionaryBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: dictionarySchema },
      },
    },
    async (request, reply) => idempotent(request, reply, (ctx) => service.createDictionary(ctx, request.body)),
  );

  app.get(
    '/dictionaries/:code/items',
    {
      schema: {
        tags,
        summary: '字典的选项(含已停用的)',
        params: dictionaryCodeParamsSchema,
        response: { 200: listOf(dictionaryItemSchema) },
      },
    },
    async (request) => ({
      items: await service.listDictionaryItems(ctxOf(request), request.params.code),
      policies: referenceListPolicies(ctxOf(request).actor),
    }),
  );

  app.post(
    '/dictionaries/:code/items',
    {
      schema: {
        tags,
        summary: '新增字典选项(管理员)',
        params: dictionaryCodeParamsSchema,
        body: dictionaryItemBodySchema,
        headers: recordHeaders({ idempotencyKey: true }),
        response: { 200: dictionaryItemSchema },
      },
    },
    async (request, reply) => withEtag(reply, await idempotent(request, reply, (ctx) => service.createDictionaryItem(ctx, request.params.code, request.body))),
  );

  app.patch(
    '/dictionary-items/:id',
    {
      schema: {
        tags,
        summary: '修改字典选项(管理员;只改提交的字段)',
        params: idParamsSchema,
        body: dictionaryItemPatchSchema,
        headers: recordHeaders({ ifMatch: 'required' }),
        response: { 200: dictionaryItemSchema },
      },
    },
    async (request, reply) => withEtag(reply, await service.updateDictionaryItem(ctxOf(request), request.params.id, request.body, requiredVersion(request))),
  );

  app.delete(
    '/dictionary-items/:id',
    {
      schema: {
        tags,
        summary: '删除字典选项(管理员;在用的选项建议停用)',
        params: idParamsSchema,
        headers: recordHeaders({ ifMatch: 'optional' }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.deleteDictionaryItem(ctxOf(request), request.params.id, optionalVersion(request));
      return { ok: true as const };
    },
  );
};
