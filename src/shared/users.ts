import { z } from 'zod';
import { userPoliciesSchema } from './policies.js';
import { idSchema, optionalText, paginationQuerySchema, queryIdSchema, requiredText } from './common.js';
import { passwordSchema } from './auth.js';
import { roleSchema } from './roles.js';

export const usernameSchema = requiredText('用户名', 32).regex(/^[A-Za-z0-9_.-]+$/, {
  error: '用户名只能包含字母、数字、下划线、点和短横线',
});

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, { error: '电话号码格式不正确' })
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

export const userSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  /** The name of the user's organisation (an admin above county level sees users of several). */
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  sectionId: z.number().int().nullable(),
  sectionName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: userPoliciesSchema,
});
export type User = z.infer<typeof userSchema>;

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: requiredText('姓名', 32),
  role: roleSchema,
  sectionId: idSchema.nullish().transform((v) => v ?? null),
  phone: phoneSchema,
  password: passwordSchema,
  /** Only admins of a higher organisation may place a user in an organisation below their own. */
  orgId: idSchema.optional(),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  displayName: requiredText('姓名', 32).optional(),
  role: roleSchema.optional(),
  sectionId: idSchema.nullable().optional(),
  phone: phoneSchema.optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordBodySchema = z.strictObject({ newPassword: passwordSchema });

export const listUsersQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  role: roleSchema.optional(),
  sectionId: queryIdSchema.optional(),
  /** Only the users of this organisation (one the admin manages). */
  orgId: queryIdSchema.optional(),
});

/** A person to pick in forms and filters. */
export const userOptionSchema = z.object({
  id: z.number().int(),
  displayName: z.string(),
  role: roleSchema,
  sectionName: z.string().nullable(),
  disabled: z.boolean(),
});
export type UserOption = z.infer<typeof userOptionSchema>;
