import { type CSSProperties, useState } from 'react';
import { Select } from 'antd';
import { type EnterpriseOption, useEnterpriseOption, useEnterpriseOptions } from '../../../lib/reference-data';

interface EnterpriseSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (id: number | null, option: EnterpriseOption | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * 申报单位: searches the enterprise registry on the server as one types. A chosen enterprise that
 * is not among the results (an older one, or one preset from the URL) is looked up by id, so the
 * box always shows its name.
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
        onChange?.(next ?? null, list.find((e) => e.id === next));
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
