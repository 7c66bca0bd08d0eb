import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Worklist, WorklistDefinition, archiveWorklistBodySchema, overdueSummarySchema } from '../../../../shared/worklists.js';
import { api } from '../../../lib/api-client';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// Work lists (工作台账) as the bureau defines them. Every key sits under ['worklists'], so a change
// to a list or to any of its items refreshes the lists' counts, the items and the home page's
// overdue card together.

export type OverdueSummary = z.infer<typeof overdueSummarySchema>;

export const worklistsQueryKey = ['worklists'] as const;

/** The organisation's lists with their item and overdue counts; archived ones too when asked. */
export const getWorklists = (archived: boolean) =>
  api.get<{ items: Worklist[] }>('/worklists', { params: { archived: archived ? 'yes' : 'no' } }).then((r) => r.items);

export const worklistsQueryOptions = (archived = false) =>
  queryOptions({ queryKey: [...worklistsQueryKey, 'list', { archived }], queryFn: () => getWorklists(archived) });

export const useWorklists = (archived = false) => useQuery(worklistsQueryOptions(archived));

export const getWorklist = (id: number) => api.get<Worklist>(`/worklists/${id}`);

export const worklistQueryOptions = (id: number) => queryOptions({ queryKey: [...worklistsQueryKey, 'detail', id], queryFn: () => getWorklist(id) });

export const useWorklist = (id: number) => useQuery({ ...worklistQueryOptions(id), enabled: id > 0 });

/** Overdue items: the user's own, the bureau's (leaders and admins), and per list. */
export const getOverdueSummary = () => api.get<OverdueSummary>('/worklists/overdue-summary');

export const overdueSummaryQueryOptions = () => queryOptions({ queryKey: [...worklistsQueryKey, 'overdue-summary'], queryFn: getOverdueSummary });

export const useOverdueSummary = (enabled = true) => useQuery({ ...overdueSummaryQueryOptions(), enabled });

export const createWorklist = ({ definition, idempotencyKey }: { definition: WorklistDefinition } & Submission) =>
  api.post<Worklist>('/worklists', definition, { headers: idempotencyHeader(idempotencyKey) });
export const updateWorklist = ({ id, version, definition }: Versioned & { definition: WorklistDefinition }) =>
  api.put<Worklist>(`/worklists/${id}`, definition, { headers: ifMatch(version) });
export const archiveWorklist = ({ id, version, archived }: Versioned & z.input<typeof archiveWorklistBodySchema>) =>
  api.post<Worklist>(`/worklists/${id}/archive`, { archived }, { headers: ifMatch(version) });
export const deleteWorklist = (id: number) => api.delete<z.output<typeof okSchema>>(`/worklists/${id}`);

export const useCreateWorklist = () => useInvalidatingMutation(createWorklist, [worklistsQueryKey]);
export const useUpdateWorklist = () => useInvalidatingMutation(updateWorklist, [worklistsQueryKey]);
export const useArchiveWorklist = () => useInvalidatingMutation(archiveWorklist, [worklistsQueryKey]);
/** The deleted list's pages (its definition and its items) are not read again (they would answer 404). */
export const useDeleteWorklist = () => useDeleteMutation(deleteWorklist, worklistsQueryKey, { ownKinds: ['detail', 'items'] });
