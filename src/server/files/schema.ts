import { z } from 'zod';

/** What the API tells about a stored file; never its content. */
export const fileMetaSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;
