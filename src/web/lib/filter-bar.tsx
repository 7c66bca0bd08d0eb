import { type ReactNode, useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { EnterpriseSelect } from './enterprise-select';
import type { z } from 'zod';
import type { ListQuerySchema, ListQueryState } from './list-query';
import { PlaceSelect } from './place-select';
import { useDepartments, useDictionaryItems, useTowns, useUserOptions } from './reference-data';

// A list page's filters, declared as data: which query key each control sets and how it looks.
// Every control writes through `setQuery` (page back to 1), so the URL holds the whole view, and
// "清除筛选" shows while any filter is set.

type Key<Q> = keyof Q & string;

interface FieldBase<Q> {
  key: Key<Q>;
  /** The control's accessible name (browser tests find filters by it: "类型筛选", "乡镇筛选"). */
  ariaLabel: string;
  placeholder?: string;
  width?: number;
}

export interface SelectOption<V extends string | number = string | number> {
  value: V;
  label: string;
}

/** Options for an enum filter from its values and their Chinese labels. */
export function labelledOptions<V extends string>(values: readonly V[], labels: Record<V, string>): SelectOption<V>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export type FilterField<Q> =
  /** A keyword box, applied on Enter or the search button. */
  | ({ kind: 'text' } & FieldBase<Q>)
  /** A fixed list of choices (an enum of src/shared, years); `multiple` for array keys (stages). */
  | ({ kind: 'enum'; options: readonly SelectOption[]; multiple?: boolean; search?: boolean } & FieldBase<Q>)
  /** The items of one dictionary (event_type, program, enterprise_kind …), by value. */
  | ({ kind: 'dictionary'; dictionary: string } & FieldBase<Q>)
  /** A town (乡镇), by id. */
  | ({ kind: 'town' } & FieldBase<Q>)
  /** A town or village, grouped by town (PlaceSelect), by id. */
  | ({ kind: 'place' } & FieldBase<Q>)
  /** A county department, by id. */
  | ({ kind: 'department' } & FieldBase<Q>)
  /** A user of the bureau, by id. */
  | ({ kind: 'user' } & FieldBase<Q>)
  /** An enterprise or base, searched on the server, by id. */
  | ({ kind: 'enterprise' } & FieldBase<Q>)
  /**
   * A from–to date range (YYYY-MM-DD, either end open). `which` puts a select in front that picks
   * the date the range applies to (projects: 申报日期, 立项日期 …).
   */
  | {
      kind: 'dateRange';
      from: Key<Q>;
      to: Key<Q>;
      ariaLabel: string;
      placeholder?: [string, string];
      which?: { key: Key<Q>; options: readonly SelectOption[]; ariaLabel: string; width?: number };
    }
  /** Anything else (a work list's field filter): drawn by the page. */
  | { kind: 'custom'; id: string; render: (list: ListQueryState<Q>) => ReactNode };

/**
 * A list page's filters, declared once at the top of its module; the list's schema types the keys
 * (a key the schema does not take is a compile error).
 */
export function defineFilters<S extends ListQuerySchema>(_schema: S, fields: FilterField<z.output<S>>[]): FilterField<z.output<S>>[] {
  return fields;
}

interface FilterBarProps<Q> {
  list: ListQueryState<Q>;
  fields: readonly FilterField<Q>[];
  /** On the right of the bar: the export button (issue 14) and other list-wide actions. */
  actions?: ReactNode;
}

/** The filters above a list, from a declarative field list, with "清除筛选" while any is set. */
export function FilterBar<Q>({ list, fields, actions }: FilterBarProps<Q>) {
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
      {fields.map((field) => (
        <FilterControl<Q> key={field.kind === 'custom' ? field.id : field.kind === 'dateRange' ? field.from : field.key} field={field} list={list} />
      ))}
      {list.filtered ? (
        <Button type="link" onClick={list.clear} style={{ paddingInline: 4 }}>
          清除筛选
        </Button>
      ) : null}
      {actions ? (
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          {actions}
        </Flex>
      ) : null}
    </Flex>
  );
}

interface ControlProps<Q, F = FilterField<Q>> {
  field: F;
  list: ListQueryState<Q>;
}

function FilterControl<Q>({ field, list }: ControlProps<Q>) {
  switch (field.kind) {
    case 'text':
      return <TextFilter field={field} list={list} />;
    case 'enum':
      return <EnumFilter field={field} list={list} />;
    case 'dictionary':
      return <DictionaryFilter field={field} list={list} />;
    case 'town':
      return <TownFilter field={field} list={list} />;
    case 'place':
      return (
        <PlaceSelect
          value={valueOf<number>(list, field.key)}
          onChange={(id) => set(list, field.key, id)}
          placeholder={field.placeholder}
          style={{ width: field.width ?? 180 }}
          aria-label={field.ariaLabel}
        />
      );
    case 'department':
      return <DepartmentFilter field={field} list={list} />;
    case 'user':
      return <UserFilter field={field} list={list} />;
    case 'enterprise':
      return (
        <EnterpriseSelect
          value={valueOf<number>(list, field.key)}
          onChange={(id) => set(list, field.key, id)}
          placeholder={field.placeholder ?? '全部企业/基地'}
          style={{ width: field.width ?? 200 }}
          aria-label={field.ariaLabel}
        />
      );
    case 'dateRange':
      return <DateRangeFilter field={field} list={list} />;
    case 'custom':
      return <>{field.render(list)}</>;
  }
}

function valueOf<V>(list: ListQueryState<unknown>, key: string): V | undefined {
  const value = (list.query as Record<string, unknown>)[key];
  return value === null || value === '' ? undefined : (value as V | undefined);
}

function set<Q>(list: ListQueryState<Q>, key: string, value: unknown) {
  list.setQuery({ [key]: value === null || value === '' ? undefined : value } as Partial<Q>);
}

type Of<Q, K extends FilterField<Q>['kind']> = Extract<FilterField<Q>, { kind: K }>;

function TextFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'text'>>) {
  const current = valueOf<string>(list as ListQueryState<unknown>, field.key) ?? '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return (
    <Input.Search
      placeholder={field.placeholder}
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(value) => set(list, field.key, value.trim())}
      style={{ width: field.width ?? 240 }}
      aria-label={field.ariaLabel}
    />
  );
}

function OptionsFilter<Q>({
  field,
  list,
  options,
  loading,
  search = true,
  multiple = false,
}: ControlProps<Q, FieldBase<Q>> & { options: readonly SelectOption[]; loading?: boolean; search?: boolean; multiple?: boolean }) {
  const value = valueOf<string | number | (string | number)[]>(list as ListQueryState<unknown>, field.key);
  return (
    <Select<string | number | (string | number)[]>
      mode={multiple ? 'multiple' : undefined}
      maxTagCount={multiple ? 'responsive' : undefined}
      placeholder={field.placeholder}
      allowClear
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      options={options as SelectOption[]}
      value={multiple ? (value ?? []) : value}
      onChange={(next) => set(list, field.key, Array.isArray(next) && next.length === 0 ? undefined : next)}
      loading={loading}
      style={{ width: field.width ?? 160 }}
      aria-label={field.ariaLabel}
    />
  );
}

function EnumFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'enum'>>) {
  return <OptionsFilter field={field} list={list} options={field.options} search={field.search ?? false} multiple={field.multiple} />;
}

function DictionaryFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'dictionary'>>) {
  const items = useDictionaryItems(field.dictionary);
  const options = (items.data ?? []).map((item) => ({ value: item.value, label: item.label }));
  return <OptionsFilter field={field} list={list} options={options} loading={items.isPending} />;
}

function TownFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'town'>>) {
  const towns = useTowns();
  const options = (towns.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  return <OptionsFilter field={{ placeholder: '全部乡镇', width: 140, ...field }} list={list} options={options} loading={towns.isPending} />;
}

function DepartmentFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'department'>>) {
  const departments = useDepartments();
  const options = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  return <OptionsFilter field={{ placeholder: '全部部门', width: 180, ...field }} list={list} options={options} loading={departments.isPending} />;
}

function UserFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'user'>>) {
  const users = useUserOptions();
  const options = (users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  return <OptionsFilter field={{ width: 170, ...field }} list={list} options={options} loading={users.isPending} />;
}

function DateRangeFilter<Q>({ field, list }: ControlProps<Q, Of<Q, 'dateRange'>>) {
  const from = valueOf<string>(list as ListQueryState<unknown>, field.from);
  const to = valueOf<string>(list as ListQueryState<unknown>, field.to);
  const range = (
    <DatePicker.RangePicker
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(picked) => list.setQuery({ [field.from]: picked?.[0]?.format('YYYY-MM-DD'), [field.to]: picked?.[1]?.format('YYYY-MM-DD') } as Partial<Q>)}
      allowEmpty={[true, true]}
      placeholder={field.placeholder ?? ['开始日期', '结束日期']}
      aria-label={field.ariaLabel}
    />
  );
  if (!field.which) return range;
  const { which } = field;
  return (
    <Space.Compact>
      <Select<string | number>
        options={which.options as SelectOption[]}
        value={valueOf<string | number>(list as ListQueryState<unknown>, which.key)}
        onChange={(value) => set(list, which.key, value)}
        style={{ width: which.width ?? 110 }}
        aria-label={which.ariaLabel}
      />
      {range}
    </Space.Compact>
  );
}
