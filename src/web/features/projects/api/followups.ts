import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type { Followup, FollowupBody } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { projectsQueryKey } from './projects';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export const followupsQueryKey = ['followups'] as const;

/** A project's follow-up records, newest first; a project has at most a few dozen. */
export const getProjectFollowups = (projectId: number) => api.get<Page<Followup>>('/followups', { params: { projectId, page: 1, pageSize: 200 } });

export const projectFollowupsQueryOptions = (projectId: number) =>
  queryOptions({
    queryKey: [...followupsQueryKey, 'project', projectId],
    queryFn: () => getProjectFollowups(projectId),
  });

export const useProjectFollowups = (projectId: number) => useQuery({ ...projectFollowupsQueryOptions(projectId), enabled: projectId > 0 });

/** The follow-up form as the API takes it (PUT replaces every field). */
export type FollowupInput = FollowupBody;

export const createFollowup = ({ projectId, idempotencyKey, ...input }: FollowupInput & { projectId: number } & Submission) =>
  api.post<Followup>(`/projects/${projectId}/followups`, input, { headers: idempotencyHeader(idempotencyKey) });
export const updateFollowup = ({ id, version, ...input }: FollowupInput & Versioned) =>
  api.put<Followup>(`/followups/${id}`, input, { headers: ifMatch(version) });
export const deleteFollowup = (id: number) => api.delete<z.output<typeof okSchema>>(`/followups/${id}`);

/** A follow-up changes the project's 最近跟踪 as well as the follow-up list. */
const changedByFollowup = [followupsQueryKey, projectsQueryKey];

export const useCreateFollowup = () => useInvalidatingMutation(createFollowup, changedByFollowup);
export const useUpdateFollowup = () => useInvalidatingMutation(updateFollowup, changedByFollowup);
export const useDeleteFollowup = () => useInvalidatingMutation(deleteFollowup, changedByFollowup);
