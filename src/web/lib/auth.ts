import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, Me } from '../../shared/auth.js';
import type { MePolicy } from '../../shared/policies.js';
import { api, ApiError } from './api-client';

// The signed-in user (with what they may do, `policies`) is read by the layout, the home page and the pages, so it lives
// here rather than in a feature.

export const meQueryKey = ['auth', 'me'] as const;

/** The current user, or null when there is no session (a 401 is an answer here, not an error). */
export async function getMe(): Promise<Me | null> {
  try {
    const { user } = await api.get<{ user: Me }>('/auth/me', { skipAuthRedirect: true });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: Infinity,
  });

/** The signed-in user. Only use below the authenticated layout, whose loader guarantees one. */
export function useMe(): Me {
  const { data } = useQuery(meQueryOptions());
  if (!data) throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
  return data;
}

/** Drops every cached answer except the current-user entry. */
function forgetSessionData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
}

/**
 * Marks the session as ended: the authenticated layout sees no user and redirects to /login,
 * keeping the URL to come back to.
 */
export function endSession(queryClient: QueryClient): void {
  queryClient.setQueryData(meQueryKey, null);
  forgetSessionData(queryClient);
}

/** Whether the user may open a page that `allows` names (one of the server's app-wide policies); any page without one. */
export function mayOpen(user: Pick<Me, 'policies'>, allows: MePolicy | undefined): boolean {
  return !allows || user.policies[allows];
}

export function login(body: LoginBody): Promise<{ user: Me }> {
  return api.post<{ user: Me }>('/auth/login', body, { skipAuthRedirect: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user }) => {
      // A different user may sign in on the same tab: drop everything the previous one saw.
      forgetSessionData(queryClient);
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function logout(): Promise<{ ok: true }> {
  return api.post<{ ok: true }>('/auth/logout', {}, { skipAuthRedirect: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Whether or not the server still knew the session, the user is signed out here.
    onSettled: () => endSession(queryClient),
  });
}

/** Where to go after login: only paths inside this app (no `//host` or absolute URLs). */
export function safeRedirectTarget(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

export function loginPath(redirectTo?: string): string {
  if (!redirectTo || redirectTo === '/') return '/login';
  return `/login?redirectTo=${encodeURIComponent(redirectTo)}`;
}
