import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { api } from '../../../lib/api-client';
import { commissionersQueryKey } from './commissioners';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export interface ServiceLogsFilter {
  commissionerId?: number;
  townId?: number;
  kind?: string;
  confirmed?: 'yes' | 'no';
  from?: string;
  to?: string;
}

export interface ServiceLogsQuery extends ServiceLogsFilter {
  page: number;
  pageSize: number;
}

export const serviceLogsQueryKey = ['service-logs'] as const;

/** Newest first; a commissioner gets only their own. */
export const getServiceLogs = (query: ServiceLogsQuery) => api.get<Page<ServiceLog>>('/service-logs', { params: { ...query } });

export const serviceLogsQueryOptions = (query: ServiceLogsQuery) =>
  queryOptions({
    queryKey: [...serviceLogsQueryKey, 'list', query],
    queryFn: () => getServiceLogs(query),
    placeholderData: keepPreviousData,
  });

export const useServiceLogs = (query: ServiceLogsQuery, enabled = true) => useQuery({ ...serviceLogsQueryOptions(query), enabled });

const MY_PAGE_SIZE = 20;

/** The signed-in commissioner's own logs, a page at a time (加载更多 on the phone). */
export const useMyServiceLogs = (enabled: boolean) =>
  useInfiniteQuery({
    queryKey: [...serviceLogsQueryKey, 'mine'],
    queryFn: ({ pageParam }) => getServiceLogs({ page: pageParam, pageSize: MY_PAGE_SIZE }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled,
  });

export interface ServiceLogInput {
  logDate: string;
  placeId: number | null;
  enterpriseId: number | null;
  kind: string;
  content: string;
  peopleServed: number | null;
  problemsSolved: string | null;
  newTechniques: string | null;
  fileIds: number[];
}

export const createServiceLog = ({ commissionerId, idempotencyKey, ...input }: ServiceLogInput & { commissionerId: number } & Submission) =>
  api.post<ServiceLog>(`/commissioners/${commissionerId}/service-logs`, input, { headers: idempotencyHeader(idempotencyKey) });
export const updateServiceLog = ({ id, version, ...input }: ServiceLogInput & Versioned) =>
  api.put<ServiceLog>(`/service-logs/${id}`, input, { headers: ifMatch(version) });
export const deleteServiceLog = (id: number) => api.delete<{ ok: true }>(`/service-logs/${id}`);
export const confirmServiceLog = ({ id, version }: Versioned) => api.post<ServiceLog>(`/service-logs/${id}/confirm`, {}, { headers: ifMatch(version) });
export const unconfirmServiceLog = ({ id, version }: Versioned) => api.post<ServiceLog>(`/service-logs/${id}/unconfirm`, {}, { headers: ifMatch(version) });

/** A log changes the lists of logs and its commissioner's 日志数 / 最近服务. */
function useServiceLogMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: serviceLogsQueryKey }), queryClient.invalidateQueries({ queryKey: commissionersQueryKey })]);
    },
  });
}

export const useCreateServiceLog = () => useServiceLogMutation(createServiceLog);
export const useUpdateServiceLog = () => useServiceLogMutation(updateServiceLog);
export const useDeleteServiceLog = () => useServiceLogMutation(deleteServiceLog);
export const useConfirmServiceLog = () => useServiceLogMutation(confirmServiceLog);
export const useUnconfirmServiceLog = () => useServiceLogMutation(unconfirmServiceLog);
