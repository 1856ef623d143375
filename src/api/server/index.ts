/**
 * The Engine API's server side: berth's daemon answers Docker's clients through it. http/ is the
 * transport (routing, versions, Docker's errors and lenient input, streams and hijacks); each
 * folder of router/ is one resource, as in moby's api/server/router: a narrow Backend interface
 * that the daemon's engine satisfies, a route table, and thin handlers over the runtime.
 */
import { buildRoutes, type BuildBackend } from './router/build/index.js';
import { containersRoutes, type ContainersBackend } from './router/containers/index.js';
import { execRoutes, type ExecBackend } from './router/exec/index.js';
import { imagesRoutes, type ImagesBackend } from './router/images/index.js';
import { networksRoutes, type NetworksBackend } from './router/networks/index.js';
import { systemRoutes, type SystemBackend } from './router/system/index.js';
import { volumesRoutes, type VolumesBackend } from './router/volumes/index.js';
import type { Route } from './http/route.js';

export { createApiServer, type ApiServerOptions } from './http/api-server.js';
export type { ApiCall, Route } from './http/route.js';

/** Everything the routes need of an engine: what berth's daemon hands over. */
export type EngineBackend = ContainersBackend & ExecBackend & ImagesBackend & NetworksBackend & VolumesBackend & SystemBackend & BuildBackend;

/** The whole route table, resource by resource. */
export function engineRoutes(backend: EngineBackend): Route[] {
  return [
    ...systemRoutes(backend),
    ...containersRoutes(backend),
    ...execRoutes(backend),
    ...imagesRoutes(backend),
    ...buildRoutes(backend),
    ...networksRoutes(backend),
    ...volumesRoutes(backend),
  ];
}
