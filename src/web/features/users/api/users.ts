import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { OrgListItem, Section } from '../../../../shared/orgs.js';
import type { Role } from '../../../../shared/roles.js';
import type { User } from '../../../../shared/users.js';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/auth';

export interface UsersQuery {
  q?: string;
  role?: Role;
  sectionId?: number;
  orgId?: number;
  page: number;
  pageSize: number;
}

export const usersQueryKey = ['users'] as const;

export const getUsers = (query: UsersQuery) => api.get<Page<User>>('/users', { params: { ...query } });

export const usersQueryOptions = (query: UsersQuery) =>
  queryOptions({
    queryKey: [...usersQueryKey, 'list', query],
    queryFn: () => getUsers(query),
    placeholderData: keepPreviousData,
  });

export const useUsers = (query: UsersQuery) => useQuery(usersQueryOptions(query));

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  sectionId: number | null;
  phone: string | null;
  password: string;
  /** The organisation the account belongs to (default: the admin's own). */
  orgId?: number;
}

export interface UpdateUserInput {
  displayName: string;
  role: Role;
  sectionId: number | null;
  phone: string | null;
  disabled: boolean;
}

export const createUser = (input: CreateUserInput) => api.post<User>('/users', input);
export const updateUser = ({ id, ...input }: UpdateUserInput & { id: number }) => api.patch<User>(`/users/${id}`, input);
export const resetUserPassword = ({ id, newPassword }: { id: number; newPassword: string }) =>
  api.post<{ ok: true }>(`/users/${id}/reset-password`, { newPassword });

function useUserMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

export const useCreateUser = () => useUserMutation(createUser);
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      // An admin may have edited their own name or section, shown in the header.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
/** Also unlocks the account, so the list (its 锁定至 column) is read again. */
export const useResetUserPassword = () => useUserMutation(resetUserPassword);

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
