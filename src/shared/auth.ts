import { z } from 'zod';
import { mePoliciesSchema } from './policies.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { requiredText, safeString } from './common.js';
import { orgLevelSchema, roleSchema } from './roles.js';

export const PASSWORD_MIN_LENGTH = 8;

let commonPasswords: Set<string> | null = null;

/** Is this one of the bundled common passwords (compared without letter case)? */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
  return commonPasswords.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = '这个密码太常见,容易被猜中,请换一个';

/**
 * A password a person may set: 8 to 128 characters, letters and digits, not only spaces, and not
 * on the list of common passwords (which holds the published demo password). The server also
 * refuses the demo password it was started with (see server/auth/password.ts).
 */
export const passwordSchema = safeString({ error: '请填写密码' }, '密码')
  .min(PASSWORD_MIN_LENGTH, { error: `密码至少${PASSWORD_MIN_LENGTH}位` })
  .max(128, { error: '密码不能超过128位' })
  .refine((p) => p.trim() !== '', { error: '密码不能只有空格', abort: true })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: '密码须同时包含字母和数字', abort: true })
  .refine((p) => !isCommonPassword(p), { error: COMMON_PASSWORD_MESSAGE });

/** What the password field says under it, in the web forms. */
export const PASSWORD_RULES_TEXT = `至少${PASSWORD_MIN_LENGTH}位,须同时包含字母和数字,不能用常见密码或演示密码`;

export const loginBodySchema = z.strictObject({
  username: requiredText('用户名', 64),
  password: safeString({ error: '请填写密码' }, '密码').min(1, { error: '请填写密码' }).max(128),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: safeString({ error: '请填写当前密码' }, '当前密码').min(1, { error: '请填写当前密码' }).max(128),
  newPassword: passwordSchema,
});

export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  phone: z.string().nullable(),
  section: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  org: z.object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string().nullable(),
    level: orgLevelSchema,
  }),
  mustChangePassword: z.boolean(),
  /** What the user may do in the app as a whole: menus, pages, buttons of no one record (src/shared/policies.ts). */
  policies: mePoliciesSchema,
});
export type Me = z.infer<typeof meSchema>;

export const meResponseSchema = z.object({ user: meSchema });

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenBodySchema = z.strictObject({ name: requiredText('令牌名称', 50) });
export const createdTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
