import { ifMatchOf } from '../../shared/versions.js';
import { ApiError } from './api-client';

// Record versions and idempotent creates as the web app uses them (the rules: src/shared/versions.ts).
// Every save of an edit form names the version the form was opened with (If-Match); every create
// carries one Idempotency-Key per submission, the same key when the same submission is sent again
// after a failure, so a double click or a retry after a lost answer makes one record.

/** What an update takes besides its fields: the record and the version the form was based on. */
export interface Versioned {
  id: number;
  version: number;
}

/** What a create may take besides its fields: its submission's key. */
export interface Submission {
  idempotencyKey?: string;
}

/** The If-Match header of a write based on `version`. */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': ifMatchOf(version) };
}

/** The Idempotency-Key header, when there is a key. */
export function idempotencyHeader(key: string | undefined): Record<string, string> {
  return key ? { 'Idempotency-Key': key } : {};
}

/** The record as it is now, when `error` is the 409 of a write based on an outdated version. */
export function staleCurrentOf<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const details = error.details as { current?: unknown } | null | undefined;
  const current = details && typeof details === 'object' ? details.current : undefined;
  return current && typeof current === 'object' && typeof (current as { version?: unknown }).version === 'number' ? (current as T) : null;
}

function randomKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Idempotency keys of one form: a new key for each new submission, the same key when the very
 * same content is sent again before a success (the user pressing 保存 again after a timeout).
 */
export class SubmissionKeys {
  private pending: { key: string; content: string } | null = null;

  constructor(private readonly newKey: () => string = randomKey) {}

  /** The key to send with `body`. */
  keyFor(body: unknown): string {
    const content = JSON.stringify(body ?? null);
    if (this.pending?.content !== content) this.pending = { key: this.newKey(), content };
    return this.pending.key;
  }

  /** The submission went through: the next one gets a new key. */
  succeeded(): void {
    this.pending = null;
  }
}

// ---- what changed: the rows of the "已被他人修改" dialog ----

/** A field of an edit form, as the conflict dialog names and shows it. */
export interface ConflictField {
  /** The field's name in the form values; a dotted path for nested values (`values.problem`). */
  name: string;
  label: string;
  /** The value as a person reads it (an option's label instead of its id); default: the value as text. */
  format?: (value: unknown) => string;
  /** What of the value counts when comparing (the ids of an upload list); default: the value. */
  compare?: (value: unknown) => unknown;
}

export interface ChangedField {
  name: string;
  label: string;
  /** What the user typed. */
  mine: string;
  /** What is saved now. */
  saved: string;
}

/** A form value in a comparable form: empty strings, null and undefined alike; dates as YYYY-MM-DD. */
export function normalizeValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(normalizeValue);
  if (typeof value === 'object' && typeof (value as { format?: unknown }).format === 'function' && 'isValid' in (value as object)) {
    return (value as { format: (f: string) => string }).format('YYYY-MM-DD');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalizeValue(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  return value;
}

/** A value as text for the dialog: 空 for nothing, lists joined with 、, 是/否 for flags. */
export function displayValue(value: unknown): string {
  const v = normalizeValue(value);
  if (v === null) return '(空)';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => displayValue(x)).join('、');
  if (typeof v === 'object')
    return Object.values(v as Record<string, unknown>)
      .map((x) => displayValue(x))
      .join(';');
  return String(v);
}

function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}

/** The fields whose value in the form (`mine`) differs from the record saved now (`saved`, as form values). */
export function changedFields(fields: ConflictField[], mine: Record<string, unknown>, saved: Record<string, unknown>): ChangedField[] {
  return fields
    .filter((f) => {
      const key = (value: unknown) => JSON.stringify(normalizeValue(f.compare ? f.compare(value) : value));
      return key(valueAt(mine, f.name)) !== key(valueAt(saved, f.name));
    })
    .map((f) => {
      const show = (value: unknown) => (normalizeValue(value) === null ? '(空)' : f.format ? f.format(value) : displayValue(value));
      return { name: f.name, label: f.label, mine: show(valueAt(mine, f.name)), saved: show(valueAt(saved, f.name)) };
    });
}
