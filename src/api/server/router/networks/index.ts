/** The Engine API's networks routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface NetworksBackend {}

export function networksRoutes(_backend: NetworksBackend): Route[] {
  return [];
}
