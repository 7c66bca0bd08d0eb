import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Dictionary, DictionaryItem, dictionaryBodySchema, dictionaryItemBodySchema } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// Dictionaries and their items are read through lib/reference-data (every ledger's select
// boxes use them); this file holds the admin's changes.

export type DictionaryInput = z.input<typeof dictionaryBodySchema>;

/** The item form; an update sends every field too (PATCH). */
export type DictionaryItemInput = z.input<typeof dictionaryItemBodySchema>;

export const createDictionary = ({ idempotencyKey, ...input }: DictionaryInput & Submission) =>
  api.post<Dictionary>('/dictionaries', input, { headers: idempotencyHeader(idempotencyKey) });

export const createDictionaryItem = ({ code, idempotencyKey, ...input }: DictionaryItemInput & { code: string } & Submission) =>
  api.post<DictionaryItem>(`/dictionaries/${encodeURIComponent(code)}/items`, input, { headers: idempotencyHeader(idempotencyKey) });

export const updateDictionaryItem = ({ id, version, ...input }: DictionaryItemInput & Versioned) =>
  api.patch<DictionaryItem>(`/dictionary-items/${id}`, input, { headers: ifMatch(version) });

export const deleteDictionaryItem = (id: number) => api.delete<z.output<typeof okSchema>>(`/dictionary-items/${id}`);

/** Any change refreshes the dictionaries (their item counts) and every item list under them. */
export const useCreateDictionary = () => useInvalidatingMutation(createDictionary, [referenceKeys.dictionaries]);
export const useCreateDictionaryItem = () => useInvalidatingMutation(createDictionaryItem, [referenceKeys.dictionaries]);
export const useUpdateDictionaryItem = () => useInvalidatingMutation(updateDictionaryItem, [referenceKeys.dictionaries]);
export const useDeleteDictionaryItem = () => useInvalidatingMutation(deleteDictionaryItem, [referenceKeys.dictionaries]);
