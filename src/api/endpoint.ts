import { usageError } from '../errors/index.js';

/**
 * Where an engine listens: a UNIX socket (berth's daemon, a local dockerd) or plain TCP
 * (`tcp://host:2375`). TLS endpoints are not supported yet and are refused with that reason.
 */
export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number };

/** berth's own engine, started on demand (DESIGN.md section 1). */
export const defaultBerthSocket = '/run/berth/berth.sock';

/** The text form users write and Docker prints: `unix:///run/berth/berth.sock`, `tcp://127.0.0.1:2375`. */
export function formatEndpoint(endpoint: EngineEndpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}

/**
 * Parses a host as `-H`, BERTH_HOST and DOCKER_HOST give it: `unix:///path`, `tcp://host:port`
 * (port 2375 when left out), or a bare absolute socket path.
 */
export function parseEndpoint(value: string, source: string): EngineEndpoint {
  if (value.startsWith('/')) return { kind: 'unix', socketPath: value };
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (socketPath.startsWith('/')) return { kind: 'unix', socketPath };
  } else if (value.startsWith('tcp://')) {
    const match = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(value);
    if (match) {
      const port = match[2] === undefined ? 2375 : Number(match[2]);
      if (port > 0 && port < 65536) return { kind: 'tcp', host: match[1]!.replace(/^\[|\]$/g, ''), port };
    }
  } else if (/^(ssh|npipe|fd|https?):\/\//.test(value)) {
    throw usageError(`engine host ${JSON.stringify(value)} (from ${source}) uses a scheme berth does not support`, 'use unix:///path/to.sock or tcp://host:port');
  }
  throw usageError(`invalid engine host ${JSON.stringify(value)} (from ${source})`, 'write it as unix:///path/to.sock or tcp://host:port');
}
