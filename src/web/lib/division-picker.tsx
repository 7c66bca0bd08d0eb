import { type CSSProperties, useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { type QueryClient, queryOptions, useQueryClient } from '@tanstack/react-query';
import type { Division, DivisionLevel } from '../../shared/divisions.js';
import { api } from './api-client';

// Province → city → county over the national division list (GET /api/divisions, public, so the
// set-up page can use it before anyone signs in). Each column is fetched when opened and kept for
// the session: the list is national data that does not change while the app runs.

const LEVEL_RANK: Record<DivisionLevel, number> = { province: 1, city: 2, county: 3 };

const divisionsQueryOptions = (parent: string | null) =>
  queryOptions({
    queryKey: ['divisions', parent ?? ''] as const,
    queryFn: () => api.get<{ items: Division[] }>('/divisions', { params: { parent } }).then((r) => r.items),
    staleTime: Infinity,
  });

interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  division: Division;
  children?: DivisionOption[];
}

function toOptions(divisions: Division[], maxLevel: DivisionLevel): DivisionOption[] {
  return divisions
    .filter((d) => LEVEL_RANK[d.level] <= LEVEL_RANK[maxLevel])
    .map((d) => ({
      value: d.code,
      label: d.name,
      isLeaf: !d.hasChildren || d.level === maxLevel,
      // 省直辖县级行政区划 groups county-level cities: no bureau is set up for the grouping itself.
      disabled: d.level === maxLevel && d.level === 'city' && d.name.endsWith('直辖县级行政区划'),
      division: d,
    }));
}

/**
 * (Exported for its unit test.) The options from the provinces down to `code`, each column on its path loaded, and the path of
 * codes; the path is empty when the code is not found. A county's city is the one whose code
 * begins like the county's (a municipality lists its districts directly, 429004 sits under 429000).
 */
export async function optionsWithPath(
  queryClient: QueryClient,
  code: string | undefined,
  maxLevel: DivisionLevel,
): Promise<{ options: DivisionOption[]; path: string[] }> {
  const load = async (parent: string | null) => toOptions(await queryClient.fetchQuery(divisionsQueryOptions(parent)), maxLevel);
  const options = await load(null);
  if (!code) return { options, path: [] };
  const path: string[] = [];
  let column = options;
  for (const prefix of [code.slice(0, 2), code.slice(0, 4), code]) {
    const exact = column.find((o) => o.value === code);
    const step = exact ?? column.find((o) => !o.isLeaf && o.value === prefix.padEnd(6, '0'));
    if (!step) return { options, path: [] };
    path.push(step.value);
    if (exact) return { options, path };
    step.children ??= await load(step.value);
    column = step.children;
  }
  return { options, path: [] };
}

export interface DivisionPickerProps {
  /** The chosen division's 6-digit code. */
  value?: string;
  onChange?(code: string, division: Division): void;
  /** The deepest level offered (default county): 'city' lets a city bureau be chosen, 'province' a provincial one. */
  maxLevel?: DivisionLevel;
  disabled?: boolean;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** Picks a province, city or county from the national list; usable as the child of an antd Form.Item. */
export function DivisionPicker({ value, onChange, maxLevel = 'county', disabled, placeholder, id, style, ...rest }: DivisionPickerProps) {
  const queryClient = useQueryClient();
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);

  // Loads the columns down to a value set from outside (a form's initial value); a value chosen
  // here is already on a loaded path.
  useEffect(() => {
    let cancelled = false;
    if (value && path[path.length - 1] === value) return;
    optionsWithPath(queryClient, value, maxLevel).then(
      (loaded) => {
        if (cancelled) return;
        setOptions(loaded.options);
        setPath(loaded.path);
        setFailed(false);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only for a new value or level
  }, [value, maxLevel, queryClient]);

  const loadData = (selected: DivisionOption[]) => {
    const target = selected[selected.length - 1];
    queryClient.fetchQuery(divisionsQueryOptions(target.value)).then(
      (divisions) => {
        const children = toOptions(divisions, maxLevel);
        if (children.length) {
          target.children = children;
        } else {
          // A municipality when only cities are offered: it is chosen itself.
          target.isLeaf = true;
          setPath(selected.map((o) => o.value));
          setOpen(false);
          onChange?.(target.value, target.division);
        }
        setOptions((current) => [...current]);
      },
      () => {
        target.isLeaf = true; // stops the spinner; the person may open it again after closing
        setFailed(true);
        setOptions((current) => [...current]);
      },
    );
  };

  return (
    <Cascader<DivisionOption>
      id={id}
      aria-label={rest['aria-label']}
      style={style ?? { width: '100%' }}
      options={options}
      loadData={loadData}
      open={open}
      onOpenChange={setOpen}
      value={path}
      disabled={disabled}
      allowClear={false}
      placeholder={placeholder ?? (maxLevel === 'county' ? '选择省、市、县（区）' : maxLevel === 'city' ? '选择省、市' : '选择省')}
      notFoundContent={failed ? '区划列表加载失败，请稍后重试' : undefined}
      status={failed ? 'error' : undefined}
      displayRender={(labels, selected) => selected?.[selected.length - 1]?.division.fullName ?? labels.join('')}
      onChange={(codes, selected) => {
        const last = selected?.[selected.length - 1];
        if (!last) return;
        setPath(codes.map(String));
        onChange?.(last.value, last.division);
      }}
    />
  );
}
