import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type {
  Commissioner,
  CommissionerBody,
  Evaluation,
  Support,
  commissionerDetailSchema,
  evaluationBodySchema,
  listCommissionersQuerySchema,
  supportBodySchema,
} from '../../../../shared/commissioners.js';
import { ApiError, api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type CommissionerDetail = z.infer<typeof commissionerDetailSchema>;

export type CommissionersQuery = ListRequest<typeof listCommissionersQuerySchema>;

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

/** The commissioner form as the API takes it (PUT replaces every field). */
export type CommissionerInput = CommissionerBody;

export const createCommissioner = ({ idempotencyKey, ...input }: CommissionerInput & Submission) =>
  api.post<CommissionerDetail>('/commissioners', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateCommissioner = ({ id, version, ...input }: CommissionerInput & Versioned) =>
  api.put<CommissionerDetail>(`/commissioners/${id}`, input, { headers: ifMatch(version) });
export const deleteCommissioner = (id: number) => api.delete<z.output<typeof okSchema>>(`/commissioners/${id}`);

export type SupportInput = z.input<typeof supportBodySchema> & { commissionerId: number };

export const createSupport = ({ commissionerId, idempotencyKey, ...input }: SupportInput & Submission) =>
  api.post<Support>(`/commissioners/${commissionerId}/supports`, input, { headers: idempotencyHeader(idempotencyKey) });
export const deleteSupport = (id: number) => api.delete<z.output<typeof okSchema>>(`/commissioner-supports/${id}`);

export type EvaluationInput = z.input<typeof evaluationBodySchema> & { commissionerId: number };

/** One evaluation per commissioner and year: setting it again replaces the grade. */
/** A year's evaluation: `version` of the one the form edits, none when registering the year's first (the server then refuses to replace one). */
export const putEvaluation = ({ commissionerId, year, version, ...input }: EvaluationInput & { version?: number }) =>
  api.put<Evaluation>(`/commissioners/${commissionerId}/evaluations/${year}`, input, { headers: version ? ifMatch(version) : {} });
export const deleteEvaluation = (id: number) => api.delete<z.output<typeof okSchema>>(`/commissioner-evaluations/${id}`);

export const useCreateCommissioner = () => useInvalidatingMutation(createCommissioner, [commissionersQueryKey]);
export const useUpdateCommissioner = () => useInvalidatingMutation(updateCommissioner, [commissionersQueryKey]);
export const useCreateSupport = () => useInvalidatingMutation(createSupport, [commissionersQueryKey]);
export const useDeleteSupport = () => useInvalidatingMutation(deleteSupport, [commissionersQueryKey]);
export const usePutEvaluation = () => useInvalidatingMutation(putEvaluation, [commissionersQueryKey]);
export const useDeleteEvaluation = () => useInvalidatingMutation(deleteEvaluation, [commissionersQueryKey]);
/** The deleted commissioner's own page is left before it would be read again (and answer 404). */
export const useDeleteCommissioner = () => useDeleteMutation(deleteCommissioner, commissionersQueryKey);
