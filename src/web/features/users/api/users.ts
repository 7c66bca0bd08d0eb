import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { Role } from '../../../../shared/roles.js';
import type { User } from '../../../../shared/users.js';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/auth';

export interface UsersQuery {
  q?: string;
  role?: Role;
  sectionId?: number;
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
