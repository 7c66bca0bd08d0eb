import { FIELD_TYPE_LABELS, type FieldDef, type StatusDef, type worklistDefinitionSchema } from '../../shared/worklists.js';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors.js';
import { AppError } from '../http/errors.js';

// Pure rules of the work-list mechanism: what a value of each field type may be, and which changes
// of a definition keep the data already entered.

export type Definition = z.infer<typeof worklistDefinitionSchema>;
export type StoredDefinition = Pick<Definition, 'titleFieldKey' | 'fields' | 'statuses' | 'hasDeadline' | 'hasResponsible' | 'figures'> &
  Partial<Pick<Definition, 'summary'>>;
export type Values = Record<string, string | number | null>;

export const REFERENCE_TYPES = new Set(['person', 'place', 'enterprise', 'item']);
const TEXT_LIMITS: Partial<Record<FieldDef['type'], number>> = { text: 200, household: 100, longtext: 10_000 };

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Why `value` cannot be a value of `field`, or null when it can. References are checked for shape only. */
export function valueProblem(field: FieldDef, value: string | number | null): string | null {
  if (isEmpty(value)) return null;
  switch (field.type) {
    case 'text':
    case 'longtext':
    case 'household': {
      if (typeof value !== 'string') return '应为文字';
      const max = TEXT_LIMITS[field.type]!;
      return value.length > max ? `不能超过${max}个字` : null;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : '应为数字';
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) return '应为金额数字';
      if (value < 0) return '金额不能为负数';
      return Math.abs(Math.round(value * 100) - value * 100) < 1e-6 ? null : '金额最多保留2位小数';
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
        ? null
        : '日期格式应为 YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && field.options.includes(value) ? null : `应为以下选项之一:${field.options.join('、')}`;
    case 'person':
    case 'place':
    case 'enterprise':
    case 'item':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? null : '请选择';
  }
}

/**
 * Checks submitted values against the definition: every visible field of the right type, required
 * ones filled, no unknown fields. Values of hidden (removed) fields are kept from `previous`.
 */
export function normalizeValues(def: StoredDefinition, submitted: Values, previous: Values = {}): Values {
  const issues: FieldIssue[] = [];
  const known = new Map(def.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(submitted)) {
    if (!known.has(key)) issues.push({ path: `values.${key}`, message: '台账没有这个字段' });
  }
  const result: Values = {};
  for (const field of def.fields) {
    if (field.hidden) {
      if (previous[field.key] !== undefined) result[field.key] = previous[field.key];
      continue;
    }
    let value = submitted[field.key] ?? null;
    if (typeof value === 'string') value = value.trim();
    if (isEmpty(value)) value = null;
    if (value === null && field.required) {
      issues.push({ path: `values.${field.key}`, message: `请填写${field.label}` });
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) issues.push({ path: `values.${field.key}`, message: `${field.label}${problem}` });
    result[field.key] = value;
  }
  if (issues.length) throw new AppError('VALIDATION', issues[0].message, issues);
  return result;
}

/**
 * The definition that results from an edit: fields left out are kept as hidden (their values stay);
 * a changed type is refused when existing values would not fit it, naming the items; statuses in use
 * may not be removed.
 */
export function mergeDefinition(
  current: StoredDefinition,
  next: StoredDefinition,
  items: { id: number; title: string; status: string; values: Values; statusHistory: string[] }[],
): StoredDefinition {
  const nextKeys = new Set(next.fields.map((f) => f.key));
  const kept = current.fields.filter((f) => !nextKeys.has(f.key)).map((f) => ({ ...f, hidden: true }));
  const fields = [...next.fields, ...kept];

  const problems: string[] = [];
  const details: FieldIssue[] = [];
  for (const field of next.fields) {
    const before = current.fields.find((f) => f.key === field.key);
    if (!before) continue;
    const changedShape = before.type !== field.type || (field.type === 'choice' && before.options.some((o) => !field.options.includes(o)));
    if (!changedShape) continue;
    const misfits = items.filter((item) => {
      const value = item.values[field.key] ?? null;
      if (isEmpty(value)) return false;
      if (REFERENCE_TYPES.has(field.type) && before.type !== field.type) return true;
      return valueProblem(field, value) !== null;
    });
    if (misfits.length) {
      const names =
        misfits
          .slice(0, 5)
          .map((i) => `"${i.title}"`)
          .join('、') + (misfits.length > 5 ? `等${misfits.length}条` : '');
      const change = before.type !== field.type ? `类型不能从${FIELD_TYPE_LABELS[before.type]}改为${FIELD_TYPE_LABELS[field.type]}` : '不能删去已被使用的选项';
      problems.push(`字段"${field.label}"${change}:${names}的现有内容不符合`);
      details.push({ path: `fields.${field.key}`, message: `${names}的现有内容不符合` });
    }
  }
  const nextStatusKeys = new Set(next.statuses.map((s) => s.key));
  for (const status of current.statuses) {
    if (nextStatusKeys.has(status.key)) continue;
    const using = items.filter((i) => i.status === status.key || i.statusHistory.includes(status.key));
    if (using.length) {
      const names =
        using
          .slice(0, 5)
          .map((i) => `"${i.title}"`)
          .join('、') + (using.length > 5 ? `等${using.length}条` : '');
      problems.push(`状态"${status.label}"已被${names}使用,不能删除`);
      details.push({ path: `statuses.${status.key}`, message: `已被${names}使用` });
    }
  }
  if (problems.length) throw new AppError('CONFLICT', `台账定义不能这样修改:${problems.join(';')}`, details);
  return { ...next, fields };
}

export function statusOf(def: StoredDefinition, key: string): StatusDef | undefined {
  return def.statuses.find((s) => s.key === key);
}

/** The text that names an item: its title field, else its first non-empty text value, else its number. */
export function itemTitle(def: StoredDefinition, id: number, values: Values, display: Record<string, string>): string {
  const key = def.titleFieldKey ?? def.fields.find((f) => !f.hidden && (f.type === 'text' || f.type === 'household'))?.key;
  const text = key ? (display[key] ?? values[key]) : null;
  return text !== null && text !== undefined && String(text).trim() ? String(text) : `第${id}条`;
}

export function parseDefinition(json: string): StoredDefinition {
  return JSON.parse(json) as StoredDefinition;
}
