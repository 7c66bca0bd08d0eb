import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Section } from '../../../../shared/orgs.js';
import { api } from '../../../lib/api-client';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The list itself is read through lib/reference-data (users and ledgers pick sections too).

export interface SectionInput {
  name: string;
  sortOrder: number;
}

export const createSection = ({ idempotencyKey, ...input }: SectionInput & Submission) =>
  api.post<Section>('/sections', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateSection = ({ id, version, ...input }: SectionInput & Versioned) =>
  api.patch<Section>(`/sections/${id}`, input, { headers: ifMatch(version) });
export const deleteSection = (id: number) => api.delete<{ ok: true }>(`/sections/${id}`);

function useSectionMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: referenceKeys.sections });
      // Users show their section's name.
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export const useCreateSection = () => useSectionMutation(createSection);
export const useUpdateSection = () => useSectionMutation(updateSection);
export const useDeleteSection = () => useSectionMutation(deleteSection);
