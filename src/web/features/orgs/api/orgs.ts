import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Org, OrgListItem } from '../../../../shared/orgs.js';
import type { OrgLevel } from '../../../../shared/roles.js';
import { api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

/** GET /api/orgs: the organisations the signed-in user may see, in tree order. (The users page reads the same key.) */
export const orgsQueryKey = ['orgs'] as const;

export const getOrgs = () => api.get<{ items: OrgListItem[] }>('/orgs').then((r) => r.items);
export const orgsQueryOptions = () => queryOptions({ queryKey: orgsQueryKey, queryFn: getOrgs });
export const useOrgs = () => useQuery(orgsQueryOptions());

/** A subordinate organisation: by its division (level and, unless typed, name from the national list) or by name and level. */
export interface CreateOrgInput {
  parentId: number;
  divisionCode: string | null;
  name?: string;
  shortName: string | null;
  level?: OrgLevel;
}

export interface UpdateOrgInput {
  name: string;
  shortName: string | null;
}

export const createOrg = ({ idempotencyKey, ...input }: CreateOrgInput & Submission) =>
  api.post<Org>('/orgs', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateOrg = ({ id, version, ...input }: UpdateOrgInput & Versioned) => api.patch<Org>(`/orgs/${id}`, input, { headers: ifMatch(version) });
/** Deactivates (active false) or reactivates an organisation, based on the version the page showed. */
export const setOrgActive = ({ id, version, active }: Versioned & { active: boolean }) =>
  api.post<Org>(`/orgs/${id}/${active ? 'activate' : 'deactivate'}`, undefined, { headers: ifMatch(version) });

function useOrgMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orgsQueryKey });
      // The users page shows each user's organisation name.
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export const useCreateOrg = () => useOrgMutation(createOrg);
export const useUpdateOrg = () => useOrgMutation(updateOrg);
export const useSetOrgActive = () => useOrgMutation(setOrgActive);
