/**
 * The Engine API's build routes (moby's api/server/router/build): `POST /build`, the classic
 * builder's API that `docker build` with DOCKER_BUILDKIT=0 and berth's own client use, and
 * `POST /build/prune`. The builder itself is src/build; these handlers only read the request,
 * stream the output and publish the tag events.
 */
import type { ContainerEngine } from '../../../../runtime/containers/engine/index.js';
import type { ContentStore, RegistryOptions } from '../../../../runtime/images/index.js';
import type { EventSink } from '../../events/event-hub.js';
import type { Route } from '../../http/route.js';
import { buildHandler } from './build-handler.js';
import { pruneHandler } from './prune-handler.js';

export interface BuildBackend {
  containers: ContainerEngine;
  images: ContentStore;
  registry: RegistryOptions;
  events: EventSink;
  /** `<data-root>/builder`: the layer cache, cache mounts and build scratch. */
  builderRoot: string;
}

export function buildRoutes(backend: BuildBackend): Route[] {
  return [
    { method: 'POST', path: '/build', handle: (call) => buildHandler(backend, call) },
    { method: 'POST', path: '/build/prune', handle: (call) => pruneHandler(backend, call) },
  ];
}
