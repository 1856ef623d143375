/** The Engine API's containers routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ContainersBackend {}

export function containersRoutes(_backend: ContainersBackend): Route[] {
  return [];
}
