import { z } from 'zod';
import { meSchema, passwordSchema } from './auth.js';
import { optionalText, requiredText } from './common.js';
import { divisionCodeSchema } from './divisions.js';
import { orgLevelSchema } from './roles.js';
import { usernameSchema } from './users.js';

// The first run of a bureau that is not the demo: one organisation (its level and division code
// from the national list), its places, starter work lists, default departments and its admin.

/** The reason a refused set-up carries in `details`, so a client can tell it from other conflicts. */
export const SETUP_DONE = 'SETUP_DONE';
export const SETUP_DONE_MESSAGE = '已完成初始设置，不能再次设置；请用管理员账号登录';

export const starterOptionSchema = z.object({ key: z.string(), name: z.string(), description: z.string() });

export const setupStatusSchema = z.object({
  /** True only while no organisation exists. */
  needed: z.boolean(),
  /** The ready-made work lists a bureau may start with. */
  starters: z.array(starterOptionSchema),
  /** Names of the default departments the set-up can add. */
  departments: z.array(z.string()),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupBodySchema = z.strictObject({
  /** The bureau's division: a province, city or county of the national list. */
  division: divisionCodeSchema,
  name: requiredText('单位名称', 50),
  shortName: optionalText('简称', 20),
  admin: z.strictObject({
    username: usernameSchema,
    displayName: requiredText('姓名', 32),
    password: passwordSchema,
  }),
  /** Keys of the starter lists to create. */
  starterLists: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  /** Add the generic county departments. */
  departments: z.boolean().default(false),
});
export type SetupBody = z.input<typeof setupBodySchema>;

export const setupResultSchema = z.object({
  org: z.object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string().nullable(),
    level: orgLevelSchema,
    divisionCode: z.string(),
    /** 江西省赣州市某某县 style, from the national list. */
    divisionName: z.string(),
  }),
  towns: z.number().int(),
  villages: z.number().int(),
  lists: z.array(z.object({ key: z.string(), name: z.string() })),
  departments: z.number().int(),
  admin: z.object({ username: z.string(), mustChangePassword: z.boolean() }),
  /** The admin, signed in by the set-up (the web continues into the app). */
  user: meSchema,
});
export type SetupResult = z.infer<typeof setupResultSchema>;
