import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { ServiceLog, ServiceLogBody, listServiceLogsQuerySchema } from '../../../../shared/commissioners.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { commissionersQueryKey } from './commissioners';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type ServiceLogsQuery = ListRequest<typeof listServiceLogsQuerySchema>;

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

/** The log form as the API takes it (PUT replaces every field). */
export type ServiceLogInput = ServiceLogBody;

export const createServiceLog = ({ commissionerId, idempotencyKey, ...input }: ServiceLogInput & { commissionerId: number } & Submission) =>
  api.post<ServiceLog>(`/commissioners/${commissionerId}/service-logs`, input, { headers: idempotencyHeader(idempotencyKey) });
export const updateServiceLog = ({ id, version, ...input }: ServiceLogInput & Versioned) =>
  api.put<ServiceLog>(`/service-logs/${id}`, input, { headers: ifMatch(version) });
export const deleteServiceLog = (id: number) => api.delete<z.output<typeof okSchema>>(`/service-logs/${id}`);
export const confirmServiceLog = ({ id, version }: Versioned) => api.post<ServiceLog>(`/service-logs/${id}/confirm`, {}, { headers: ifMatch(version) });
export const unconfirmServiceLog = ({ id, version }: Versioned) => api.post<ServiceLog>(`/service-logs/${id}/unconfirm`, {}, { headers: ifMatch(version) });

/** A log changes the lists of logs and its commissioner's 日志数 / 最近服务. */
const changedByLog = [serviceLogsQueryKey, commissionersQueryKey];

export const useCreateServiceLog = () => useInvalidatingMutation(createServiceLog, changedByLog);
export const useUpdateServiceLog = () => useInvalidatingMutation(updateServiceLog, changedByLog);
export const useDeleteServiceLog = () => useInvalidatingMutation(deleteServiceLog, changedByLog);
export const useConfirmServiceLog = () => useInvalidatingMutation(confirmServiceLog, changedByLog);
export const useUnconfirmServiceLog = () => useInvalidatingMutation(unconfirmServiceLog, changedByLog);
