import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dictionary, DictionaryItem } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// Dictionaries and their items are read through lib/reference-data (every ledger's select
// boxes use them); this file holds the admin's changes.

export interface DictionaryInput {
  code: string;
  name: string;
  description: string | null;
}

export interface DictionaryItemInput {
  value: string;
  label: string;
  sortOrder: number;
  active: boolean;
  /** The measure word the summary counts this item's records with (个, 家); null → the figure's own unit. */
  measure: string | null;
}

export const createDictionary = ({ idempotencyKey, ...input }: DictionaryInput & Submission) =>
  api.post<Dictionary>('/dictionaries', input, { headers: idempotencyHeader(idempotencyKey) });

export const createDictionaryItem = ({ code, idempotencyKey, ...input }: DictionaryItemInput & { code: string } & Submission) =>
  api.post<DictionaryItem>(`/dictionaries/${encodeURIComponent(code)}/items`, input, { headers: idempotencyHeader(idempotencyKey) });

export const updateDictionaryItem = ({ id, version, ...input }: DictionaryItemInput & Versioned) =>
  api.patch<DictionaryItem>(`/dictionary-items/${id}`, input, { headers: ifMatch(version) });

export const deleteDictionaryItem = (id: number) => api.delete<{ ok: true }>(`/dictionary-items/${id}`);

/** Any change refreshes the dictionaries (their item counts) and every item list under them. */
function useDictionaryMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.dictionaries }),
  });
}

export const useCreateDictionary = () => useDictionaryMutation(createDictionary);
export const useCreateDictionaryItem = () => useDictionaryMutation(createDictionaryItem);
export const useUpdateDictionaryItem = () => useDictionaryMutation(updateDictionaryItem);
export const useDeleteDictionaryItem = () => useDictionaryMutation(deleteDictionaryItem);
