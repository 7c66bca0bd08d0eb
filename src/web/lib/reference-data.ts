import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Section } from '../../shared/orgs.js';
import type { Department, Dictionary, DictionaryItem, Place } from '../../shared/reference.js';
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

export const sectionsQueryOptions = () =>
  queryOptions({ queryKey: referenceKeys.sections, queryFn: getSections });

export const useSections = () => useQuery(sectionsQueryOptions());

/** Every place of the organisation (a county has ~150), for building the tree on the client. */
export const getPlaces = () => api.get<{ items: Place[] }>('/places').then((r) => r.items);

export const placesQueryOptions = () => queryOptions({ queryKey: referenceKeys.places, queryFn: getPlaces });

export const usePlaces = () => useQuery(placesQueryOptions());

export const getDepartments = () => api.get<{ items: Department[] }>('/departments').then((r) => r.items);

export const departmentsQueryOptions = () =>
  queryOptions({ queryKey: referenceKeys.departments, queryFn: getDepartments });

export const useDepartments = () => useQuery(departmentsQueryOptions());

export const getDictionaries = () => api.get<{ items: Dictionary[] }>('/dictionaries').then((r) => r.items);

export const dictionariesQueryOptions = () =>
  queryOptions({ queryKey: referenceKeys.dictionaries, queryFn: getDictionaries });

export const useDictionaries = () => useQuery(dictionariesQueryOptions());

export const getDictionaryItems = (code: string) =>
  api.get<{ items: DictionaryItem[] }>(`/dictionaries/${encodeURIComponent(code)}/items`).then((r) => r.items);

export const dictionaryItemsQueryOptions = (code: string) =>
  queryOptions({ queryKey: referenceKeys.dictionaryItems(code), queryFn: () => getDictionaryItems(code) });

export const useDictionaryItems = (code: string | undefined) =>
  useQuery({ ...dictionaryItemsQueryOptions(code ?? ''), enabled: !!code });
