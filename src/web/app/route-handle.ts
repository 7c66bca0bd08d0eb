import type { MePolicy } from '../../shared/policies.js';

/** What a route tells the layout: the document title and the user's policy that opens it (GET /api/auth/me). */
export interface RouteHandle {
  title?: string;
  allows?: MePolicy;
}
