import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../shared/common.js';
import {
  departmentBodySchema, departmentSchema, dictionaryBodySchema, dictionaryItemBodySchema, dictionaryItemSchema, dictionarySchema,
  listPlacesQuerySchema, placeBodySchema, placeSchema,
} from '../../shared/reference.js';
import { ctxOf } from '../context.js';
import { departmentPatchSchema, dictionaryCodeParamsSchema, dictionaryItemPatchSchema, placePatchSchema } from './schema.js';
import * as service from './service.js';

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['参考数据'];

  // ---- places ----

  app.get('/places', {
    schema: {
      tags, summary: '地名(县、乡镇、村/社区),可按上级、级别、关键词筛选',
      querystring: listPlacesQuerySchema, response: { 200: z.object({ items: z.array(placeSchema) }) },
    },
  }, async (request) => ({ items: await service.listPlaces(ctxOf(request), request.query) }));

  app.post('/places', {
    schema: { tags, summary: '新增地名(管理员)', body: placeBodySchema, response: { 200: placeSchema } },
  }, async (request) => service.createPlace(ctxOf(request), request.body));

  app.patch('/places/:id', {
    schema: { tags, summary: '修改地名(管理员;只改提交的字段)', params: idParamsSchema, body: placePatchSchema, response: { 200: placeSchema } },
  }, async (request) => service.updatePlace(ctxOf(request), request.params.id, request.body));

  app.delete('/places/:id', {
    schema: { tags, summary: '删除地名(管理员;有下级地名时拒绝)', params: idParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    await service.deletePlace(ctxOf(request), request.params.id);
    return { ok: true as const };
  });

  // ---- departments ----

  app.get('/departments', {
    schema: { tags, summary: '县直部门(参加活动的单位)', response: { 200: z.object({ items: z.array(departmentSchema) }) } },
  }, async (request) => ({ items: await service.listDepartments(ctxOf(request)) }));

  app.post('/departments', {
    schema: { tags, summary: '新增部门(管理员)', body: departmentBodySchema, response: { 200: departmentSchema } },
  }, async (request) => service.createDepartment(ctxOf(request), request.body));

  app.patch('/departments/:id', {
    schema: {
      tags, summary: '修改部门(管理员;只改提交的字段)', params: idParamsSchema, body: departmentPatchSchema, response: { 200: departmentSchema },
    },
  }, async (request) => service.updateDepartment(ctxOf(request), request.params.id, request.body));

  app.delete('/departments/:id', {
    schema: { tags, summary: '删除部门(管理员)', params: idParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    await service.deleteDepartment(ctxOf(request), request.params.id);
    return { ok: true as const };
  });

  // ---- dictionaries ----

  app.get('/dictionaries', {
    schema: { tags, summary: '字典(计划类别、活动类型等)及其选项数', response: { 200: z.object({ items: z.array(dictionarySchema) }) } },
  }, async (request) => ({ items: await service.listDictionaries(ctxOf(request)) }));

  app.post('/dictionaries', {
    schema: { tags, summary: '新增字典(管理员)', body: dictionaryBodySchema, response: { 200: dictionarySchema } },
  }, async (request) => service.createDictionary(ctxOf(request), request.body));

  app.get('/dictionaries/:code/items', {
    schema: {
      tags, summary: '字典的选项(含已停用的)',
      params: dictionaryCodeParamsSchema, response: { 200: z.object({ items: z.array(dictionaryItemSchema) }) },
    },
  }, async (request) => ({ items: await service.listDictionaryItems(ctxOf(request), request.params.code) }));

  app.post('/dictionaries/:code/items', {
    schema: {
      tags, summary: '新增字典选项(管理员)', params: dictionaryCodeParamsSchema, body: dictionaryItemBodySchema, response: { 200: dictionaryItemSchema },
    },
  }, async (request) => service.createDictionaryItem(ctxOf(request), request.params.code, request.body));

  app.patch('/dictionary-items/:id', {
    schema: {
      tags, summary: '修改字典选项(管理员;只改提交的字段)', params: idParamsSchema, body: dictionaryItemPatchSchema, response: { 200: dictionaryItemSchema },
    },
  }, async (request) => service.updateDictionaryItem(ctxOf(request), request.params.id, request.body));

  app.delete('/dictionary-items/:id', {
    schema: { tags, summary: '删除字典选项(管理员;在用的选项建议停用)', params: idParamsSchema, response: { 200: okSchema } },
  }, async (request) => {
    await service.deleteDictionaryItem(ctxOf(request), request.params.id);
    return { ok: true as const };
  });
};
