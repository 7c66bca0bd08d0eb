import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page, okSchema } from '../../../../shared/common.js';
import type {
  CreateProjectBody,
  PROJECT_DATE_FIELDS,
  Project,
  ProjectDetail,
  Visit,
  listProjectsQuerySchema,
  moveStageBodySchema,
  stageSummarySchema,
  updateProjectBodySchema,
} from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type ProjectDateField = (typeof PROJECT_DATE_FIELDS)[number];

export type ProjectsQuery = ListRequest<typeof listProjectsQuerySchema>;
/** The list's filters: everything but the page is also what the stage summary counts under. */
export type ProjectsFilter = Omit<ProjectsQuery, 'sort' | 'order' | 'page' | 'pageSize'>;

export type StageSummary = z.output<typeof stageSummarySchema>;

export const projectsQueryKey = ['projects'] as const;

export const getProjects = (query: ProjectsQuery) => api.get<Page<Project>>('/projects', { params: { ...query } });

export const projectsQueryOptions = (query: ProjectsQuery) =>
  queryOptions({
    queryKey: [...projectsQueryKey, 'list', query],
    queryFn: () => getProjects(query),
    placeholderData: keepPreviousData,
  });

export const useProjects = (query: ProjectsQuery) => useQuery(projectsQueryOptions(query));

/** Counts per stage under the filters; the server ignores the stage filter here. */
export const getStageSummary = (filter: ProjectsFilter) => api.get<StageSummary>('/projects/stage-summary', { params: { ...filter, stage: undefined } });

export const stageSummaryQueryOptions = (filter: ProjectsFilter) =>
  queryOptions({
    queryKey: [...projectsQueryKey, 'stage-summary', { ...filter, stage: undefined }],
    queryFn: () => getStageSummary(filter),
    placeholderData: keepPreviousData,
  });

export const useStageSummary = (filter: ProjectsFilter) => useQuery(stageSummaryQueryOptions(filter));

export const getProject = (id: number) => api.get<ProjectDetail>(`/projects/${id}`);

export const projectQueryOptions = (id: number) => queryOptions({ queryKey: [...projectsQueryKey, 'detail', id], queryFn: () => getProject(id) });

export const useProject = (id: number) => useQuery({ ...projectQueryOptions(id), enabled: id > 0 });

/** The fields of the project form, as the API takes them (amounts in 万元). */
export type ProjectFieldsInput = Omit<CreateProjectBody, 'stage' | 'stageDates' | 'sectionId'>;

export type MoveStageInput = z.input<typeof moveStageBodySchema> & { id: number };

export const createProject = ({ idempotencyKey, ...input }: CreateProjectBody & Submission) =>
  api.post<ProjectDetail>('/projects', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateProject = ({ id, version, ...input }: z.input<typeof updateProjectBodySchema> & Versioned) =>
  api.patch<ProjectDetail>(`/projects/${id}`, input, { headers: ifMatch(version) });
export const moveProjectStage = ({ id, version, ...input }: MoveStageInput & Versioned) =>
  api.post<ProjectDetail>(`/projects/${id}/stage`, input, { headers: ifMatch(version) });
export const undoProjectStage = ({ id, version }: Versioned) => api.post<ProjectDetail>(`/projects/${id}/stage/undo`, {}, { headers: ifMatch(version) });
export const deleteProject = (id: number) => api.delete<z.output<typeof okSchema>>(`/projects/${id}`);

/**
 * Every project change refreshes the list, the summary and the detail; enterprises (their
 * project counts and lists) and visits (their leads) show projects too.
 */
const changedByProject = [projectsQueryKey, ['enterprises'], ['visits']];

export const useCreateProject = () => useInvalidatingMutation(createProject, changedByProject);
export const useUpdateProject = () => useInvalidatingMutation(updateProject, changedByProject);
export const useMoveProjectStage = () => useInvalidatingMutation(moveProjectStage, changedByProject);
export const useUndoProjectStage = () => useInvalidatingMutation(undoProjectStage, changedByProject);
/** The deleted project's own page is left before it would be read again (and answer 404). */
export const useDeleteProject = () => useDeleteMutation(deleteProject, projectsQueryKey, { alsoInvalidate: [['enterprises'], ['visits'], ['followups']] });

export interface VisitOption {
  id: number;
  visitDate: string;
  purpose: string;
  enterpriseNames: string;
}

/** Recent research visits, for the form's 来源调研 picker. */
export const getRecentVisits = () =>
  api.get<Page<Visit>>('/visits', { params: { order: 'desc', page: 1, pageSize: 100 } }).then((r) =>
    r.items.map((v): VisitOption => ({
      id: v.id,
      visitDate: v.visitDate,
      purpose: v.purpose,
      enterpriseNames: v.enterprises.map((e) => e.name).join('、'),
    })),
  );

export const useRecentVisits = () => useQuery({ queryKey: ['visits', 'recent-options'], queryFn: getRecentVisits, staleTime: 60_000 });

/** One visit, for a 来源调研 that is older than the recent ones. */
export const useVisitOption = (id: number | null | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['visits', 'detail', id],
    queryFn: () => api.get<Visit>(`/visits/${id}`),
    enabled: enabled && !!id,
    select: (v): VisitOption => ({
      id: v.id,
      visitDate: v.visitDate,
      purpose: v.purpose,
      enterpriseNames: v.enterprises.map((e) => e.name).join('、'),
    }),
  });
