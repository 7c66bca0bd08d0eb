import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page } from '../../shared/common.js';
import type { Section } from '../../shared/orgs.js';
import type { Enterprise, Sector } from '../../shared/projects.js';
import type { Department, Dictionary, DictionaryItem, Place } from '../../shared/reference.js';
import type { UserOption } from '../../shared/users.js';
import { api } from './api-client';

// Reference lists that many features pick from (a user's section, an event's place and
// departments, a ledger's dictionary values). Features read them from here; the admin
// features that edit them invalidate these keys.

export const referenceKeys = {
  sections: ['sections'] as const,
  places: ['places'] as const,
  departments: ['departments'] as const,
  dictionaries: ['dictionaries'] as const,
  dictionaryItems: (code: string) => ['dictionaries', code, 'items'] as const,
};

export const getSections = () => api.get<{ items: Section[] }>('/sections').then((r) => r.items);

export const sectionsQueryOptions = () => queryOptions({ queryKey: referenceKeys.sections, queryFn: getSections });

export const useSections = () => useQuery(sectionsQueryOptions());

/** Every place of the organisation (a county has ~150), for building the tree on the client. */
export const getPlaces = () => api.get<{ items: Place[] }>('/places').then((r) => r.items);

export const placesQueryOptions = () => queryOptions({ queryKey: referenceKeys.places, queryFn: getPlaces });

export const usePlaces = () => useQuery(placesQueryOptions());

export const getDepartments = () => api.get<{ items: Department[] }>('/departments').then((r) => r.items);

export const departmentsQueryOptions = () => queryOptions({ queryKey: referenceKeys.departments, queryFn: getDepartments });

export const useDepartments = () => useQuery(departmentsQueryOptions());

export const getDictionaries = () => api.get<{ items: Dictionary[] }>('/dictionaries').then((r) => r.items);

export const dictionariesQueryOptions = () => queryOptions({ queryKey: referenceKeys.dictionaries, queryFn: getDictionaries });

export const useDictionaries = () => useQuery(dictionariesQueryOptions());

export const getDictionaryItems = (code: string) =>
  api.get<{ items: DictionaryItem[] }>(`/dictionaries/${encodeURIComponent(code)}/items`).then((r) => r.items);

export const dictionaryItemsQueryOptions = (code: string) =>
  queryOptions({ queryKey: referenceKeys.dictionaryItems(code), queryFn: () => getDictionaryItems(code) });

export const useDictionaryItems = (code: string | undefined) => useQuery({ ...dictionaryItemsQueryOptions(code ?? ''), enabled: !!code });

// People, towns and enterprises are picked in the project, visit and follow-up forms and filters.

export const userOptionsQueryKey = ['users', 'options'] as const;

/** The people of this organisation, for pickers (not for commissioners: the server answers 403). */
export const getUserOptions = () => api.get<{ items: UserOption[] }>('/users/options').then((r) => r.items);

export const userOptionsQueryOptions = () => queryOptions({ queryKey: userOptionsQueryKey, queryFn: getUserOptions, staleTime: 5 * 60_000 });

export const useUserOptions = () => useQuery(userOptionsQueryOptions());

/** A person as pickers show them: name and section, unless the name already carries it (王丽(业务股)). */
export function userOptionLabel(u: UserOption): string {
  return u.sectionName && !u.displayName.includes(u.sectionName) ? `${u.displayName}(${u.sectionName})` : u.displayName;
}

/** The towns (乡镇) of the county, in their sort order. */
export const getTowns = () =>
  api
    .get<{ items: Place[] }>('/places', { params: { level: 'town' } })
    .then((r) => r.items.slice().sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN')));

export const townsQueryOptions = () => queryOptions({ queryKey: [...referenceKeys.places, 'town'] as const, queryFn: getTowns });

export const useTowns = () => useQuery(townsQueryOptions());

export interface EnterpriseOption {
  id: number;
  name: string;
  kind: string;
  industry: Sector;
}

/** Under the enterprises key, so any change to an enterprise refreshes the pickers too. */
export const enterpriseOptionsQueryKey = (q: string) => ['enterprises', 'options', q] as const;

/** Up to 50 enterprises whose name or credit code contains `q` (all, by name, when empty). */
export const getEnterpriseOptions = (q: string) =>
  api
    .get<Page<Enterprise>>('/enterprises', { params: { q: q.trim() || undefined, sort: 'name', order: 'asc', pageSize: 50 } })
    .then((r) => r.items.map((e): EnterpriseOption => ({ id: e.id, name: e.name, kind: e.kind, industry: e.industry })));

export const enterpriseOptionsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: enterpriseOptionsQueryKey(q.trim()),
    queryFn: () => getEnterpriseOptions(q),
    placeholderData: keepPreviousData,
  });

export const useEnterpriseOptions = (q: string) => useQuery(enterpriseOptionsQueryOptions(q));

/**
 * One enterprise as a picker option, for a chosen id the current search did not return (an
 * older record, or an id preset from the URL). Shares the cache entry of the enterprise's page.
 */
export const useEnterpriseOption = (id: number | null | undefined, enabled = true) =>
  useQuery({
    queryKey: ['enterprises', 'detail', id],
    queryFn: () => api.get<Enterprise>(`/enterprises/${id}`),
    enabled: enabled && !!id,
    select: (e): EnterpriseOption => ({ id: e.id, name: e.name, kind: e.kind, industry: e.industry }),
  });
