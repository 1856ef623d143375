/**
 * The Engine API's containers routes, as moby's api/server/router/container: list, create,
 * inspect, the lifecycle (start, stop, kill, restart, pause, unpause, wait, remove), logs, top,
 * prune, the archive routes of `docker cp`, and `POST /commit` (moby routes it here too). Each
 * handler reads the request, calls the container engine and answers with Docker's status; the
 * engine's errors carry Docker's texts.
 * Renaming is left out: the engine's records cannot rename a container yet.
 */
import type { EngineParts } from '../../engine-parts.js';
import type { ApiCall, Route } from '../../http/route.js';
import { archiveHandlers } from './archive.js';
import { commitHandler } from './commit.js';
import { createContainer } from './create.js';
import { lifecycleHandlers } from './lifecycle.js';
import { containerLogs } from './logs.js';
import { pruneContainers } from './prune.js';
import { waitContainer } from './wait.js';

/** What the containers routes need: the container engine, the event hub for `prune` and `commit`, the image store for `commit`. */
export type ContainersBackend = Pick<EngineParts, 'containers' | 'events' | 'images'>;

export function containersRoutes(backend: ContainersBackend): Route[] {
  const { containers } = backend;
  const lifecycle = lifecycleHandlers(backend);
  const archive = archiveHandlers(backend);
  return [
    { method: 'GET', path: '/containers/json', handle: (call) => listContainers(call, backend) },
    { method: 'POST', path: '/containers/create', handle: (call) => createContainer(call, backend) },
    { method: 'POST', path: '/containers/prune', handle: (call) => pruneContainers(call, backend) },
    // `size` is not measured: SizeRw and SizeRootFs stay out, as when it is not asked.
    { method: 'GET', path: '/containers/{id}/json', handle: (call) => call.sendJson(containers.inspect(call.params.id!)) },
    { method: 'GET', path: '/containers/{id}/top', handle: async (call) => call.sendJson(await containers.top(call.params.id!, call.query.string('ps_args') || undefined)) },
    { method: 'GET', path: '/containers/{id}/logs', handle: (call) => containerLogs(call, backend) },
    { method: 'POST', path: '/containers/{id}/start', handle: lifecycle.start },
    { method: 'POST', path: '/containers/{id}/stop', handle: lifecycle.stop },
    { method: 'POST', path: '/containers/{id}/restart', handle: lifecycle.restart },
    { method: 'POST', path: '/containers/{id}/kill', handle: lifecycle.kill },
    { method: 'POST', path: '/containers/{id}/pause', handle: lifecycle.pause },
    { method: 'POST', path: '/containers/{id}/unpause', handle: lifecycle.unpause },
    { method: 'POST', path: '/containers/{id}/wait', handle: (call) => waitContainer(call, backend) },
    { method: 'DELETE', path: '/containers/{id}', handle: lifecycle.remove },
    { method: 'HEAD', path: '/containers/{id}/archive', handle: archive.stat },
    { method: 'GET', path: '/containers/{id}/archive', handle: archive.get },
    { method: 'PUT', path: '/containers/{id}/archive', handle: archive.put },
    { method: 'POST', path: '/commit', handle: (call) => commitHandler(call, backend) },
  ];
}

/**
 * `GET /containers/json`: running containers unless `all`; `limit` keeps the N newest, stopped
 * ones included, as dockerd has it; `filters` are the engine's (`docker ps --filter`).
 */
function listContainers(call: ApiCall, { containers }: ContainersBackend): void {
  const limit = call.query.int('limit') ?? 0;
  const found = containers.list({ all: call.query.bool('all') || limit > 0, filters: call.query.filters() });
  call.sendJson(limit > 0 ? found.slice(0, limit) : found);
}
