import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Division, ImportDivisionResult, importDivisionBodySchema } from '../../../../shared/divisions.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, idempotencyHeader } from '../../../lib/versions';

/** The division the organisation serves: what 从区划库导入 loads unless another county is chosen. */
export const getOwnDivision = () => api.get<{ division: Division | null }>('/divisions/own').then((r) => r.division);

export const useOwnDivision = (enabled: boolean) => useQuery({ queryKey: ['divisions', 'own'], queryFn: getOwnDivision, enabled, staleTime: 60_000 });

export const importDivision = ({ idempotencyKey, code }: z.input<typeof importDivisionBodySchema> & Submission) =>
  api.post<ImportDivisionResult>('/places/import-division', { code }, { headers: idempotencyHeader(idempotencyKey) });

/** Loads a county's towns and villages into 地名; the place tree is read again afterwards. */
export const useImportDivision = () => useInvalidatingMutation(importDivision, [referenceKeys.places]);
