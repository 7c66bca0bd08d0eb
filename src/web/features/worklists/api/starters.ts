import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CreateStartersBody, Starter } from '../../../../shared/starters.js';
import type { Worklist } from '../../../../shared/worklists.js';
import { api } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, idempotencyHeader } from '../../../lib/versions';
import { worklistsQueryKey } from './worklists';

// Starter work lists (常用台账): the ready-made lists a bureau may add, each marked when the bureau
// already has it. Kept under the work lists' key, so adding or removing a list refreshes them.

export const getStarters = () => api.get<{ items: Starter[] }>('/worklists/starters').then((r) => r.items);

export const startersQueryOptions = () => queryOptions({ queryKey: [...worklistsQueryKey, 'starters'], queryFn: getStarters });

export const useStarters = (enabled = true) => useQuery({ ...startersQueryOptions(), enabled });

export const createStarters = ({ keys, idempotencyKey }: CreateStartersBody & Submission) =>
  api.post<{ items: Worklist[] }>('/worklists/starters', { keys }, { headers: idempotencyHeader(idempotencyKey) }).then((r) => r.items);

export const useCreateStarters = () => useInvalidatingMutation(createStarters, [worklistsQueryKey]);
