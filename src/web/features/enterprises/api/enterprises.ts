import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { Enterprise, EnterpriseBody, EnterpriseDetail, createEnterpriseBodySchema, listEnterprisesQuerySchema } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type EnterprisesQuery = ListRequest<typeof listEnterprisesQuerySchema>;

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

/** The enterprise form as the API takes it (PUT replaces every field). */
export type EnterpriseInput = EnterpriseBody;

export const createEnterprise = ({ idempotencyKey, ...input }: z.input<typeof createEnterpriseBodySchema> & Submission) =>
  api.post<Enterprise>('/enterprises', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateEnterprise = ({ id, version, ...input }: EnterpriseInput & Versioned) =>
  api.put<Enterprise>(`/enterprises/${id}`, input, { headers: ifMatch(version) });
export const deleteEnterprise = (id: number) => api.delete<z.output<typeof okSchema>>(`/enterprises/${id}`);

/** A renamed enterprise shows under its new name in project and visit lists too. */
const changedByEnterprise = [enterprisesQueryKey, ['projects'], ['visits']];

export const useCreateEnterprise = () => useInvalidatingMutation(createEnterprise, changedByEnterprise);
export const useUpdateEnterprise = () => useInvalidatingMutation(updateEnterprise, changedByEnterprise);
/** The deleted enterprise's own page is left before it would be read again (and answer 404). */
export const useDeleteEnterprise = () => useDeleteMutation(deleteEnterprise, enterprisesQueryKey, { alsoInvalidate: [['visits']] });
