import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { Visit, VisitBody, listVisitsQuerySchema } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type VisitsQuery = ListRequest<typeof listVisitsQuerySchema>;

export const visitsQueryKey = ['visits'] as const;

export const getVisits = (query: VisitsQuery) => api.get<Page<Visit>>('/visits', { params: { ...query } });

export const visitsQueryOptions = (query: VisitsQuery) =>
  queryOptions({
    queryKey: [...visitsQueryKey, 'list', query],
    queryFn: () => getVisits(query),
    placeholderData: keepPreviousData,
  });

export const useVisits = (query: VisitsQuery) => useQuery(visitsQueryOptions(query));

export const getVisit = (id: number) => api.get<Visit>(`/visits/${id}`);

export const visitQueryOptions = (id: number) => queryOptions({ queryKey: [...visitsQueryKey, 'detail', id], queryFn: () => getVisit(id) });

export const useVisit = (id: number) => useQuery({ ...visitQueryOptions(id), enabled: id > 0 });

/** The visit form as the API takes it (PUT replaces every field). */
export type VisitInput = VisitBody;

export const createVisit = ({ idempotencyKey, ...input }: VisitInput & Submission) =>
  api.post<Visit>('/visits', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateVisit = ({ id, version, ...input }: VisitInput & Versioned) => api.put<Visit>(`/visits/${id}`, input, { headers: ifMatch(version) });
export const deleteVisit = (id: number) => api.delete<z.output<typeof okSchema>>(`/visits/${id}`);

/** Enterprises count their visits, and project pages list the visits they relate to. */
const changedByVisit = [visitsQueryKey, ['enterprises'], ['projects']];

export const useCreateVisit = () => useInvalidatingMutation(createVisit, changedByVisit);
export const useUpdateVisit = () => useInvalidatingMutation(updateVisit, changedByVisit);
/** The deleted visit's own page is left before it would be read again (and answer 404). */
export const useDeleteVisit = () => useDeleteMutation(deleteVisit, visitsQueryKey, { alsoInvalidate: [['enterprises'], ['projects']] });
