import { useMemo } from 'react';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import { type CatalogueIndex, indexCatalogue } from '../../../../shared/fact-catalogue.js';
import type {
  FactInfo,
  Template,
  TemplateDefinition,
  factCatalogueSchema,
  previewBodySchema,
  previewSchema,
  slotProblemSchema,
  templateCheckSchema,
} from '../../../../shared/reports.js';
import type { Worklist } from '../../../../shared/worklists.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// Summary templates: sentence patterns whose {slots} name counted facts. The server creates the
// default one (the seed's structure) on first use.

/** A template as the API answers it; its definition is the one the server validated when it was saved. */
export type ReportTemplate = Omit<Template, 'definition'> & { definition: TemplateDefinition };

export type SlotProblem = z.output<typeof slotProblemSchema>;

export type TemplateCheck = z.output<typeof templateCheckSchema>;

export const templatesQueryKey = ['reports', 'templates'] as const;

export const getTemplates = () => api.get<{ items: ReportTemplate[] }>('/report-templates').then((r) => r.items);

export const templatesQueryOptions = () => queryOptions({ queryKey: templatesQueryKey, queryFn: getTemplates });

export const useTemplates = () => useQuery(templatesQueryOptions());

export const checkTemplate = (definition: TemplateDefinition) => api.post<TemplateCheck>('/report-templates/check', definition);
export const createTemplate = ({ definition, idempotencyKey }: { definition: TemplateDefinition } & Submission) =>
  api.post<ReportTemplate>('/report-templates', definition, { headers: idempotencyHeader(idempotencyKey) });
export const updateTemplate = ({ id, version, definition }: Versioned & { definition: TemplateDefinition }) =>
  api.put<ReportTemplate>(`/report-templates/${id}`, definition, { headers: ifMatch(version) });
export const deleteTemplate = (id: number) => api.delete<z.output<typeof okSchema>>(`/report-templates/${id}`);

export const useCreateTemplate = () => useInvalidatingMutation(createTemplate, [templatesQueryKey]);
export const useUpdateTemplate = () => useInvalidatingMutation(updateTemplate, [templatesQueryKey]);
export const useDeleteTemplate = () => useInvalidatingMutation(deleteTemplate, [templatesQueryKey]);

/**
 * The bureau's work lists (name and fields), for the plan settings: which list holds the plan
 * items and which of its fields name the period, the title and the content. Kept under the
 * work lists' key, so a change to a list refreshes it.
 */
export const useWorklistOptions = () =>
  useQuery({
    queryKey: ['worklists', 'report-plan-options'],
    queryFn: () => api.get<{ items: Worklist[] }>('/worklists', { params: { archived: 'no' } }).then((r) => r.items),
    staleTime: 60_000,
  });

// ---------- the fact catalogue and the live preview (the template editor) ----------

export type { FactInfo };
export type FactCatalogue = z.infer<typeof factCatalogueSchema>;
export type PatternPreview = z.infer<typeof previewSchema>;

/** The period (and outreach type) the catalogue's values and the preview are computed for. */
export type FactPeriod = Omit<z.output<typeof previewBodySchema>, 'pattern'>;

export const getFactCatalogue = (period: FactPeriod | null) => api.get<FactCatalogue>('/report-templates/facts', { params: period ? { ...period } : {} });

/**
 * Every fact a template may name, grouped by ledger, with its value for the period (none without
 * one). The previous period's answer stays on screen while the next one loads.
 */
export const useFactCatalogue = (period: FactPeriod | null, enabled = true) =>
  useQuery({
    queryKey: [...templatesQueryKey, 'facts', period?.from ?? null, period?.to ?? null, period?.outreachType ?? null],
    queryFn: () => getFactCatalogue(period),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });

export const previewPattern = (pattern: string, period: FactPeriod) => api.post<PatternPreview>('/report-templates/preview', { pattern, ...period });

/** One sentence pattern as a draft of the period would write it, with its problems; nothing is asked for an empty pattern. */
export const usePatternPreview = (pattern: string, period: FactPeriod | null) =>
  useQuery({
    queryKey: [...templatesQueryKey, 'preview', pattern, period?.from ?? null, period?.to ?? null, period?.outreachType ?? null],
    queryFn: () => previewPattern(pattern, period!),
    enabled: !!period && pattern.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** The bureau's fact catalogue (labels, no values) as an index, to name the facts figures come from; undefined until loaded. */
export function useFactIndex(enabled = true): CatalogueIndex | undefined {
  const catalogue = useFactCatalogue(null, enabled);
  return useMemo(() => (catalogue.data ? indexCatalogue(catalogue.data.items) : undefined), [catalogue.data]);
}
