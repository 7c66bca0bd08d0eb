import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken, createTokenBodySchema, createdTokenSchema } from '../../../../shared/auth.js';
import type { okSchema } from '../../../../shared/common.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';

export const apiTokensQueryKey = ['auth', 'tokens'] as const;

export const getApiTokens = () => api.get<{ items: ApiToken[] }>('/auth/tokens').then((r) => r.items);

export const apiTokensQueryOptions = () => queryOptions({ queryKey: apiTokensQueryKey, queryFn: getApiTokens });

export const useApiTokens = () => useQuery(apiTokensQueryOptions());

export const createApiToken = (input: z.input<typeof createTokenBodySchema>) => api.post<z.output<typeof createdTokenSchema>>('/auth/tokens', input);

export const useCreateApiToken = () => useInvalidatingMutation(createApiToken, [apiTokensQueryKey]);

export const revokeApiToken = (id: number) => api.delete<z.output<typeof okSchema>>(`/auth/tokens/${id}`);

export const useRevokeApiToken = () => useInvalidatingMutation(revokeApiToken, [apiTokensQueryKey]);
