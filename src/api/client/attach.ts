import type { EngineEndpoint } from '../endpoint.js';
import { hijack } from './hijack.js';
import { stdioSession, type StdioSession } from './hijack-session.js';
import type { ByteSource } from './multiplexed-stream.js';

/** An attached container's stdio. Its exit code comes from container wait once output ends. */
export type AttachSession = StdioSession;

export interface AttachOptions {
  /** Attach stdin; the container needs `OpenStdin`, and with `StdinOnce` its stdin closes when ours does. */
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Keep streaming new output until the container exits (otherwise only `logs`, if asked). */
  stream: boolean;
  /** Start with the output the container has already written. */
  logs: boolean;
  /** The container's `Config.Tty`: it decides whether the output is framed. */
  tty: boolean;
  /** Sent as stdin, then half-closed (needs `stdin: true`). */
  input?: ByteSource;
  /** Docker's `detachKeys`, e.g. `ctrl-p,ctrl-q`; the engine's default when left out. */
  detachKeys?: string;
}

/**
 * `POST {apiPrefix}/containers/{id}/attach`. Attach before starting the container to see all of
 * its output and give it stdin from its first read, as `docker run` does.
 */
export async function attachContainer(endpoint: EngineEndpoint, apiPrefix: string, containerId: string, options: AttachOptions): Promise<AttachSession> {
  const query = new URLSearchParams({
    stdin: flag(options.stdin),
    stdout: flag(options.stdout),
    stderr: flag(options.stderr),
    stream: flag(options.stream),
    logs: flag(options.logs),
  });
  if (options.detachKeys !== undefined) query.set('detachKeys', options.detachKeys);
  const path = `${apiPrefix}/containers/${encodeURIComponent(containerId)}/attach?${query.toString()}`;
  const stream = await hijack(endpoint, { method: 'POST', path });
  return stdioSession(stream, options.tty, `container ${containerId.slice(0, 12)}`, options.input);
}

function flag(value: boolean): string {
  return value ? '1' : '0';
}
