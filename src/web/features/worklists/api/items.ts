import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { Item, ItemBody, ItemDetail, listItemsQuerySchema, progressBodySchema } from '../../../../shared/worklists.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { worklistsQueryKey } from './worklists';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

/** The items table's query: the schema's keys and the `f.<fieldKey>` field filters (its catch-all), as the API takes them. */
export type ItemsQuery = ListRequest<typeof listItemsQuerySchema>;

export const getItems = (listId: number, query: ItemsQuery) => api.get<Page<Item>>(`/worklists/${listId}/items`, { params: query });

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

export const createItem = ({ listId, idempotencyKey, ...body }: ItemBody & { listId: number } & Submission) =>
  api.post<ItemDetail>(`/worklists/${listId}/items`, body, { headers: idempotencyHeader(idempotencyKey) });
export const updateItem = ({ id, version, ...body }: ItemBody & Versioned) => api.put<ItemDetail>(`/worklist-items/${id}`, body, { headers: ifMatch(version) });
export const addProgress = ({ id, version, idempotencyKey, ...body }: z.input<typeof progressBodySchema> & Versioned & Submission) =>
  api.post<ItemDetail>(`/worklist-items/${id}/progress`, body, { headers: { ...ifMatch(version), ...idempotencyHeader(idempotencyKey) } });
export const deleteItem = (id: number) => api.delete<z.output<typeof okSchema>>(`/worklist-items/${id}`);

/** An item change moves its list's counts and the overdue card too: everything under ['worklists'] refreshes. */
export const useCreateItem = () => useInvalidatingMutation(createItem, [worklistsQueryKey]);
export const useUpdateItem = () => useInvalidatingMutation(updateItem, [worklistsQueryKey]);
export const useAddProgress = () => useInvalidatingMutation(addProgress, [worklistsQueryKey]);
/** The deleted item's own page is left before it would be read again (and answer 404). */
export const useDeleteItem = () => useDeleteMutation(deleteItem, worklistsQueryKey, { ownKinds: ['item'] });
