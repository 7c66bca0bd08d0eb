import { z } from 'zod';

// Chinese messages for every zod error, on server and web alike.
z.config(z.locales.zhCN());

export const idSchema = z.coerce.number().int().positive();
export const idParamsSchema = z.object({ id: idSchema });

/** A calendar date as officials write it: YYYY-MM-DD, and a real day. */
export const dateSchema = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

/** A required one-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
}

/** An optional one-line text; empty strings become null. */
export function optionalText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullish()
    .transform((v) => (v ? v : null));
}

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const okSchema = z.object({ ok: z.literal(true) });

/** A reporting period: first and last day, both included. */
export const periodFields = { from: dateSchema, to: dateSchema };
export const periodSchema = z
  .object(periodFields)
  .refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
