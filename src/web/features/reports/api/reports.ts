import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Report,
  Version,
  VersionCompare,
  createReportBodySchema,
  redraftQuerySchema,
  redraftSchema,
  saveVersionBodySchema,
  staleFigureSchema,
  traceRecordSchema,
} from '../../../../shared/reports.js';
import { api } from '../../../lib/api-client';
import { type Submission, idempotencyHeader, ifMatch } from '../../../lib/versions';

// Work summaries (工作总结): drafted from the ledgers for a period and a template, then edited by
// people and kept as numbered versions. Every key sits under ['reports'].

/** A report with its latest version (GET /reports/:id, and what a create answers). */
export type ReportWithLatest = Report & { latest: Version };
/** A version without its text (the versions list). */
export type VersionInfo = Omit<Version, 'doc'>;

/** Which template a redraft uses: the report's own copy as it was drafted, or the template's current version. */
export type RedraftTemplate = z.output<typeof redraftQuerySchema>['template'];

export type Redraft = z.output<typeof redraftSchema>;

export type StaleFigure = z.output<typeof staleFigureSchema>;

export type TraceRecord = z.output<typeof traceRecordSchema>;

export type ExportFormat = 'docx' | 'md' | 'txt';

export const reportsQueryKey = ['reports'] as const;

export const getReports = () => api.get<{ items: Report[] }>('/reports').then((r) => r.items);

export const reportsQueryOptions = () => queryOptions({ queryKey: [...reportsQueryKey, 'list'], queryFn: getReports });

export const useReports = () => useQuery(reportsQueryOptions());

export const getReport = (id: number) => api.get<ReportWithLatest>(`/reports/${id}`);

export const reportQueryOptions = (id: number) => queryOptions({ queryKey: [...reportsQueryKey, 'detail', id], queryFn: () => getReport(id), staleTime: 0 });

export const useReport = (id: number) => useQuery({ ...reportQueryOptions(id), enabled: id > 0 });

export const getVersions = (id: number) => api.get<{ items: VersionInfo[] }>(`/reports/${id}/versions`).then((r) => r.items);

export const useVersions = (id: number, enabled = true) =>
  useQuery({ queryKey: [...reportsQueryKey, 'versions', id], queryFn: () => getVersions(id), enabled: enabled && id > 0, staleTime: 0 });

export const getVersion = (id: number, versionNo: number) => api.get<Version>(`/reports/${id}/versions/${versionNo}`);

export const versionQueryOptions = (id: number, versionNo: number) =>
  // A saved version never changes.
  queryOptions({ queryKey: [...reportsQueryKey, 'version', id, versionNo], queryFn: () => getVersion(id, versionNo), staleTime: Infinity });

export const useVersion = (id: number, versionNo: number | null | undefined) =>
  useQuery({ ...versionQueryOptions(id, versionNo ?? 0), enabled: id > 0 && !!versionNo });

/** What differs between two saved versions, paragraph by paragraph, as the server compares them. */
export const getVersionCompare = (id: number, a: number, b: number) => api.get<VersionCompare>(`/reports/${id}/versions/compare`, { params: { a, b } });

export const useVersionCompare = (id: number, pair: [number, number] | null) =>
  useQuery({
    // Saved versions never change, so neither does their comparison.
    queryKey: [...reportsQueryKey, 'compare', id, pair?.[0], pair?.[1]],
    queryFn: () => getVersionCompare(id, pair![0], pair![1]),
    enabled: id > 0 && !!pair,
    staleTime: Infinity,
  });

/** Figures of a version whose source records have changed since it was drafted. */
export const getStaleFigures = (id: number, versionNo: number) =>
  api.get<{ items: StaleFigure[] }>(`/reports/${id}/versions/${versionNo}/stale`).then((r) => r.items);

export const useStaleFigures = (id: number, versionNo: number | null | undefined) =>
  useQuery({
    queryKey: [...reportsQueryKey, 'stale', id, versionNo],
    queryFn: () => getStaleFigures(id, versionNo!),
    enabled: id > 0 && !!versionNo,
    staleTime: 0,
  });

/** The records a figure counted, each with a label and the page that shows it. */
export const getTrace = (recordType: string, ids: number[]) =>
  api.get<{ items: TraceRecord[] }>('/reports/trace', { params: { recordType, ids: ids.join(',') } }).then((r) => r.items);

export const useTrace = (recordType: string | undefined, ids: number[] | undefined) =>
  useQuery({
    queryKey: [...reportsQueryKey, 'trace', recordType, ids?.join(',')],
    queryFn: () => getTrace(recordType!, ids!),
    enabled: !!recordType && !!ids?.length,
  });

/**
 * Where a version downloads from; the session cookie authorises it. `date` (YYYY-MM-DD) is the Word
 * file's 成文日期 under the signature; without it the server writes the day the version was saved.
 */
export const exportUrl = (id: number, format: ExportFormat, versionNo?: number, date?: string) => {
  const params = new URLSearchParams({ format });
  if (versionNo) params.set('version', String(versionNo));
  if (date && format === 'docx') params.set('date', date);
  return `/api/reports/${id}/export?${params.toString()}`;
};

export type CreateReportInput = z.input<typeof createReportBodySchema>;

export type SaveVersionInput = z.input<typeof saveVersionBodySchema> & { id: number };

export const createReport = ({ idempotencyKey, ...input }: CreateReportInput & Submission) =>
  api.post<ReportWithLatest>('/reports', input, { headers: idempotencyHeader(idempotencyKey) });
export const saveVersion = ({ id, idempotencyKey, ...body }: SaveVersionInput & Submission) =>
  api.post<Version>(`/reports/${id}/versions`, body, { headers: idempotencyHeader(idempotencyKey) });
/** `baseVersion`: the latest version the user saw; restoring over a newer one is a 409. */
export const restoreVersion = ({ id, versionNo, baseVersion }: { id: number; versionNo: number; baseVersion?: number }) =>
  api.post<Version>(`/reports/${id}/versions/${versionNo}/restore`, {}, { headers: baseVersion ? ifMatch(baseVersion) : {} });
export const redraftReport = ({ id, template }: { id: number; template: RedraftTemplate }) =>
  api.post<Redraft>(`/reports/${id}/redraft`, {}, { params: { template } });

/** A new report goes into the cache as it came back, so its editor opens without another request. */
export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: async (report) => {
      queryClient.setQueryData(reportQueryOptions(report.id).queryKey, report);
      await queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'list'] });
    },
  });
}

/** A saved (or restored) version becomes the report's latest: the editor, the list and the versions follow. */
function useVersionMutation<TInput extends { id: number }>(fn: (input: TInput) => Promise<Version>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (version, input) => {
      queryClient.setQueryData(versionQueryOptions(input.id, version.versionNo).queryKey, version);
      queryClient.setQueryData<ReportWithLatest>(reportQueryOptions(input.id).queryKey, (old) =>
        old ? { ...old, title: version.doc.title, latestVersion: version.versionNo, latest: version, updatedAt: version.createdAt } : old,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'versions', input.id] }),
        queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'stale', input.id] }),
      ]);
    },
  });
}

export const useSaveVersion = () => useVersionMutation(saveVersion);
export const useRestoreVersion = () => useVersionMutation(restoreVersion);

/** A redraft is not saved: it is shown, then saved as a new version or discarded. */
export const useRedraft = () => useMutation({ mutationFn: redraftReport });
