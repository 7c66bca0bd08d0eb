import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '../../../../shared/auth.js';
import { api } from '../../../lib/api-client';

export const apiTokensQueryKey = ['auth', 'tokens'] as const;

export const getApiTokens = () => api.get<{ items: ApiToken[] }>('/auth/tokens').then((r) => r.items);

export const apiTokensQueryOptions = () => queryOptions({ queryKey: apiTokensQueryKey, queryFn: getApiTokens });

export const useApiTokens = () => useQuery(apiTokensQueryOptions());

export const createApiToken = (input: { name: string }) => api.post<{ token: ApiToken; secret: string }>('/auth/tokens', input);

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}

export const revokeApiToken = (id: number) => api.delete<{ ok: true }>(`/auth/tokens/${id}`);

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
