import type { ContainerInspect } from '../../api/index.js';
import { shortName } from './short-name.js';

/** What the services panel says a container is doing, in the words of `docker compose ps`. */
export type ReplicaState = 'created' | 'starting' | 'running' | 'healthy' | 'unhealthy' | 'exited' | 'restarting' | 'paused' | 'removing' | 'dead';

/** One container of a service, as the panel shows it. */
export interface Replica {
  id: string;
  /** `web-1`: the container's name without the project. */
  name: string;
  number: number;
  state: ReplicaState;
  /** Set once the container has exited. */
  exitCode?: number;
  /** The last health check's output, trimmed to its last line, when the container has a check. */
  lastCheck?: string;
  /** Milliseconds since the epoch when the running container started. */
  startedAt?: number;
  /** `127.0.0.1:8080->80` for each published TCP port, `0.0.0.0:53->53/udp` for others. */
  ports: string[];
  /** The image the container was created from, as the compose file named it. */
  image: string;
  restartCount: number;
}

/** A replica from the engine's inspect answer. */
export function replicaOf(inspect: ContainerInspect, projectName: string): Replica {
  const { State: state } = inspect;
  const health = state.Health && state.Health.Status !== 'none' ? state.Health : undefined;
  const lastCheck = health?.Log?.at(-1)?.Output.trim().split('\n').at(-1);
  const startedAt = Date.parse(state.StartedAt);
  return {
    id: inspect.Id,
    name: shortName(projectName, inspect.Name.replace(/^\//, '')),
    number: Number(inspect.Config.Labels['com.docker.compose.container-number'] ?? 0) || 0,
    state: stateOf(inspect),
    ...(state.Status === 'exited' || state.Status === 'dead' ? { exitCode: state.ExitCode } : {}),
    ...(lastCheck ? { lastCheck } : {}),
    ...(state.Running && startedAt > 0 ? { startedAt } : {}),
    ports: publishedPorts(inspect),
    image: inspect.Config.Image,
    restartCount: inspect.RestartCount,
  };
}

function stateOf(inspect: ContainerInspect): ReplicaState {
  const { State: state } = inspect;
  if (state.Status !== 'running') return state.Status;
  switch (state.Health?.Status) {
    case 'starting':
      return 'starting';
    case 'healthy':
      return 'healthy';
    case 'unhealthy':
      return 'unhealthy';
    default:
      return 'running';
  }
}

function publishedPorts(inspect: ContainerInspect): string[] {
  const ports: string[] = [];
  for (const [key, bindings] of Object.entries(inspect.NetworkSettings.Ports ?? {})) {
    for (const binding of bindings ?? []) {
      // Docker lists an IPv4 and an IPv6 binding for each port; the IPv4 one says it all.
      if (binding.HostIp?.includes(':')) continue;
      ports.push(`${binding.HostIp || '0.0.0.0'}:${binding.HostPort ?? ''}->${key.replace(/\/tcp$/, '')}`);
    }
  }
  return [...new Set(ports)].sort();
}

/** `3s`, `4m`, `2h 5m`, `3d`: how long a replica has been up, for a narrow column. */
export function uptime(startedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}

/** A state and its detail as one word or two: `exited (1)`, `restarting`. */
export function stateText(replica: Replica): string {
  return replica.state === 'exited' || replica.state === 'dead' ? `${replica.state} (${replica.exitCode ?? '?'})` : replica.state;
}
