import { readFileSync, statSync } from 'node:fs';
import { BerthError } from '../../errors/berth-error.js';
import { formatEndpoint, type EngineEndpoint } from '../endpoint.js';

/** Raised by the transport when no answer came in time; a plain marker, turned into the error below. */
export class EngineTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${formatSeconds(timeoutMs)}`);
    this.name = 'EngineTimeout';
  }
}

// berth's own engine (`berth daemon`) is not built yet, so the only engine to point at is a dockerd.
const startHint = "start berth's engine (sudo berth daemon), or point -H, DOCKER_HOST or a context (berth context use) at a running engine's socket";

/**
 * The error for an engine that cannot be reached at all (no socket, nothing listening, no
 * permission, no answer), so that every command fails the same way: where berth looked, why it
 * failed, and what to do about it.
 */
export function engineUnavailable(endpoint: EngineEndpoint, cause: unknown): BerthError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new BerthError({
    code: 'ENGINE_UNAVAILABLE',
    kind: 'unavailable',
    message: `cannot reach the engine at ${formatEndpoint(endpoint)}: ${describeCause(endpoint, cause)}`,
    hint: code === 'EACCES' || code === 'EPERM' ? permissionHint(endpoint) : startHint,
    cause,
  });
}

function describeCause(endpoint: EngineEndpoint, cause: unknown): string {
  if (cause instanceof EngineTimeout) return cause.message;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const where = endpoint.kind === 'unix' ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`;
  switch (code) {
    case 'ENOENT':
      return `no socket at ${where}`;
    case 'ECONNREFUSED':
      return `nothing is listening on ${where} (connection refused)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host ${endpoint.kind === 'tcp' ? endpoint.host : where}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the engine closed the connection before answering';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable (${code})`;
  }
  return cause instanceof Error ? cause.message : String(cause);
}

/** Names the socket's group, since joining it is the usual fix (as with the `docker` group). */
function permissionHint(endpoint: EngineEndpoint): string {
  if (endpoint.kind !== 'unix') return 'check the permissions of the engine endpoint';
  const group = socketGroup(endpoint.socketPath);
  const join = group === undefined ? 'join the group that owns the socket' : `join the group "${group}" that owns the socket (sudo usermod -aG ${group} $USER, then log in again)`;
  return `${join}, or run as root`;
}

function socketGroup(socketPath: string): string | undefined {
  try {
    const gid = statSync(socketPath).gid;
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((entry) => entry.split(':')[2] === String(gid));
    return line?.split(':')[0] ?? String(gid);
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
