import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { ENTERPRISE_SORTS, Enterprise, EnterpriseDetail, Sector } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export interface EnterprisesQuery {
  q?: string;
  kind?: string;
  industry?: Sector;
  townId?: number;
  sort?: EnterpriseSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Also the prefix of the shared enterprise pickers (lib/reference-data), so changes refresh them. */
export const enterprisesQueryKey = ['enterprises'] as const;

export const getEnterprises = (query: EnterprisesQuery) => api.get<Page<Enterprise>>('/enterprises', { params: { ...query } });

export const enterprisesQueryOptions = (query: EnterprisesQuery) =>
  queryOptions({
    queryKey: [...enterprisesQueryKey, 'list', query],
    queryFn: () => getEnterprises(query),
    placeholderData: keepPreviousData,
  });

export const useEnterprises = (query: EnterprisesQuery) => useQuery(enterprisesQueryOptions(query));

export const getEnterprise = (id: number) => api.get<EnterpriseDetail>(`/enterprises/${id}`);

export const enterpriseQueryOptions = (id: number) => queryOptions({ queryKey: [...enterprisesQueryKey, 'detail', id], queryFn: () => getEnterprise(id) });

export const useEnterprise = (id: number) => useQuery({ ...enterpriseQueryOptions(id), enabled: id > 0 });

export interface EnterpriseInput {
  name: string;
  creditCode: string | null;
  kind: string;
  industry: Sector;
  townId: number | null;
  address: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  notes: string | null;
}

export const createEnterprise = ({ idempotencyKey, ...input }: EnterpriseInput & Submission) =>
  api.post<Enterprise>('/enterprises', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateEnterprise = ({ id, version, ...input }: EnterpriseInput & Versioned) =>
  api.put<Enterprise>(`/enterprises/${id}`, input, { headers: ifMatch(version) });
export const deleteEnterprise = (id: number) => api.delete<{ ok: true }>(`/enterprises/${id}`);

/** A renamed enterprise shows under its new name in project and visit lists too. */
function useEnterpriseMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: enterprisesQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['projects'] }),
        queryClient.invalidateQueries({ queryKey: ['visits'] }),
      ]);
    },
  });
}

export const useCreateEnterprise = () => useEnterpriseMutation(createEnterprise);
export const useUpdateEnterprise = () => useEnterpriseMutation(updateEnterprise);
/** The deleted enterprise's own page is left before it would be read again (and answer 404). */
export function useDeleteEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEnterprise,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'detail' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: enterprisesQueryKey, predicate: (q) => !isDeleted(q.queryKey) }),
        queryClient.invalidateQueries({ queryKey: ['visits'] }),
      ]);
    },
  });
}
