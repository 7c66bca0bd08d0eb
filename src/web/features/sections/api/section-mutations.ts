import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Section, sectionBodySchema } from '../../../../shared/orgs.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The list itself is read through lib/reference-data (users and ledgers pick sections too).

export type SectionInput = z.input<typeof sectionBodySchema>;

export const createSection = ({ idempotencyKey, ...input }: SectionInput & Submission) =>
  api.post<Section>('/sections', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateSection = ({ id, version, ...input }: SectionInput & Versioned) =>
  api.patch<Section>(`/sections/${id}`, input, { headers: ifMatch(version) });
export const deleteSection = (id: number) => api.delete<z.output<typeof okSchema>>(`/sections/${id}`);

/** Users show their section's name. */
const changedBySection = [referenceKeys.sections, ['users']];

export const useCreateSection = () => useInvalidatingMutation(createSection, changedBySection);
export const useUpdateSection = () => useInvalidatingMutation(updateSection, changedBySection);
export const useDeleteSection = () => useInvalidatingMutation(deleteSection, changedBySection);
