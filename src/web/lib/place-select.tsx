import { type CSSProperties, useMemo } from 'react';
import { Select } from 'antd';
import type { Place, PlaceLevel } from '../../shared/reference.js';
import { usePlaces } from './reference-data';

// Places are picked in events (where they were held), commissioners (where they serve) and
// service logs (where a service took place): a town and its villages form one group, so a
// long list of ~150 places reads like the county's map.

interface PlaceOption {
  value: number;
  label: string;
  /** Name plus the town's name and the division code, for searching. */
  search: string;
}

interface PlaceGroup {
  label: string;
  title: string;
  options: PlaceOption[];
}

function compare(a: Place, b: Place): number {
  return a.sortOrder - b.sortOrder || (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * Option groups: the county (when allowed), then one group per town holding the town itself and
 * its villages. `preferred` places (a commissioner's own) come first in a group of their own.
 */
export function placeOptionGroups(
  places: Place[],
  levels: readonly PlaceLevel[],
  preferred: readonly number[] = [],
  preferredLabel = '常用地点',
): PlaceGroup[] {
  const byId = new Map(places.map((p) => [p.id, p]));
  const townOf = (p: Place) => (p.level === 'village' && p.parentId !== null ? byId.get(p.parentId) : undefined);
  const option = (p: Place): PlaceOption => {
    const town = townOf(p);
    return { value: p.id, label: p.name, search: `${p.name} ${town?.name ?? ''} ${p.code ?? ''}` };
  };
  const wanted = new Set(preferred);
  const groups: PlaceGroup[] = [];
  const first = preferred.map((id) => byId.get(id)).filter((p): p is Place => !!p && levels.includes(p.level));
  if (first.length) {
    groups.push({
      label: preferredLabel,
      title: preferredLabel,
      options: first.map((p) => {
        const town = townOf(p);
        return { ...option(p), label: town ? `${p.name}(${town.name})` : p.name };
      }),
    });
  }
  const rest = places.filter((p) => levels.includes(p.level) && !wanted.has(p.id)).sort(compare);
  const counties = rest.filter((p) => p.level === 'county');
  if (counties.length) groups.push({ label: '全县', title: '全县', options: counties.map(option) });
  const towns = places.filter((p) => p.level === 'town').sort(compare);
  const villagesByTown = new Map<number, Place[]>();
  for (const p of rest) {
    if (p.level !== 'village' || p.parentId === null) continue;
    const list = villagesByTown.get(p.parentId) ?? [];
    list.push(p);
    villagesByTown.set(p.parentId, list);
  }
  for (const town of towns) {
    const options: PlaceOption[] = [];
    if (levels.includes('town') && !wanted.has(town.id)) options.push({ ...option(town), label: `${town.name}(全镇)` });
    for (const v of villagesByTown.get(town.id) ?? []) options.push(option(v));
    if (options.length) groups.push({ label: town.name, title: town.name, options });
  }
  return groups;
}

interface PlaceSelectBaseProps {
  id?: string;
  /** Which levels may be chosen; towns and villages unless told. */
  levels?: readonly PlaceLevel[];
  /** Shown first, under `preferredLabel` (a commissioner's own places). */
  preferred?: readonly number[];
  preferredLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  size?: 'small' | 'middle' | 'large';
  'aria-label'?: string;
}

interface PlaceSelectSingleProps extends PlaceSelectBaseProps {
  multiple?: false;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

interface PlaceSelectMultipleProps extends PlaceSelectBaseProps {
  multiple: true;
  value?: number[];
  onChange?: (value: number[]) => void;
}

export type PlaceSelectProps = PlaceSelectSingleProps | PlaceSelectMultipleProps;

const TOWNS_AND_VILLAGES: readonly PlaceLevel[] = ['town', 'village'];

/** One place or several, grouped by town and searchable by name, town or division code. */
export function PlaceSelect(props: PlaceSelectProps) {
  const { id, levels = TOWNS_AND_VILLAGES, preferred, preferredLabel, placeholder, allowClear = true, style, size } = props;
  const places = usePlaces();
  const groups = useMemo(() => placeOptionGroups(places.data ?? [], levels, preferred, preferredLabel), [places.data, levels, preferred, preferredLabel]);
  const common = {
    id,
    options: groups,
    placeholder: placeholder ?? (props.multiple ? '选择乡镇、村/社区' : '选择乡镇或村/社区'),
    allowClear,
    showSearch: { optionFilterProp: 'search' },
    loading: places.isPending,
    notFoundContent: places.isPending ? '正在加载…' : '没有匹配的地点',
    style,
    size,
    'aria-label': props['aria-label'],
  };
  if (props.multiple) {
    return <Select<number[]> {...common} mode="multiple" value={props.value ?? []} onChange={(value) => props.onChange?.(value ?? [])} />;
  }
  return <Select<number> {...common} value={props.value ?? undefined} onChange={(value) => props.onChange?.(value ?? null)} />;
}
