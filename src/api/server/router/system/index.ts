/** The Engine API's system routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SystemBackend {}

export function systemRoutes(_backend: SystemBackend): Route[] {
  return [];
}
