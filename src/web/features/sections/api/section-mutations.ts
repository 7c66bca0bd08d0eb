import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Section } from '../../../../shared/orgs.js';
import { api } from '../../../lib/api-client';
import { referenceKeys } from '../../../lib/reference-data';

// The list itself is read through lib/reference-data (users and ledgers pick sections too).

export interface SectionInput {
  name: string;
  sortOrder: number;
}

export const createSection = (input: SectionInput) => api.post<Section>('/sections', input);
export const updateSection = ({ id, ...input }: SectionInput & { id: number }) =>
  api.patch<Section>(`/sections/${id}`, input);
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
