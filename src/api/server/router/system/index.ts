/**
 * The Engine API's system routes, as moby's api/server/router/system: `/_ping`, `/version`,
 * `/info`, `/system/df` and `/events`.
 */
import type { EngineParts } from '../../engine-parts.js';
import type { Route } from '../../http/route.js';
import { streamEvents } from './events.js';
import { systemInfo } from './info.js';
import { ping } from './ping.js';
import { runtimeVersionReader } from './runtime-version.js';
import { systemDiskUsage } from './system-df.js';
import { versionResponse } from './version.js';

/** What the system routes need of the engine: counts and sizes of everything, the event stream, the daemon's facts. */
export type SystemBackend = Pick<EngineParts, 'containers' | 'images' | 'volumes' | 'registry' | 'events' | 'facts'>;

export function systemRoutes(backend: SystemBackend): Route[] {
  const runtimeVersion = runtimeVersionReader(backend.facts.runtimePath);
  return [
    { method: 'GET', path: '/_ping', handle: ping },
    { method: 'HEAD', path: '/_ping', handle: ping },
    { method: 'GET', path: '/version', handle: async (call) => call.sendJson(versionResponse(backend.facts, await runtimeVersion())) },
    { method: 'GET', path: '/info', handle: async (call) => call.sendJson(await systemInfo(backend, await runtimeVersion())) },
    { method: 'GET', path: '/system/df', handle: async (call) => call.sendJson(await systemDiskUsage(backend)) },
    { method: 'GET', path: '/events', handle: (call) => streamEvents(call, backend.events) },
  ];
}
