/** The Engine API's images routes (stub: being built). */
import type { Route } from '../../http/route.js';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ImagesBackend {}

export function imagesRoutes(_backend: ImagesBackend): Route[] {
  return [];
}
