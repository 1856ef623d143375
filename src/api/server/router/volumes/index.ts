/** The Engine API's volumes routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface VolumesBackend {}

export function volumesRoutes(_backend: VolumesBackend): Route[] {
  return [];
}
