/**
 * The Engine API's images routes (moby's api/server/router/image): list, inspect, history, pull
 * and import (`POST /images/create`), push, tag, remove, prune, load and save, and the registry's
 * view of a reference (`/distribution`). Each handler is a thin adapter over src/runtime/images;
 * the ones that change images publish dockerd's image events. Image names may hold slashes
 * (`localhost:5000/library/busybox:1`): `{name*}` takes them, and the fixed paths come before the
 * patterns that would also match them, since the router takes the first route that matches.
 */
import type { ContentStore, ImageUser, RegistryOptions } from '../../../../runtime/images/index.js';
import type { EventSink } from '../../events/event-hub.js';
import type { Route } from '../../http/route.js';
import { loadHandler, saveHandler } from './archive-handlers.js';
import { distributionHandler } from './distribution-handler.js';
import { importHandler } from './import-handler.js';
import { historyHandler, inspectHandler } from './inspect-handlers.js';
import { listHandler } from './list-handler.js';
import { pruneHandler } from './prune-handler.js';
import { pullHandler } from './pull-handler.js';
import { pushHandler } from './push-handler.js';
import { removeHandler } from './remove-handler.js';
import { tagHandler } from './tag-handler.js';

/** What the images routes need of the engine. */
export interface ImagesBackend {
  images: ContentStore;
  /** The daemon's registry settings (mirrors, insecure registries); credentials come with each request. */
  registry: RegistryOptions;
  events: EventSink;
  /** Which container uses an image, for remove's and prune's in-use rule. */
  containers: { imageUser(imageId: string): ImageUser | undefined };
}

export function imagesRoutes(backend: ImagesBackend): Route[] {
  return [
    { method: 'GET', path: '/images/json', handle: (call) => listHandler(backend, call) },
    { method: 'GET', path: '/images/get', handle: (call) => saveHandler(backend, call) },
    { method: 'GET', path: '/images/{name*}/json', handle: (call) => inspectHandler(backend, call) },
    { method: 'GET', path: '/images/{name*}/history', handle: (call) => historyHandler(backend, call) },
    { method: 'GET', path: '/images/{name*}/get', handle: (call) => saveHandler(backend, call) },
    { method: 'POST', path: '/images/create', handle: (call) => (call.query.string('fromImage') ? pullHandler(backend, call) : importHandler(backend, call)) },
    { method: 'POST', path: '/images/load', handle: (call) => loadHandler(backend, call) },
    { method: 'POST', path: '/images/prune', handle: (call) => pruneHandler(backend, call) },
    { method: 'POST', path: '/images/{name*}/push', handle: (call) => pushHandler(backend, call) },
    { method: 'POST', path: '/images/{name*}/tag', handle: (call) => tagHandler(backend, call) },
    { method: 'DELETE', path: '/images/{name*}', handle: (call) => removeHandler(backend, call) },
    { method: 'GET', path: '/distribution/{name*}/json', handle: (call) => distributionHandler(backend, call) },
  ];
}
