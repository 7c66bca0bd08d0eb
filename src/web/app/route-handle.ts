import type { Role } from '../../shared/roles.js';

/** What a route tells the layout: the document title and the roles that may open it. */
export interface RouteHandle {
  title?: string;
  roles?: readonly Role[];
}
