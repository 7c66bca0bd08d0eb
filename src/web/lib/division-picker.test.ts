import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Division, DivisionLevel } from '../../shared/divisions.js';
import { optionsWithPath } from './division-picker';

// The picker's columns as GET /api/divisions answers them, put in the query cache so nothing is fetched.
function division(code: string, name: string, level: DivisionLevel, parentCode: string | null, hasChildren: boolean): Division {
  return { code, name, level, parentCode, fullName: name, hasChildren, hasPlaces: level === 'county' || !hasChildren };
}
const COLUMNS: Record<string, Division[]> = {
  '': [
    division('110000', '北京市', 'province', null, true),
    division('360000', '江西省', 'province', null, true),
    division('420000', '湖北省', 'province', null, true),
    division('440000', '广东省', 'province', null, true),
  ],
  '110000': [division('110101', '东城区', 'county', '110000', false)],
  '360000': [division('360700', '赣州市', 'city', '360000', true)],
  '360700': [division('360724', '上犹县', 'county', '360700', false)],
  '420000': [division('420100', '武汉市', 'city', '420000', true), division('429000', '省直辖县级行政区划', 'city', '420000', true)],
  '429000': [division('429004', '仙桃市', 'county', '429000', false)],
  '440000': [division('441900', '东莞市', 'city', '440000', false)],
};

function cachedClient(): QueryClient {
  const client = new QueryClient();
  for (const [parent, items] of Object.entries(COLUMNS)) client.setQueryData(['divisions', parent], items);
  return client;
}

describe('the division picker’s path to a value', () => {
  it('goes province → city → county, and straight to a municipality’s district', async () => {
    expect((await optionsWithPath(cachedClient(), '360724', 'county')).path).toEqual(['360000', '360700', '360724']);
    expect((await optionsWithPath(cachedClient(), '110101', 'county')).path).toEqual(['110000', '110101']);
  });

  it('finds a county-level city under 省直辖县级行政区划 and a city without counties', async () => {
    expect((await optionsWithPath(cachedClient(), '429004', 'county')).path).toEqual(['420000', '429000', '429004']);
    expect((await optionsWithPath(cachedClient(), '441900', 'county')).path).toEqual(['440000', '441900']);
  });

  it('has no path for a code not in the list', async () => {
    expect((await optionsWithPath(cachedClient(), '360799', 'county')).path).toEqual([]);
    expect((await optionsWithPath(cachedClient(), undefined, 'county')).path).toEqual([]);
  });

  it('offers cities as leaves when cities are the deepest level, and not the 省直辖 grouping', async () => {
    const { options, path } = await optionsWithPath(cachedClient(), '360700', 'city');
    expect(path).toEqual(['360000', '360700']);
    expect(options.find((o) => o.value === '360000')!.children).toEqual([expect.objectContaining({ value: '360700', isLeaf: true })]);
    const hubei = await optionsWithPath(cachedClient(), '429000', 'city');
    expect(options.length).toBe(4);
    expect(hubei.options.find((o) => o.value === '420000')!.children!.find((o) => o.value === '429000')).toMatchObject({ disabled: true, isLeaf: true });
  });
});
