import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type {
  CreateProjectBody,
  PROJECT_DATE_FIELDS,
  PROJECT_SORTS,
  Project,
  ProjectDetail,
  ProjectLevel,
  Sector,
  Stage,
  StageDates,
  Visit,
} from '../../../../shared/projects.js';
import { api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

export type ProjectDateField = (typeof PROJECT_DATE_FIELDS)[number];
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** The list's filters: everything but the page is also what the stage summary counts under. */
export interface ProjectsFilter {
  q?: string;
  stage?: Stage[];
  program?: string;
  level?: ProjectLevel;
  field?: Sector;
  townId?: number;
  managerId?: number;
  enterpriseId?: number;
  dateField: ProjectDateField;
  from?: string;
  to?: string;
}

export interface ProjectsQuery extends ProjectsFilter {
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface StageSummary {
  counts: Record<Stage, number>;
  total: number;
}

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
export interface ProjectFieldsInput {
  title: string;
  enterpriseId: number | null;
  field: Sector;
  program: string | null;
  level: ProjectLevel | null;
  managerId: number | null;
  amountApplied: number | null;
  amountApproved: number | null;
  amountReceived: number | null;
  amountSelfRaised: number | null;
  sourceVisitId: number | null;
  description: string | null;
}

export interface MoveStageInput {
  id: number;
  to: Stage;
  date: string;
  stageDates: StageDates;
  remark: string | null;
}

export const createProject = ({ idempotencyKey, ...input }: CreateProjectBody & Submission) =>
  api.post<ProjectDetail>('/projects', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateProject = ({ id, version, ...input }: ProjectFieldsInput & Versioned) =>
  api.patch<ProjectDetail>(`/projects/${id}`, input, { headers: ifMatch(version) });
export const moveProjectStage = ({ id, version, ...input }: MoveStageInput & Versioned) =>
  api.post<ProjectDetail>(`/projects/${id}/stage`, input, { headers: ifMatch(version) });
export const undoProjectStage = ({ id, version }: Versioned) => api.post<ProjectDetail>(`/projects/${id}/stage/undo`, {}, { headers: ifMatch(version) });
export const deleteProject = (id: number) => api.delete<{ ok: true }>(`/projects/${id}`);

/**
 * Every project change refreshes the list, the summary and the detail; enterprises (their
 * project counts and lists) and visits (their leads) show projects too.
 */
function useProjectMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: projectsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
        queryClient.invalidateQueries({ queryKey: ['visits'] }),
      ]);
    },
  });
}

export const useCreateProject = () => useProjectMutation(createProject);
export const useUpdateProject = () => useProjectMutation(updateProject);
export const useMoveProjectStage = () => useProjectMutation(moveProjectStage);
export const useUndoProjectStage = () => useProjectMutation(undoProjectStage);
/** The deleted project's own page is left before it would be read again (and answer 404). */
export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProject,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'detail' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: projectsQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: projectsQueryKey, predicate: (q) => !isDeleted(q.queryKey) }),
        queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
        queryClient.invalidateQueries({ queryKey: ['visits'] }),
        queryClient.invalidateQueries({ queryKey: ['followups'] }),
      ]);
    },
  });
}

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
