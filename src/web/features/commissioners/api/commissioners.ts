import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../shared/common.js';
import type { Commissioner, CommissionerStatus, Evaluation, Grade, Support, SupportKind, commissionerDetailSchema } from '../../../../shared/commissioners.js';
import { ApiError, api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type CommissionerDetail = z.infer<typeof commissionerDetailSchema>;

export interface CommissionersQuery {
  q?: string;
  status?: CommissionerStatus;
  placeId?: number;
  year?: number;
  page: number;
  pageSize: number;
}

/** Logs change a commissioner's 日志数 and 最近服务, so their keys sit under this one too. */
export const commissionersQueryKey = ['commissioners'] as const;

export const getCommissioners = (query: CommissionersQuery) => api.get<Page<Commissioner>>('/commissioners', { params: { ...query } });

export const commissionersQueryOptions = (query: CommissionersQuery) =>
  queryOptions({
    queryKey: [...commissionersQueryKey, 'list', query],
    queryFn: () => getCommissioners(query),
    placeholderData: keepPreviousData,
  });

export const useCommissioners = (query: CommissionersQuery) => useQuery(commissionersQueryOptions(query));

/** Every commissioner by name, for the 特派员 pickers of the service-log pages (a county has a few dozen). */
export const useCommissionerOptions = (enabled = true) =>
  useQuery({
    queryKey: [...commissionersQueryKey, 'options'],
    queryFn: () => getCommissioners({ page: 1, pageSize: 200 }).then((r) => r.items),
    staleTime: 60_000,
    enabled,
  });

export const getCommissioner = (id: number) => api.get<CommissionerDetail>(`/commissioners/${id}`);

export const commissionerQueryOptions = (id: number) =>
  queryOptions({ queryKey: [...commissionersQueryKey, 'detail', id], queryFn: () => getCommissioner(id) });

export const useCommissioner = (id: number) => useQuery({ ...commissionerQueryOptions(id), enabled: id > 0 });

/** The signed-in commissioner's own profile; null when the account is linked to none (404). */
export const getMyCommissioner = () =>
  api.get<CommissionerDetail>('/commissioners/me').catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });

export const useMyCommissioner = () => useQuery({ queryKey: [...commissionersQueryKey, 'me'], queryFn: getMyCommissioner, staleTime: 5 * 60_000 });

export interface CommissionerInput {
  name: string;
  gender: 'male' | 'female';
  employer: string;
  title: string | null;
  specialty: string | null;
  phone: string | null;
  placeIds: number[];
  enterpriseIds: number[];
  termStartYear: number;
  termEndYear: number;
  status: CommissionerStatus;
  userId: number | null;
  notes: string | null;
}

export const createCommissioner = ({ idempotencyKey, ...input }: CommissionerInput & Submission) =>
  api.post<CommissionerDetail>('/commissioners', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateCommissioner = ({ id, version, ...input }: CommissionerInput & Versioned) =>
  api.put<CommissionerDetail>(`/commissioners/${id}`, input, { headers: ifMatch(version) });
export const deleteCommissioner = (id: number) => api.delete<{ ok: true }>(`/commissioners/${id}`);

export interface SupportInput {
  commissionerId: number;
  supportDate: string;
  kind: SupportKind;
  description: string;
  amount: number | null;
}

export const createSupport = ({ commissionerId, idempotencyKey, ...input }: SupportInput & Submission) =>
  api.post<Support>(`/commissioners/${commissionerId}/supports`, input, { headers: idempotencyHeader(idempotencyKey) });
export const deleteSupport = (id: number) => api.delete<{ ok: true }>(`/commissioner-supports/${id}`);

export interface EvaluationInput {
  commissionerId: number;
  year: number;
  grade: Grade;
  note: string | null;
}

/** One evaluation per commissioner and year: setting it again replaces the grade. */
/** A year's evaluation: `version` of the one the form edits, none when registering the year's first (the server then refuses to replace one). */
export const putEvaluation = ({ commissionerId, year, version, ...input }: EvaluationInput & { version?: number }) =>
  api.put<Evaluation>(`/commissioners/${commissionerId}/evaluations/${year}`, input, { headers: version ? ifMatch(version) : {} });
export const deleteEvaluation = (id: number) => api.delete<{ ok: true }>(`/commissioner-evaluations/${id}`);

function useCommissionerMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commissionersQueryKey }),
  });
}

export const useCreateCommissioner = () => useCommissionerMutation(createCommissioner);
export const useUpdateCommissioner = () => useCommissionerMutation(updateCommissioner);
export const useCreateSupport = () => useCommissionerMutation(createSupport);
export const useDeleteSupport = () => useCommissionerMutation(deleteSupport);
export const usePutEvaluation = () => useCommissionerMutation(putEvaluation);
export const useDeleteEvaluation = () => useCommissionerMutation(deleteEvaluation);

/** The deleted commissioner's own page is left before it would be read again (and answer 404). */
export function useDeleteCommissioner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCommissioner,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'detail' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: commissionersQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await queryClient.invalidateQueries({ queryKey: commissionersQueryKey, predicate: (q) => !isDeleted(q.queryKey) });
    },
  });
}
