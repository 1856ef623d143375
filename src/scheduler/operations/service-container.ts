import type { EngineClient } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import { observeContainers, type ObservedContainer } from '../observe/observed-state.js';

/** Which containers of a service a command that acts on "the service's container" considers. */
export interface ServiceContainerQuery {
  /** `--index`: the replica with that number; otherwise every replica, lowest number first. */
  index?: number;
  /** `include`: `berth run` containers count too (after the service's own, as Compose orders them). */
  oneOffs: 'include' | 'exclude';
  /** Stopped containers too (`cp`); only running ones otherwise (`exec`). */
  stopped: boolean;
}

/** The service's containers that match, the service's own replicas by number first, one-offs after. */
export async function serviceContainers(client: EngineClient, projectName: string, service: string, query: ServiceContainerQuery): Promise<ObservedContainer[]> {
  const containers = await observeContainers(client, projectName, service);
  return containers
    .filter((container) => query.oneOffs === 'include' || !container.oneOff)
    .filter((container) => query.stopped || isUp(container))
    .filter((container) => query.index === undefined || (!container.oneOff && container.number === query.index))
    .sort((a, b) => Number(a.oneOff) - Number(b.oneOff) || a.number - b.number);
}

/**
 * The one container `exec` (and `cp --index`) acts on: the given replica, or the first. Fails as
 * Docker Compose does: `service "web" is not running`, or `... is not running container #2`.
 */
export async function serviceContainer(client: EngineClient, projectName: string, service: string, query: ServiceContainerQuery): Promise<ObservedContainer> {
  const [first] = await serviceContainers(client, projectName, service, query);
  if (first) return first;
  throw new BerthError({
    code: 'SERVICE_NOT_RUNNING',
    kind: 'not-found',
    message: query.index === undefined ? `service "${service}" is not running` : `service "${service}" is not running container #${query.index}`,
    hint: `start it first: berth up -d ${service}`,
  });
}

/** What `docker ps` without `-a` lists: containers whose process exists. */
function isUp(container: ObservedContainer): boolean {
  return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}
