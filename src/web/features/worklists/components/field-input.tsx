import { type CSSProperties, useState } from 'react';
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { EnterpriseSelect } from '../../../lib/enterprise-select';
import { PlaceSelect } from '../../../lib/place-select';
import { useUserOptions, userOptionLabel } from '../../../lib/reference-data';
import { useItemOption, useItemOptions } from '../api/items';
import type { WorklistField } from './worklist-display';

// One input per field type, holding the value exactly as the API takes it (text, a number, a
// 'YYYY-MM-DD' date, an id), so forms and filters need no conversion.

type Value = string | number | null;

interface ControlProps<T> {
  id?: string;
  value?: T | null;
  onChange?: (value: T | null) => void;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

const PLACE_LEVELS = ['county', 'town', 'village'] as const;

/** A date as 'YYYY-MM-DD' text. */
export function DateStringPicker({ id, value, onChange, placeholder, style, disabledFuture, ...rest }: ControlProps<string> & { disabledFuture?: boolean }) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      placeholder={placeholder}
      disabledDate={disabledFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
      style={{ width: '100%', ...style }}
      aria-label={rest['aria-label']}
    />
  );
}

/** A person of the organisation (the current account holders; a disabled one only when already chosen). */
export function PersonSelect({ id, value, onChange, placeholder = '选择人员', style, ...rest }: ControlProps<number>) {
  const users = useUserOptions();
  const options = (users.data ?? []).filter((u) => !u.disabled || u.id === value).map((u) => ({ value: u.id, label: userOptionLabel(u) }));
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      loading={users.isPending}
      placeholder={placeholder}
      style={style}
      aria-label={rest['aria-label']}
    />
  );
}

/** An item of another list, searched on the server by its text as one types. */
export function ItemRefSelect({ id, value, onChange, listId, placeholder = '搜索关联条目', style, ...rest }: ControlProps<number> & { listId: number | null }) {
  const [search, setSearch] = useState('');
  const options = useItemOptions(listId, search);
  const found = (options.data ?? []).some((i) => i.id === value);
  const chosen = useItemOption(value, !found && !options.isPending);
  const list = [...(options.data ?? [])];
  if (value && !found && chosen.data) list.unshift(chosen.data);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => {
        onChange?.(v ?? null);
        setSearch('');
      }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={options.isFetching}
      options={list.map((i) => ({ value: i.id, label: i.title }))}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的条目'}
      placeholder={placeholder}
      style={style}
      aria-label={rest['aria-label']}
    />
  );
}

/** The input for one field of a list, by its type. */
export function FieldInput({ field, id, value, onChange, style, ...rest }: ControlProps<Value> & { field: WorklistField }) {
  const aria = rest['aria-label'];
  const text = (v: string | null) => onChange?.(v === '' ? null : v);
  switch (field.type) {
    case 'text':
      return <Input id={id} value={(value as string | null) ?? ''} onChange={(e) => text(e.target.value)} maxLength={200} style={style} aria-label={aria} />;
    case 'household':
      return (
        <Input
          id={id}
          value={(value as string | null) ?? ''}
          onChange={(e) => text(e.target.value)}
          maxLength={100}
          placeholder="户主姓名"
          style={style}
          aria-label={aria}
        />
      );
    case 'longtext':
      return (
        <Input.TextArea
          id={id}
          value={(value as string | null) ?? ''}
          onChange={(e) => text(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={10_000}
          style={style}
          aria-label={aria}
        />
      );
    case 'number':
      return (
        <InputNumber<number>
          id={id}
          value={(value as number | null) ?? null}
          onChange={(v) => onChange?.(v ?? null)}
          suffix={field.unit ?? undefined}
          style={{ width: '100%', ...style }}
          aria-label={aria}
        />
      );
    case 'money':
      return (
        <InputNumber<number>
          id={id}
          value={(value as number | null) ?? null}
          onChange={(v) => onChange?.(v ?? null)}
          min={0}
          precision={2}
          suffix="元"
          style={{ width: '100%', ...style }}
          aria-label={aria}
        />
      );
    case 'date':
      return <DateStringPicker id={id} value={(value as string | null) ?? null} onChange={onChange} style={style} aria-label={aria} />;
    case 'choice':
      return (
        <Select<string>
          id={id}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          allowClear
          options={field.options.map((o) => ({ value: o, label: o }))}
          placeholder="请选择"
          style={style}
          aria-label={aria}
        />
      );
    case 'person':
      return <PersonSelect id={id} value={(value as number | null) ?? null} onChange={onChange} style={style} aria-label={aria} />;
    case 'place':
      return (
        <PlaceSelect id={id} levels={PLACE_LEVELS} value={(value as number | null) ?? null} onChange={(v) => onChange?.(v)} style={style} aria-label={aria} />
      );
    case 'enterprise':
      return <EnterpriseSelect id={id} value={(value as number | null) ?? null} onChange={(v) => onChange?.(v)} style={style} aria-label={aria} />;
    case 'item':
      return <ItemRefSelect id={id} listId={field.targetListId} value={(value as number | null) ?? null} onChange={onChange} style={style} aria-label={aria} />;
  }
}
