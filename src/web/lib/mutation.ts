import { type QueryClient, type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/** The queries a change makes stale: fixed keys, or keys read from the server's answer and what was sent. */
export type InvalidatedKeys<TResult, TInput> = readonly QueryKey[] | ((result: TResult, input: TInput) => readonly QueryKey[]);

/**
 * A mutation that, once the server has accepted it, refreshes every query under each key (active
 * ones are read again) and settles only after they are, so a form closing on success shows the
 * change. Most writes need nothing more; the keys are prefixes (`['projects']` covers the list,
 * the stage summary and each project's page).
 */
export function useInvalidatingMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>, invalidate: InvalidatedKeys<TResult, TInput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result, input) => invalidateAll(queryClient, typeof invalidate === 'function' ? invalidate(result, input) : invalidate),
  });
}

/** Every query under each key marked stale, the active ones read again; resolves once they are. */
export async function invalidateAll(queryClient: QueryClient, keys: readonly QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

interface DeleteOptions {
  /** The kinds of query, after the root key, that hold the record itself (its page). */
  ownKinds?: readonly string[];
  /** Other ledgers that show the record (an enterprise's visits, a project's follow-ups). */
  alsoInvalidate?: readonly QueryKey[];
}

/**
 * A delete by id. The deleted record's own queries (`[...rootKey, kind, id]` for each of
 * `ownKinds`, `'detail'` by default) are marked stale without being read again: they would answer
 * 404 while the page showing them is being left. Everything else under `rootKey` and under each of
 * `alsoInvalidate` is refreshed as in useInvalidatingMutation.
 */
export function useDeleteMutation<TResult>(fn: (id: number) => Promise<TResult>, rootKey: QueryKey, options: DeleteOptions = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_result, id) => invalidateAfterDelete(queryClient, rootKey, id, options),
  });
}

/** What useDeleteMutation does once record `id` under `rootKey` is deleted. */
export async function invalidateAfterDelete(
  queryClient: QueryClient,
  rootKey: QueryKey,
  id: number,
  { ownKinds = ['detail'], alsoInvalidate = [] }: DeleteOptions = {},
): Promise<void> {
  const depth = rootKey.length;
  const isDeleted = ({ queryKey }: { queryKey: QueryKey }) => ownKinds.includes(queryKey[depth] as string) && queryKey[depth + 1] === id;
  await queryClient.invalidateQueries({ queryKey: rootKey, refetchType: 'none', predicate: isDeleted });
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: rootKey, predicate: (query) => !isDeleted(query) }),
    invalidateAll(queryClient, alsoInvalidate),
  ]);
}
