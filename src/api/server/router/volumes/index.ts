/** The Engine API's volume routes, as moby's api/server/router/volume: list, inspect, create, remove, prune. */
import type { Route } from '../../http/route.js';
import { VolumeHandlers, type VolumesBackend } from './volume-handlers.js';

export type { VolumesBackend } from './volume-handlers.js';

export function volumesRoutes(backend: VolumesBackend): Route[] {
  const handlers = new VolumeHandlers(backend);
  return [
    { method: 'GET', path: '/volumes', handle: (call) => handlers.list(call) },
    { method: 'POST', path: '/volumes/create', handle: (call) => handlers.create(call) },
    { method: 'POST', path: '/volumes/prune', handle: (call) => handlers.prune(call) },
    { method: 'GET', path: '/volumes/{name}', handle: (call) => handlers.inspect(call) },
    { method: 'DELETE', path: '/volumes/{name}', handle: (call) => handlers.remove(call) },
  ];
}
