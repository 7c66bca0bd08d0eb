import { z } from 'zod';
import { type ListPolicies, listPoliciesSchema } from './policies.js';

// Chinese messages for every zod error, on server and web alike; a field a body does not take is
// named (a PATCH carrying `stage`, which only POST …/stage changes, must not pass silently).
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => (issue.code === 'unrecognized_keys' ? `未知字段:${issue.keys.join('、')}(此处不能提交或修改)` : undefined),
});

/**
 * Characters no text field may hold: the C0 and C1 control characters other than tab, line feed and
 * carriage return (PostgreSQL refuses NUL outright; the others are invisible and break exports), and
 * what XML 1.0 cannot carry, so a .docx would be unreadable: U+FFFE, U+FFFF and lone surrogates.
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_TEXT_GLOBAL = new RegExp(UNSAFE_TEXT.source, 'g');

export const UNSAFE_TEXT_MESSAGE = '不能包含控制字符';

/** Whether a text holds a character no field may hold (see UNSAFE_TEXT). */
export const hasUnsafeText = (text: string): boolean => UNSAFE_TEXT.test(text);

/**
 * Where in a parsed JSON value (or query) the first string holding such a character is, as a path
 * of keys and indexes (`[]` for the value itself), or null when there is none. Object keys count.
 */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return hasUnsafeText(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasUnsafeText(key)) return [...path, key];
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The text without those characters: for exports of records saved before they were refused. */
export const stripUnsafeText = (text: string): string => text.replace(UNSAFE_TEXT_GLOBAL, '');

/**
 * A string of a request: what `z.string()` is, minus the characters no field may hold. Every string
 * a request body or query takes is one of these (or built on requiredText/optionalText below).
 */
export function safeString(params?: Parameters<typeof z.string>[0], label = '') {
  return z.string(params).refine((v) => !hasUnsafeText(v), { error: `${label}${UNSAFE_TEXT_MESSAGE}` });
}

/** A record id in a JSON body: a real number, never a numeric string. */
export const idSchema = z.number({ error: '应为数字编号' }).int({ error: '应为整数编号' }).positive({ error: '编号应为正整数' });
/** A record id in a path or query string, where everything arrives as text. */
export const queryIdSchema = z.coerce.number({ error: '应为数字编号' }).int({ error: '应为整数编号' }).positive({ error: '编号应为正整数' });
export const idParamsSchema = z.object({ id: queryIdSchema });

/** A calendar date as officials write it: YYYY-MM-DD, and a real day. */
export const dateSchema = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

/** Today in China (UTC+8), as YYYY-MM-DD: the day the bureau's records are dated by. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const FUTURE_DATE_MESSAGE = '日期不能晚于今天';

/** The date of something that has happened (a visit, a follow-up, a log): today at the latest, China's day. */
export const pastDateSchema = dateSchema.refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || v <= chinaToday(), { error: FUTURE_DATE_MESSAGE });

/** A required one-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(label: string, max = 100) {
  return safeString({ error: `请填写${label}` }, label)
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
}

/** An optional one-line text; empty strings become null. */
export function optionalText(label: string, max = 200) {
  return safeString(undefined, label)
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullish()
    .transform((v) => (v ? v : null));
}

/** An optional query-string filter matched exactly (a type, a program); absent when not given. */
export const queryText = (max: number) => safeString().trim().max(max).optional();

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A page of a list: its records (each with its own `policies`) and the list's `policies` (may the user add one). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    policies: listPoliciesSchema,
  });
}

/** A whole list (no paging): its records and the list's `policies`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), policies: listPoliciesSchema });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  policies: ListPolicies;
}

export const okSchema = z.object({ ok: z.literal(true) });

/** A reporting period: first and last day, both included. */
export const periodFields = { from: dateSchema, to: dateSchema };
export const periodSchema = z.object(periodFields).refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
