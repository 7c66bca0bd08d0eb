import { Tag } from 'antd';
import type { Item, Worklist } from '../../../../shared/worklists.js';

// How a list's items read on screen: fields as the definition names them, values as people write
// them (names for references, units after numbers, money in 元).

export type WorklistField = Worklist['fields'][number];
type Value = Item['values'][string];

export const visibleFields = (list: Pick<Worklist, 'fields'>): WorklistField[] => list.fields.filter((f) => !f.hidden);

/** 31500 → "31,500 元", 12.5 → "12.50 元". */
export function formatMoney(value: number): string {
  const digits = Number.isInteger(value) ? 0 : 2;
  return `${value.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: 2 })} 元`;
}

/** A value as text: the server's display text where it gave one, else the value with its unit; '—' when empty. */
export function fieldText(field: WorklistField, values: Record<string, Value>, display: Record<string, string>): string {
  const shown = display[field.key];
  if (shown) return shown;
  const value = values[field.key];
  if (value === null || value === undefined || value === '') return '—';
  if (field.type === 'money' && typeof value === 'number') return formatMoney(value);
  if (field.type === 'number' && field.unit) return `${value}${field.unit}`;
  return String(value);
}

/** An item's status as a tag: done (销号) green, open ones blue. */
export function ItemStatusTag({ label, done }: { label: string; done: boolean }) {
  return (
    <Tag color={done ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** The status's label by key (a removed status shows its key). */
export function statusLabel(list: Pick<Worklist, 'statuses'>, key: string | null): string {
  if (!key) return '—';
  return list.statuses.find((s) => s.key === key)?.label ?? key;
}

export const isDoneStatus = (list: Pick<Worklist, 'statuses'>, key: string | null | undefined) => !!key && !!list.statuses.find((s) => s.key === key)?.done;
