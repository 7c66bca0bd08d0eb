import { z } from 'zod';

/**
 * The national division list (国家统计局统计用区划代码) as the set-up, the organisation form and the
 * places import see it: provinces, cities and counties by 6-digit code (a province 360000, a city
 * 360700, a county 360724). Towns and villages carry 12-digit codes and live in 地名 (places).
 *
 * What the list shows is what a person looks for, not every row of the statistics:
 * - the pseudo-cities 市辖区 and 县 of 北京、天津、上海、重庆 are left out: the municipality lists
 *   its districts and counties directly;
 * - 省直辖县级行政区划 (济源、仙桃、五指山 …) stays a city-level entry under that name, as the
 *   statistics and most forms show it;
 * - a city without counties (东莞、中山、儋州、嘉峪关) is a city with no children whose own towns
 *   and villages can be imported (`hasPlaces`);
 * - Hong Kong, Macao and Taiwan have no statistical codes and are not in the list.
 */

export const divisionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '区划代码应为6位数字' });

export const DIVISION_LEVELS = ['province', 'city', 'county'] as const;
export const divisionLevelSchema = z.enum(DIVISION_LEVELS);
export type DivisionLevel = z.infer<typeof divisionLevelSchema>;
export const DIVISION_LEVEL_LABELS: Record<DivisionLevel, string> = { province: '省级', city: '市级', county: '县级' };

export const divisionSchema = z.object({
  /** 6 digits. */
  code: z.string(),
  name: z.string(),
  level: divisionLevelSchema,
  /** The entry above it in the list (a municipality's districts name the municipality), null for a province. */
  parentCode: z.string().nullable(),
  /** 江西省赣州市上犹县 style: the names from the province down, without 市辖区 and without repeats (东莞市, not 广东省东莞市东莞市). */
  fullName: z.string(),
  hasChildren: z.boolean(),
  /** Whether its towns and villages can be imported into 地名: every county, and a city without counties. */
  hasPlaces: z.boolean(),
});
export type Division = z.infer<typeof divisionSchema>;

export const listDivisionsQuerySchema = z.object({
  parent: divisionCodeSchema.optional(),
});

export const importDivisionBodySchema = z.strictObject({
  /** The county whose towns and villages to load; default the organisation's own division. */
  code: divisionCodeSchema.optional(),
});

export const importDivisionResultSchema = z.object({
  division: divisionSchema,
  /** Towns and villages the division has. */
  towns: z.number().int(),
  villages: z.number().int(),
  /** Places inserted (the county, towns and villages that were missing). */
  added: z.number().int(),
  /** Places already there (by code, or by name under the same parent), left as the organisation has them. */
  kept: z.number().int(),
});
export type ImportDivisionResult = z.infer<typeof importDivisionResultSchema>;
