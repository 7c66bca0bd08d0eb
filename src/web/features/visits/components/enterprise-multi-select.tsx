import { type CSSProperties, useRef, useState } from 'react';
import { Select } from 'antd';
import { useEnterpriseOptions } from '../../../lib/reference-data';

interface EnterpriseMultiSelectProps {
  id?: string;
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Names of enterprises already chosen (an edited visit's), which a search may not return. */
  known?: { id: number; name: string }[];
  placeholder?: string;
  style?: CSSProperties;
}

/** 调研企业/基地: several enterprises, searched on the server as one types. */
export function EnterpriseMultiSelect({ id, value, onChange, known = [], placeholder, style }: EnterpriseMultiSelectProps) {
  const [search, setSearch] = useState('');
  const options = useEnterpriseOptions(search);
  // Names seen so far, so chosen tags keep their label when a later search does not return them.
  const names = useRef(new Map(known.map((e) => [e.id, e.name]))).current;
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
    />
  );
}
