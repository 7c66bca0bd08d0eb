import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { OrgListItem, Section } from '../../../../shared/orgs.js';
import type { CreateUserBody, User, listUsersQuerySchema, resetPasswordBodySchema, updateUserBodySchema } from '../../../../shared/users.js';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/auth';
import type { ListRequest } from '../../../lib/list-request';
import { useInvalidatingMutation } from '../../../lib/mutation';

export type UsersQuery = ListRequest<typeof listUsersQuerySchema>;

export const usersQueryKey = ['users'] as const;

export const getUsers = (query: UsersQuery) => api.get<Page<User>>('/users', { params: { ...query } });

export const usersQueryOptions = (query: UsersQuery) =>
  queryOptions({
    queryKey: [...usersQueryKey, 'list', query],
    queryFn: () => getUsers(query),
    placeholderData: keepPreviousData,
  });

export const useUsers = (query: UsersQuery) => useQuery(usersQueryOptions(query));

export const createUser = (input: CreateUserBody) => api.post<User>('/users', input);
export const updateUser = ({ id, ...input }: z.input<typeof updateUserBodySchema> & { id: number }) => api.patch<User>(`/users/${id}`, input);
export const resetUserPassword = ({ id, newPassword }: z.input<typeof resetPasswordBodySchema> & { id: number }) =>
  api.post<z.output<typeof okSchema>>(`/users/${id}/reset-password`, { newPassword });

export const useCreateUser = () => useInvalidatingMutation(createUser, [usersQueryKey]);
/** An admin may have edited their own name or section, shown in the header. */
export const useUpdateUser = () => useInvalidatingMutation(updateUser, [usersQueryKey, meQueryKey]);
/** Also unlocks the account, so the list (its 锁定至 column) is read again. */
export const useResetUserPassword = () => useInvalidatingMutation(resetUserPassword, [usersQueryKey]);

/**
 * The organisations whose accounts the admin manages (GET /api/orgs, the key the 单位 page uses
 * too): the users page offers them when there is more than one.
 */
export const managedOrgsQueryOptions = () =>
  queryOptions({ queryKey: ['orgs'] as const, queryFn: () => api.get<{ items: OrgListItem[] }>('/orgs').then((r) => r.items) });
export const useManagedOrgs = () => useQuery(managedOrgsQueryOptions());

/** The sections of an organisation below the admin's own, to place its users (the own ones come from reference data). */
export const useOrgSections = (orgId: number | undefined) =>
  useQuery({
    queryKey: ['sections', 'of-org', orgId],
    queryFn: () => api.get<{ items: Section[] }>('/sections', { params: { orgId } }).then((r) => r.items),
    enabled: orgId !== undefined,
  });
