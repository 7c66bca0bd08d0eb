import { z } from 'zod';
import { idSchema, optionalText, requiredText, safeString } from '../../shared/common.js';
import { regionCodeSchema } from '../../shared/orgs.js';
import { placeLevelSchema } from '../../shared/reference.js';

// PATCH bodies: every field optional and none defaulted, so a field left out keeps its stored value.
// (`placeBodySchema.partial()` would keep `.default(0)` and reset sortOrder on every PATCH.)

export const placePatchSchema = z.strictObject({
  parentId: idSchema.nullable().optional(),
  level: placeLevelSchema.optional(),
  name: requiredText('地名', 50).optional(),
  code: regionCodeSchema.nullable().optional(),
  sortOrder: z.number().int().min(0).max(99999).optional(),
});

export const departmentPatchSchema = z.strictObject({
  name: requiredText('部门名称', 50).optional(),
  shortName: optionalText('简称', 20).optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
});

export const dictionaryItemPatchSchema = z.strictObject({
  value: requiredText('编码值', 40).optional(),
  label: requiredText('名称', 50).optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
  measure: optionalText('量词', 4).optional(),
});

export const dictionaryCodeParamsSchema = z.object({ code: safeString().trim().min(1).max(40) });
