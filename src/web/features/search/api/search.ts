import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SearchResult } from '../../../../shared/search.js';
import { api } from '../../../lib/api-client';

/** Results per ledger in the header's search box. */
const RESULTS_PER_LEDGER = 5;

export const getSearchResults = (q: string) => api.get<SearchResult>('/search', { params: { q, limit: RESULTS_PER_LEDGER } });

export const searchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['search', q],
    queryFn: () => getSearchResults(q),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** Records of every ledger containing `q` (nothing asked while `q` is empty). */
export const useSearchResults = (q: string) => useQuery(searchQueryOptions(q));
