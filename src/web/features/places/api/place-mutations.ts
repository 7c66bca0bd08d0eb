import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Place, placeBodySchema } from '../../../../shared/reference.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { referenceKeys } from '../../../lib/reference-data';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

// The places themselves are read through lib/reference-data (ledgers pick places too).

/** The place form; an update sends every field too (PATCH). */
export type PlaceInput = z.input<typeof placeBodySchema>;

export const createPlace = ({ idempotencyKey, ...input }: PlaceInput & Submission) =>
  api.post<Place>('/places', input, { headers: idempotencyHeader(idempotencyKey) });
export const updatePlace = ({ id, version, ...input }: PlaceInput & Versioned) => api.patch<Place>(`/places/${id}`, input, { headers: ifMatch(version) });
export const deletePlace = (id: number) => api.delete<z.output<typeof okSchema>>(`/places/${id}`);

export const useCreatePlace = () => useInvalidatingMutation(createPlace, [referenceKeys.places]);
export const useUpdatePlace = () => useInvalidatingMutation(updatePlace, [referenceKeys.places]);
export const useDeletePlace = () => useInvalidatingMutation(deletePlace, [referenceKeys.places]);
