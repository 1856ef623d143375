/** The Engine API's network routes, as moby's api/server/router/network: list, inspect, create, remove, connect, disconnect, prune. */
import type { Route } from '../../http/route.js';
import { NetworkHandlers, type NetworksBackend } from './network-handlers.js';

export type { NetworksBackend } from './network-handlers.js';

export function networksRoutes(backend: NetworksBackend): Route[] {
  const handlers = new NetworkHandlers(backend);
  return [
    { method: 'GET', path: '/networks', handle: (call) => handlers.list(call) },
    { method: 'POST', path: '/networks/create', handle: (call) => handlers.create(call) },
    { method: 'POST', path: '/networks/prune', handle: (call) => handlers.prune(call) },
    { method: 'GET', path: '/networks/{id}', handle: (call) => handlers.inspect(call) },
    { method: 'DELETE', path: '/networks/{id}', handle: (call) => handlers.remove(call) },
    { method: 'POST', path: '/networks/{id}/connect', handle: (call) => handlers.connect(call) },
    { method: 'POST', path: '/networks/{id}/disconnect', handle: (call) => handlers.disconnect(call) },
  ];
}
