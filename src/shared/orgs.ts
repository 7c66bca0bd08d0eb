import { z } from 'zod';
import { idSchema, optionalText, requiredText } from './common.js';
import { orgLevelSchema } from './roles.js';
import { recordVersionSchema } from './versions.js';

export const orgSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: orgLevelSchema,
  regionCode: z.string().nullable(),
});
export type Org = z.infer<typeof orgSchema>;

export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, { error: '区划代码应为12位数字' });

export const createOrgBodySchema = z.strictObject({
  parentId: idSchema,
  name: requiredText('单位名称', 50),
  shortName: optionalText('简称', 20),
  level: orgLevelSchema,
  regionCode: regionCodeSchema.nullish().transform((v) => v ?? null),
});

export const updateOrgBodySchema = z.strictObject({
  name: requiredText('单位名称', 50).optional(),
  shortName: optionalText('简称', 20).optional(),
  regionCode: regionCodeSchema.nullable().optional(),
});

export const sectionSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  orgId: z.number().int(),
  name: z.string(),
  sortOrder: z.number().int(),
});
export type Section = z.infer<typeof sectionSchema>;

export const sectionBodySchema = z.strictObject({
  name: requiredText('股室名称', 30),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
