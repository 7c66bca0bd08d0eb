import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { Followup, FollowupKind } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
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

export interface FollowupInput {
  followupDate: string;
  staffId: number;
  kind: FollowupKind;
  found: string | null;
  solved: string | null;
  openProblems: string | null;
}

export const createFollowup = ({ projectId, idempotencyKey, ...input }: FollowupInput & { projectId: number } & Submission) =>
  api.post<Followup>(`/projects/${projectId}/followups`, input, { headers: idempotencyHeader(idempotencyKey) });
export const updateFollowup = ({ id, version, ...input }: FollowupInput & Versioned) =>
  api.put<Followup>(`/followups/${id}`, input, { headers: ifMatch(version) });
export const deleteFollowup = (id: number) => api.delete<{ ok: true }>(`/followups/${id}`);

/** A follow-up changes the project's 最近跟踪 as well as the follow-up list. */
function useFollowupMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: followupsQueryKey }), queryClient.invalidateQueries({ queryKey: projectsQueryKey })]);
    },
  });
}

export const useCreateFollowup = () => useFollowupMutation(createFollowup);
export const useUpdateFollowup = () => useFollowupMutation(updateFollowup);
export const useDeleteFollowup = () => useFollowupMutation(deleteFollowup);
