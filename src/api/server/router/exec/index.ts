/** The Engine API's exec routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ExecBackend {}

export function execRoutes(_backend: ExecBackend): Route[] {
  return [];
}
