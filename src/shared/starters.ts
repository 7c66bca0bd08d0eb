import { z } from 'zod';
import { safeString } from './common.js';

// Starter work lists (常用台账): ready-made lists a bureau may add at set-up or from 工作台账.

/** A starter as offered: `present` when the organisation already has a list with its key or name. */
export const starterSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  present: z.boolean(),
});
export type Starter = z.infer<typeof starterSchema>;

export const createStartersBodySchema = z.strictObject({
  keys: z
    .array(safeString().trim().min(1, { error: '台账标识不能为空' }).max(40, { error: '台账标识过长' }))
    .min(1, { error: '请选择要添加的台账' })
    .max(20, { error: '一次最多添加20个台账' }),
});
export type CreateStartersBody = z.infer<typeof createStartersBodySchema>;
