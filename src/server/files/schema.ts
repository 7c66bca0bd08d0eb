import { z } from 'zod';
import { filePoliciesSchema } from '../../shared/policies.js';

/** What the API tells about a stored file; never its content. */
export const fileMetaSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: filePoliciesSchema,
});
export type FileMeta = z.infer<typeof fileMetaSchema>;
