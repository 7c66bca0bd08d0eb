import { type CSSProperties, useRef, useState } from 'react';
import { Select } from 'antd';
import { type EnterpriseOption, useEnterpriseOption, useEnterpriseOptions } from './reference-data';

// Enterprise pickers for any ledger that links enterprises (events, commissioners, service logs).

interface EnterpriseMultiSelectProps {
  id?: string;
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Names of enterprises already chosen (an edited record's), which a search may not return. */
  known?: { id: number; name: string }[];
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** Several enterprises or bases, searched on the server as one types (events, commissioners). */
export function EnterpriseMultiSelect({ id, value, onChange, known = [], placeholder, style, ...rest }: EnterpriseMultiSelectProps) {
  const [search, setSearch] = useState('');
  const options = useEnterpriseOptions(search);
  // Names seen so far, so chosen tags keep their label when a later search does not return them.
  const names = useRef(new Map<number, string>()).current;
  for (const e of known) if (!names.has(e.id)) names.set(e.id, e.name);
  for (const e of options.data ?? []) names.set(e.id, e.name);

  const listed = new Set((options.data ?? []).map((e) => e.id));
  const list = [
    ...(value ?? []).filter((v) => !listed.has(v)).map((v) => ({ value: v, label: names.get(v) ?? `#${v}` })),
    ...(options.data ?? []).map((e) => ({ value: e.id, label: e.name })),
  ];

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(ids) => {
        onChange?.(ids);
        setSearch('');
      }}
      placeholder={placeholder ?? '搜索企业或基地名称'}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={options.isFetching}
      options={list}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的企业或基地'}
      style={style}
      aria-label={rest['aria-label']}
    />
  );
}

interface EnterpriseSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (id: number | null, option: EnterpriseOption | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * One enterprise, searched on the server as one types. A chosen enterprise that is not among the
 * results (an older one, or one preset from the URL) is looked up by id, so the box shows its name.
 */
export function EnterpriseSelect({ id, value, onChange, placeholder = '搜索企业或基地名称', style, ...rest }: EnterpriseSelectProps) {
  const [search, setSearch] = useState('');
  const options = useEnterpriseOptions(search);
  const found = (options.data ?? []).find((e) => e.id === value);
  const chosen = useEnterpriseOption(value, !found && !options.isPending);
  const list = [...(options.data ?? [])];
  if (value && !found && chosen.data) list.unshift(chosen.data);

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(next) => {
        onChange?.(
          next ?? null,
          list.find((e) => e.id === next),
        );
        setSearch('');
      }}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={options.isFetching}
      options={list.map((e) => ({ value: e.id, label: e.name }))}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的企业或基地'}
      style={style}
      aria-label={rest['aria-label']}
    />
  );
}
