import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry, listAuditQuerySchema } from '../../../../shared/audit.js';
import type { Page } from '../../../../shared/common.js';
import type { User } from '../../../../shared/users.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';

export type AuditQuery = ListRequest<typeof listAuditQuerySchema>;

export const getAuditEntries = (query: AuditQuery) => api.get<Page<AuditEntry>>('/audit', { params: { ...query } });

export const auditQueryOptions = (query: AuditQuery) =>
  queryOptions({
    queryKey: ['audit', query],
    queryFn: () => getAuditEntries(query),
    placeholderData: keepPreviousData,
  });

export const useAuditEntries = (query: AuditQuery) => useQuery(auditQueryOptions(query));

/**
 * Users to filter by. Only admins may list users; for other roles this fails with 403 and the
 * filter falls back to the people seen in the loaded entries.
 */
export const getAuditUserOptions = () =>
  api
    .get<Page<User>>('/users', { params: { page: 1, pageSize: 200 } })
    .then((r) => r.items.map((u) => ({ id: u.id, displayName: u.displayName, username: u.username })));

export const useAuditUserOptions = (enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'audit-options'],
    queryFn: getAuditUserOptions,
    enabled,
    staleTime: 5 * 60_000,
  });
