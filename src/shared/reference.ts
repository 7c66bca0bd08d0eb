import { z } from 'zod';
import { referencePoliciesSchema } from './policies.js';
import { idSchema, optionalText, queryIdSchema, requiredText } from './common.js';
import { regionCodeSchema } from './orgs.js';
import { recordVersionSchema } from './versions.js';

export const PLACE_LEVELS = ['county', 'town', 'village'] as const;
export const placeLevelSchema = z.enum(PLACE_LEVELS);
export type PlaceLevel = z.infer<typeof placeLevelSchema>;
export const PLACE_LEVEL_LABELS: Record<PlaceLevel, string> = {
  county: '县',
  town: '乡镇',
  village: '村/社区',
};

export const placeSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  parentId: z.number().int().nullable(),
  level: placeLevelSchema,
  name: z.string(),
  code: z.string().nullable(),
  sortOrder: z.number().int(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: referencePoliciesSchema,
});
export type Place = z.infer<typeof placeSchema>;

export const placeBodySchema = z.strictObject({
  parentId: idSchema.nullish().transform((v) => v ?? null),
  level: placeLevelSchema,
  name: requiredText('地名', 50),
  code: regionCodeSchema.nullish().transform((v) => v ?? null),
  sortOrder: z.number().int().min(0).max(99999).default(0),
});

export const listPlacesQuerySchema = z.object({
  parentId: queryIdSchema.optional(),
  level: placeLevelSchema.optional(),
  q: optionalText('关键词', 50),
});

export const departmentSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: referencePoliciesSchema,
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentBodySchema = z.strictObject({
  name: requiredText('部门名称', 50),
  shortName: optionalText('简称', 20),
  sortOrder: z.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
});

export const dictionaryCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '字典编码只能包含小写字母、数字和下划线,并以字母开头' });

export const dictionarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  itemCount: z.number().int(),
});
export type Dictionary = z.infer<typeof dictionarySchema>;

export const dictionaryBodySchema = z.strictObject({
  code: dictionaryCodeSchema,
  name: requiredText('字典名称', 30),
  description: optionalText('说明', 200),
});

export const dictionaryItemSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  dictionaryId: z.number().int(),
  value: z.string(),
  label: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** The measure word the summary counts this item's records with (研发中心 个, 企业 家); null → the figure's own unit. */
  measure: z.string().nullable(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: referencePoliciesSchema,
});
export type DictionaryItem = z.infer<typeof dictionaryItemSchema>;

export const dictionaryItemBodySchema = z.strictObject({
  value: requiredText('编码值', 40),
  label: requiredText('名称', 50),
  sortOrder: z.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
  measure: optionalText('量词', 4),
});
