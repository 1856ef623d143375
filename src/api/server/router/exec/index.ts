/**
 * The Engine API's exec routes, and attach, which shares their hijacked stdio: as in moby's
 * api/server/router/container (exec.go and the attach handler), thin handlers over the engine's
 * startExec and attach. Exec instances live in the router's ExecStore, as in dockerd's memory.
 */
import type { EngineParts } from '../../engine-parts.js';
import type { Route } from '../../http/route.js';
import { attachContainer } from './attach-container.js';
import { createExec } from './create-exec.js';
import { ExecStore } from './exec-store.js';
import { resizeExec } from './resize-exec.js';
import { startExec } from './start-exec.js';

/** What exec and attach need of the engine: its containers, and the event stream for exec_* and attach events. */
export type ExecBackend = Pick<EngineParts, 'containers' | 'events'>;

export function execRoutes(backend: ExecBackend): Route[] {
  const store = new ExecStore((listener) => backend.containers.subscribe(listener));
  return [
    { method: 'POST', path: '/containers/{id}/exec', handle: (call) => createExec(call, backend, store) },
    { method: 'POST', path: '/exec/{id}/start', handle: (call) => startExec(call, backend, store) },
    { method: 'GET', path: '/exec/{id}/json', handle: (call) => call.sendJson(store.get(call.params.id!).inspect()) },
    { method: 'POST', path: '/exec/{id}/resize', handle: (call) => resizeExec(call, backend, store) },
    { method: 'POST', path: '/containers/{id}/attach', handle: (call) => attachContainer(call, backend) },
  ];
}
