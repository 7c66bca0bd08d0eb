import { createBrowserRouter, redirect, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { RouteError } from '../components/errors/route-error';
import { NotFound } from '../components/errors/not-found';
import { AppLoading } from '../components/errors/app-loading';
import { setUnauthorizedHandler } from '../lib/api-client';
import { endSession, loginPath, meQueryOptions, safeRedirectTarget } from '../lib/auth';
import { queryClient } from '../lib/react-query';
import { setupStatusQueryOptions } from '../features/setup/api/setup';
import { AppLayout } from './app-layout';
import { allPages, type NavPage } from './navigation';
import type { RouteHandle } from './route-handle';

async function requireUser({ request }: LoaderFunctionArgs) {
  const user = await queryClient.ensureQueryData(meQueryOptions());
  if (!user) {
    const url = new URL(request.url);
    throw redirect(loginPath(url.pathname + url.search));
  }
  return null;
}

/** While no organisation exists (a first run without the demo) nobody can sign in: the login page sends to /setup. */
async function redirectIfSignedIn({ request }: LoaderFunctionArgs) {
  try {
    const setup = await queryClient.fetchQuery({ ...setupStatusQueryOptions(), staleTime: 0 });
    if (setup.needed) throw redirect('/setup');
    const user = await queryClient.ensureQueryData(meQueryOptions());
    if (user) throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo')));
  } catch (error) {
    if (error instanceof Response) throw error;
    // The server cannot be reached: show the login form anyway; logging in will say why.
  }
  return null;
}

/** /setup only while set-up is open; afterwards it is the login page's place. */
async function requireSetupOpen() {
  try {
    const setup = await queryClient.fetchQuery({ ...setupStatusQueryOptions(), staleTime: 0 });
    if (!setup.needed) throw redirect('/login');
  } catch (error) {
    if (error instanceof Response) throw error;
    // The server cannot be reached: the page shows why and offers to retry.
  }
  return null;
}

function pageRoute(page: NavPage): RouteObject {
  const handle: RouteHandle = { title: page.label, allows: page.allows };
  const lazy = async () => ({ Component: await page.load() });
  return page.path === '/' ? { index: true, handle, lazy } : { path: page.path.slice(1), handle, lazy };
}

export const router = createBrowserRouter([
  {
    path: '/login',
    loader: redirectIfSignedIn,
    handle: { title: '登录' } satisfies RouteHandle,
    lazy: async () => ({ Component: (await import('../features/auth/components/login-page')).LoginPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <AppLoading />,
  },
  {
    path: '/setup',
    loader: requireSetupOpen,
    handle: { title: '初始设置' } satisfies RouteHandle,
    lazy: async () => ({ Component: (await import('../features/setup/components/setup-page')).SetupPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <AppLoading />,
  },
  {
    path: '/',
    id: 'authenticated',
    loader: requireUser,
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <AppLoading />,
    children: [
      {
        // A page that fails keeps the menu and header around its error message.
        errorElement: <RouteError />,
        children: [...allPages().map(pageRoute), { path: '*', element: <NotFound />, handle: { title: '页面不存在' } }],
      },
    ],
  },
]);

// Any 401 outside login means the session has ended: the layout then redirects to /login.
setUnauthorizedHandler(() => endSession(queryClient));
