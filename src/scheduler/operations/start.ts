import { BerthError } from '../../errors/index.js';
import type { ComposeSession } from '../contract/session.js';
import { desiredReplicas } from '../desired/replicas.js';
import { observeContainers } from '../observe/observed-state.js';
import { startOrder, withDependencies } from '../plan/service-graph.js';
import { changeContainers } from './lifecycle.js';

export interface StartOptions {
  /** The services named (their dependencies are started too); all of the project's when empty. */
  services: readonly string[];
  dryRun?: boolean;
}

/**
 * `start`: starts the existing containers of the services and of what they depend on, in
 * dependency order. It creates nothing: a service that should have containers and has none fails
 * the command before anything starts, in Docker Compose's words.
 */
export async function startServices(session: ComposeSession, options: StartOptions): Promise<{ planText: string; acted: number }> {
  const { project } = session;
  const services = options.services.length > 0 ? withDependencies(project, options.services) : Object.keys(project.services);
  const containers = await observeContainers(session.client, project.name);
  for (const service of startOrder(project, services)) {
    if (desiredReplicas(project.services[service]!) === 0) continue;
    if (containers.some((container) => container.service === service && !container.oneOff)) continue;
    throw new BerthError({
      code: 'NO_CONTAINER_TO_START',
      kind: 'not-found',
      message: `service "${service}" has no container to start`,
      hint: 'start only restarts containers that exist: create them with berth up (or berth create)',
    });
  }
  return changeContainers(session, { kind: 'start' }, { services, dryRun: options.dryRun });
}
