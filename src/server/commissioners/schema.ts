import { z } from 'zod';
import { queryIdSchema } from '../../shared/common.js';
import { evaluationBodySchema } from '../../shared/commissioners.js';

// Server-side schemas of the commissioners API that the shared contract does not hold: the evaluation path.

const yearInPath = z.coerce
  .number({ error: '年份应为数字' })
  .int({ error: '年份应为整数' })
  .min(1990, { error: '年份不正确' })
  .max(2100, { error: '年份不正确' });

export const evaluationParamsSchema = z.object({ id: queryIdSchema, year: yearInPath });

/**
 * The year of an evaluation comes from the path (PUT /commissioners/:id/evaluations/:year); the
 * body may repeat it (the shared evaluationBodySchema has it) but must then say the same year.
 */
export const evaluationPutBodySchema = evaluationBodySchema.partial({ year: true });
