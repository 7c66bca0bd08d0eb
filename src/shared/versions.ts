import { z } from 'zod';

// Record versions (against lost updates) and idempotency keys (against double-submitted creates),
// as server and web both see them.
//
// Every record the API changes in place carries `version`: 1 when created, +1 on every change
// (stage moves and progress entries included). A PATCH or PUT names the version it was based on in
// `If-Match: "3"`; when the record has moved on since, the write is refused with 409 CONFLICT and
// `details.current`, the record as it is now, so the form can show what changed. `If-Match: *`
// says "whatever the version" for scripts that mean to overwrite. Actions on a record (stage
// moves, closing an item, deleting) take If-Match too, optionally.
//
// A create may carry `Idempotency-Key: <uuid>`: the same user sending the same key again within
// 24 hours gets the first answer (the same record) instead of a second record.

/** A record's version as responses carry it. */
export const recordVersionSchema = z.number().int().positive().describe('记录版本:新建为 1,每次修改加 1;修改时在 If-Match 头中回传');

export const STALE_VERSION_MESSAGE = '该记录已被他人修改,请刷新后再保存';
export const MISSING_VERSION_MESSAGE = '缺少记录版本(If-Match),请刷新后重试';
export const BAD_VERSION_MESSAGE = '记录版本(If-Match)格式不正确,应为 "版本号"';
export const BAD_IDEMPOTENCY_KEY_MESSAGE = '幂等键(Idempotency-Key)格式不正确:应为 1 至 100 个字母、数字或 - _ . :';
export const REUSED_IDEMPOTENCY_KEY_MESSAGE = '该幂等键(Idempotency-Key)已用于内容不同的另一请求,请重新提交';

/** How long a create's answer is kept for replay. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

/** The If-Match value naming a version: `"3"`. */
export function ifMatchOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match value names: `"3"`, `W/"3"` or a bare `3`; `'any'` for `*`; null when the
 * value is none of these (a list of several tags is refused: a write is based on one version).
 */
export function parseIfMatch(value: string): number | 'any' | null {
  const text = value.trim();
  if (text === '*') return 'any';
  const match = /^(?:W\/)?"?([1-9]\d{0,9})"?$/.exec(text);
  if (!match) return null;
  const version = Number(match[1]);
  return Number.isSafeInteger(version) ? version : null;
}

/** Whether an Idempotency-Key is acceptable: a UUID or any 1–100 characters of letters, digits and - _ . : */
export function isIdempotencyKey(value: string): boolean {
  return /^[A-Za-z0-9_.:-]{1,100}$/.test(value);
}
