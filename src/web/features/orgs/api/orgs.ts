import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CreateOrgBody, Org, OrgListItem, UpdateOrgBody } from '../../../../shared/orgs.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

/** GET /api/orgs: the organisations the signed-in user may see, in tree order. (The users page reads the same key.) */
export const orgsQueryKey = ['orgs'] as const;

export const getOrgs = () => api.get<{ items: OrgListItem[] }>('/orgs').then((r) => r.items);
export const orgsQueryOptions = () => queryOptions({ queryKey: orgsQueryKey, queryFn: getOrgs });
export const useOrgs = () => useQuery(orgsQueryOptions());

export type UpdateOrgInput = UpdateOrgBody;

/** A subordinate organisation: by its division (level and, unless typed, name from the national list) or by name and level. */
export const createOrg = ({ idempotencyKey, ...input }: CreateOrgBody & Submission) =>
  api.post<Org>('/orgs', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateOrg = ({ id, version, ...input }: UpdateOrgInput & Versioned) => api.patch<Org>(`/orgs/${id}`, input, { headers: ifMatch(version) });
/** Deactivates (active false) or reactivates an organisation, based on the version the page showed. */
export const setOrgActive = ({ id, version, active }: Versioned & { active: boolean }) =>
  api.post<Org>(`/orgs/${id}/${active ? 'activate' : 'deactivate'}`, undefined, { headers: ifMatch(version) });

/** The users page shows each user's organisation name. */
const changedByOrg = [orgsQueryKey, ['users']];

export const useCreateOrg = () => useInvalidatingMutation(createOrg, changedByOrg);
export const useUpdateOrg = () => useInvalidatingMutation(updateOrg, changedByOrg);
export const useSetOrgActive = () => useInvalidatingMutation(setOrgActive, changedByOrg);
