import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetupBody, SetupResult, SetupStatus } from '../../../../shared/setup.js';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/auth';

export const setupStatusQueryKey = ['setup', 'status'] as const;

/** Whether the first-run set-up is still open (no organisation yet), and what it offers. */
export const getSetupStatus = () => api.get<SetupStatus>('/setup', { skipAuthRedirect: true });

/**
 * The router's loaders read it afresh on every visit of /login and /setup (set-up may be done
 * elsewhere, by the CLI); the page then uses what its loader just read.
 */
export const setupStatusQueryOptions = () => queryOptions({ queryKey: setupStatusQueryKey, queryFn: getSetupStatus, staleTime: 10_000 });

export const runSetup = (body: SetupBody) => api.post<SetupResult>('/setup', body, { skipAuthRedirect: true });

/** Marks set-up as done in the cache, so the login page no longer sends anyone back to /setup. */
export function markSetupDone(queryClient: ReturnType<typeof useQueryClient>): void {
  queryClient.setQueryData<SetupStatus>(setupStatusQueryKey, (status) => (status ? { ...status, needed: false } : status));
}

export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runSetup,
    // The server signed the new admin in: the app continues as them.
    onSuccess: ({ user }) => {
      markSetupDone(queryClient);
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
