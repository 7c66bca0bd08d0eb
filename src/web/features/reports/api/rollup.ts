import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Rollup, rollupQuerySchema } from '../../../../shared/reports.js';
import { api } from '../../../lib/api-client';
import { reportsQueryKey } from './reports';

// 下属单位主要数据: the main figures of each organisation below a city (or a province) for a period,
// counted as the summary counts them, each with its records (GET /api/reports/rollup).

export const getRollup = (from: string, to: string) => api.get<Rollup>('/reports/rollup', { params: { from, to } });

/** Only leaders and admins of an organisation above others ask (anyone else is refused). */
export const useRollup = (period: z.input<typeof rollupQuerySchema>, enabled: boolean) =>
  useQuery({
    queryKey: [...reportsQueryKey, 'rollup', period.from, period.to],
    queryFn: () => getRollup(period.from, period.to),
    enabled,
  });
