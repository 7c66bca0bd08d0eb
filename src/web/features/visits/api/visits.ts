import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { Visit } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export interface VisitsQuery {
  q?: string;
  enterpriseId?: number;
  staffId?: number;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const visitsQueryKey = ['visits'] as const;

export const getVisits = (query: VisitsQuery) => api.get<Page<Visit>>('/visits', { params: { ...query } });

export const visitsQueryOptions = (query: VisitsQuery) =>
  queryOptions({
    queryKey: [...visitsQueryKey, 'list', query],
    queryFn: () => getVisits(query),
    placeholderData: keepPreviousData,
  });

export const useVisits = (query: VisitsQuery) => useQuery(visitsQueryOptions(query));

export const getVisit = (id: number) => api.get<Visit>(`/visits/${id}`);

export const visitQueryOptions = (id: number) => queryOptions({ queryKey: [...visitsQueryKey, 'detail', id], queryFn: () => getVisit(id) });

export const useVisit = (id: number) => useQuery({ ...visitQueryOptions(id), enabled: id > 0 });

export interface VisitInput {
  visitDate: string;
  staffIds: number[];
  enterpriseIds: number[];
  purpose: string;
  findings: string | null;
}

export const createVisit = ({ idempotencyKey, ...input }: VisitInput & Submission) =>
  api.post<Visit>('/visits', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateVisit = ({ id, version, ...input }: VisitInput & Versioned) => api.put<Visit>(`/visits/${id}`, input, { headers: ifMatch(version) });
export const deleteVisit = (id: number) => api.delete<{ ok: true }>(`/visits/${id}`);

/** Enterprises count their visits, and project pages list the visits they relate to. */
function useVisitMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: visitsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]);
    },
  });
}

export const useCreateVisit = () => useVisitMutation(createVisit);
export const useUpdateVisit = () => useVisitMutation(updateVisit);

/** The deleted visit's own page is left before it would be read again (and answer 404). */
export function useDeleteVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteVisit,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'detail' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: visitsQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: visitsQueryKey, predicate: (q) => !isDeleted(q.queryKey) }),
        queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
      ]);
    },
  });
}
