import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { Item, ItemBody, ItemDetail } from '../../../../shared/worklists.js';
import { api } from '../../../lib/api-client';
import { worklistsQueryKey } from './worklists';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type ItemSort = 'registeredDate' | 'deadline' | 'updatedAt' | 'status';

/** The items table's filters; `fields` are the `f.<fieldKey>` filters, values as decimal text for numbers and ids. */
export interface ItemsFilter {
  q?: string;
  status?: string[];
  responsibleId?: number;
  overdue?: 'yes';
  deadlineFrom?: string;
  deadlineTo?: string;
  fields: Record<string, string>;
}

export interface ItemsQuery extends ItemsFilter {
  sort?: ItemSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function itemsParams({ fields, ...query }: ItemsQuery) {
  const params: Record<string, string | number | string[] | undefined> = { ...query };
  for (const [key, value] of Object.entries(fields)) params[`f.${key}`] = value;
  return params;
}

export const getItems = (listId: number, query: ItemsQuery) => api.get<Page<Item>>(`/worklists/${listId}/items`, { params: itemsParams(query) });

export const itemsQueryOptions = (listId: number, query: ItemsQuery) =>
  queryOptions({
    queryKey: [...worklistsQueryKey, 'items', listId, query],
    queryFn: () => getItems(listId, query),
    placeholderData: keepPreviousData,
  });

export const useItems = (listId: number, query: ItemsQuery) => useQuery({ ...itemsQueryOptions(listId, query), enabled: listId > 0 });

export const getItem = (id: number) => api.get<ItemDetail>(`/worklist-items/${id}`);

export const itemQueryOptions = (id: number) => queryOptions({ queryKey: [...worklistsQueryKey, 'item', id], queryFn: () => getItem(id) });

export const useItem = (id: number) => useQuery({ ...itemQueryOptions(id), enabled: id > 0 });

export interface ItemOption {
  id: number;
  title: string;
}

/** Up to 50 items of a list whose text contains `q`, for fields that link to another list's items. */
export const getItemOptions = (listId: number, q: string) =>
  api
    .get<Page<Item>>(`/worklists/${listId}/items`, { params: { q: q.trim() || undefined, sort: 'updatedAt', order: 'desc', pageSize: 50 } })
    .then((r) => r.items.map((i): ItemOption => ({ id: i.id, title: i.title })));

export const useItemOptions = (listId: number | null, q: string) =>
  useQuery({
    queryKey: [...worklistsQueryKey, 'item-options', listId, q.trim()],
    queryFn: () => getItemOptions(listId!, q),
    enabled: !!listId,
    placeholderData: keepPreviousData,
  });

/** One linked item by id, for a chosen value the current search did not return. */
export const useItemOption = (id: number | null | undefined, enabled: boolean) =>
  useQuery({ ...itemQueryOptions(id ?? 0), enabled: enabled && !!id, select: (i): ItemOption => ({ id: i.id, title: i.title }) });

export interface ProgressInput {
  entryDate: string;
  content: string;
  toStatus: string | null;
}

export const createItem = ({ listId, idempotencyKey, ...body }: ItemBody & { listId: number } & Submission) =>
  api.post<ItemDetail>(`/worklists/${listId}/items`, body, { headers: idempotencyHeader(idempotencyKey) });
export const updateItem = ({ id, version, ...body }: ItemBody & Versioned) => api.put<ItemDetail>(`/worklist-items/${id}`, body, { headers: ifMatch(version) });
export const addProgress = ({ id, version, idempotencyKey, ...body }: ProgressInput & Versioned & Submission) =>
  api.post<ItemDetail>(`/worklist-items/${id}/progress`, body, { headers: { ...ifMatch(version), ...idempotencyHeader(idempotencyKey) } });
export const deleteItem = (id: number) => api.delete<{ ok: true }>(`/worklist-items/${id}`);

/** An item change moves its list's counts and the overdue card too: everything under ['worklists'] refreshes. */
function useItemMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: worklistsQueryKey }),
  });
}

export const useCreateItem = () => useItemMutation(createItem);
export const useUpdateItem = () => useItemMutation(updateItem);
export const useAddProgress = () => useItemMutation(addProgress);

/** The deleted item's own page is left before it would be read again (and answer 404). */
export function useDeleteItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteItem,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'item' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: worklistsQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await queryClient.invalidateQueries({ queryKey: worklistsQueryKey, predicate: (q) => !isDeleted(q.queryKey) });
    },
  });
}
