import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Milestone, MilestoneBody, MilestoneList } from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, idempotencyHeader } from '../../../lib/versions';

// Project milestones (中期检查, 验收检查, 绩效评价 …): recorded and deleted, never edited.

export const milestonesQueryKey = ['milestones'] as const;

/** A project's milestones, latest first, with whether the user may add one. */
export const getProjectMilestones = (projectId: number) => api.get<MilestoneList>(`/projects/${projectId}/milestones`);

export const projectMilestonesQueryOptions = (projectId: number) =>
  queryOptions({
    queryKey: [...milestonesQueryKey, 'project', projectId],
    queryFn: () => getProjectMilestones(projectId),
  });

export const useProjectMilestones = (projectId: number) => useQuery({ ...projectMilestonesQueryOptions(projectId), enabled: projectId > 0 });

export type MilestoneInput = MilestoneBody;

export const createMilestone = ({ projectId, idempotencyKey, ...input }: MilestoneInput & { projectId: number } & Submission) =>
  api.post<Milestone>(`/projects/${projectId}/milestones`, input, { headers: idempotencyHeader(idempotencyKey) });
export const deleteMilestone = (id: number) => api.delete<z.output<typeof okSchema>>(`/milestones/${id}`);

export const useCreateMilestone = () => useInvalidatingMutation(createMilestone, [milestonesQueryKey]);
export const useDeleteMilestone = () => useInvalidatingMutation(deleteMilestone, [milestonesQueryKey]);
