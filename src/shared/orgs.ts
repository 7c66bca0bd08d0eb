import { z } from 'zod';
import { referencePoliciesSchema } from './policies.js';
import { idSchema, optionalText, requiredText } from './common.js';
import { divisionCodeSchema } from './divisions.js';
import { ORG_LEVELS, type OrgLevel, orgLevelSchema } from './roles.js';
import { recordVersionSchema } from './versions.js';

export const orgSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: orgLevelSchema,
  /** 12 digits, as the national list writes a place (a county: its 6-digit division code and 000000). */
  regionCode: z.string().nullable(),
  /** The first 6 digits of regionCode: the province, city or county the organisation serves. */
  divisionCode: z.string().nullable(),
  /** False once deactivated: its users, and those of the organisations below it, cannot sign in. Nothing is deleted. */
  active: z.boolean(),
});
export type Org = z.infer<typeof orgSchema>;

/** What the signed-in user may do with an organisation of the list, by the rules the server enforces. */
export const orgPoliciesSchema = z.object({
  /** Rename (admins: their own organisation and those below it). */
  update: z.boolean(),
  /** Create a subordinate organisation (admins, above county level, while it is active). */
  createChild: z.boolean(),
  /** Deactivate or reactivate (admins of an organisation above it; never their own). */
  deactivate: z.boolean(),
  activate: z.boolean(),
});
export type OrgPolicies = z.infer<typeof orgPoliciesSchema>;

/** An organisation in GET /api/orgs: the record, its accounts and whether it is shut off by one above it. */
export const orgListItemSchema = orgSchema.extend({
  /** Accounts of the organisation itself (disabled ones included). */
  userCount: z.number().int(),
  /** Inactive itself or below an inactive organisation: its users cannot sign in. */
  blocked: z.boolean(),
  policies: orgPoliciesSchema,
});
export type OrgListItem = z.infer<typeof orgListItemSchema>;

export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, { error: '区划代码应为12位数字' });

/** The level of the organisations directly below one of `level`, or null for a county (none below). */
export function levelBelow(level: OrgLevel): OrgLevel | null {
  const index = ORG_LEVELS.indexOf(level);
  return ORG_LEVELS[index + 1] ?? null;
}

/**
 * The name an organisation serving a division is given unless one is typed: 某某县科学技术局,
 * 某某市科学技术局, a province's 某某省科学技术厅.
 */
export function suggestOrgName(division: { name: string; level: OrgLevel }): string {
  return `${division.name}${division.level === 'province' ? '科学技术厅' : '科学技术局'}`;
}

/**
 * A new organisation below `parentId`: either its division (6 digits; the level and, unless typed,
 * the name come from the national list) or a typed name and level.
 */
export const createOrgBodySchema = z
  .strictObject({
    parentId: idSchema,
    divisionCode: divisionCodeSchema.nullish().transform((v) => v ?? null),
    name: requiredText('单位名称', 50).optional(),
    shortName: optionalText('简称', 20),
    level: orgLevelSchema.optional(),
    regionCode: regionCodeSchema.nullish().transform((v) => v ?? null),
  })
  .refine((v) => v.divisionCode !== null || v.regionCode !== null || (v.name !== undefined && v.level !== undefined), {
    error: '请选择区划，或填写单位名称和级别',
    path: ['divisionCode'],
  });
export type CreateOrgBody = z.input<typeof createOrgBodySchema>;

export const updateOrgBodySchema = z.strictObject({
  name: requiredText('单位名称', 50).optional(),
  shortName: optionalText('简称', 20).optional(),
  regionCode: regionCodeSchema.nullable().optional(),
});
export type UpdateOrgBody = z.input<typeof updateOrgBodySchema>;

export const sectionSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  orgId: z.number().int(),
  name: z.string(),
  sortOrder: z.number().int(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: referencePoliciesSchema,
});
export type Section = z.infer<typeof sectionSchema>;

export const sectionBodySchema = z.strictObject({
  name: requiredText('股室名称', 30),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});

/** An organisation with the organisations directly below it (none: no `children`, as antd's trees expect). */
export type OrgTreeNode<T> = T & { children?: OrgTreeNode<T>[] };

/**
 * Nests a list of organisations by parentId, keeping the list's order among siblings. Those whose
 * parent is not in the list (the viewer's own organisation) are the roots.
 */
export function orgTree<T extends { id: number; parentId: number | null }>(items: readonly T[]): OrgTreeNode<T>[] {
  const nodes = new Map<number, OrgTreeNode<T>>(items.map((item) => [item.id, { ...item }]));
  const roots: OrgTreeNode<T>[] = [];
  for (const item of items) {
    const node = nodes.get(item.id)!;
    const parent = item.parentId === null ? undefined : nodes.get(item.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
