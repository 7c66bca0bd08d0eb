import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Place, PlaceLevel } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The places themselves are read through lib/reference-data (ledgers pick places too).

export interface PlaceInput {
  parentId: number | null;
  level: PlaceLevel;
  name: string;
  code: string | null;
  sortOrder: number;
}

export const createPlace = ({ idempotencyKey, ...input }: PlaceInput & Submission) =>
  api.post<Place>('/places', input, { headers: idempotencyHeader(idempotencyKey) });
export const updatePlace = ({ id, version, ...input }: PlaceInput & Versioned) => api.patch<Place>(`/places/${id}`, input, { headers: ifMatch(version) });
export const deletePlace = (id: number) => api.delete<{ ok: true }>(`/places/${id}`);

function usePlaceMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.places }),
  });
}

export const useCreatePlace = () => usePlaceMutation(createPlace);
export const useUpdatePlace = () => usePlaceMutation(updatePlace);
export const useDeletePlace = () => usePlaceMutation(deletePlace);
