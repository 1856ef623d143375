import type { Project } from '../../compose-spec/index.js';
import { composeLabels } from '../contract/labels.js';
import { networkName, volumeName } from '../contract/names.js';
import type { ObservedContainer, ObservedState } from '../observe/observed-state.js';
import type { Plan } from './operations.js';
import { PlanBuilder } from './plan-builder.js';
import { orphansOf } from './orphans.js';
import { orphanWarning } from './plan-up.js';
import { dependentsOf, startOrder } from './service-graph.js';
import { serviceImage } from '../desired/service-image.js';

export interface DownPlanOptions {
  /** Only these services' containers, leaving networks and volumes that others may use; all when empty. */
  services: readonly string[];
  /** -v: the project's named volumes and the containers' anonymous volumes too. */
  volumes: boolean;
  /** --rmi: `all` images of the services, or `local` ones (built, without an `image:`). */
  removeImages?: 'local' | 'all';
  removeOrphans: boolean;
}

export interface DownPlanInput {
  project: Project;
  observed: ObservedState;
  disabledServices: readonly string[];
  options: DownPlanOptions;
}

/**
 * What `down` must do: stop each container after the containers that depend on it (the reverse
 * of start order), remove it, then the project's networks and, with -v, volumes. Only resources
 * carrying the project's label are touched; what is already gone is not planned, so `down` twice
 * is the same as once.
 */
export function planDown(input: DownPlanInput): { plan: Plan; warnings: string[] } {
  const { project, observed, options } = input;
  const plan = new PlanBuilder();
  const warnings: string[] = [];
  const orphans = orphansOf(observed, project, input.disabledServices);
  const orphanIds = new Set(orphans.map((orphan) => orphan.id));
  if (orphans.length > 0 && !options.removeOrphans) warnings.push(orphanWarning(orphans));

  const partial = options.services.length > 0;
  const removing = observed.containers.filter((container) =>
    partial ? options.services.includes(container.service) : !orphanIds.has(container.id) || options.removeOrphans);
  const services = Object.keys(project.services);
  const order = startOrder(project, services).reverse();
  const stopped = new Map<string, number[]>();
  const removals: number[] = [];
  const byService = (service: string): ObservedContainer[] => removing.filter((container) => container.service === service);

  const stopAndRemove = (container: ObservedContainer, after: number[], cause: string): number[] => {
    const stop = isStopped(container) ? undefined : plan.add({ kind: 'stop-container', service: container.service, name: container.name }, cause, after);
    removals.push(plan.add({ kind: 'remove-container', service: container.service, name: container.name, volumes: options.volumes }, cause, [stop ?? 0, ...after].filter(Boolean)));
    return stop === undefined ? [] : [stop];
  };
  // Orphans and one-off containers first: nothing in the project waits for them.
  for (const container of removing.filter((item) => orphanIds.has(item.id))) stopAndRemove(container, [], 'orphan');
  for (const service of order) {
    const after = dependentsOf(project, service, services).flatMap((dependent) => stopped.get(dependent) ?? []);
    const stops: number[] = [];
    for (const container of byService(service)) stops.push(...stopAndRemove(container, after, container.oneOff ? 'one-off' : 'down'));
    // A service with nothing to stop passes its dependents' stops on, so the order stays transitive.
    stopped.set(service, stops.length > 0 ? stops : after);
  }

  if (partial) return { plan: plan.build(), warnings };
  for (const [key, config] of Object.entries(project.networks ?? {})) {
    const network = observed.networks.get(networkName(project, key));
    if (!config.external && network && network.labels[composeLabels.project] === project.name) {
      plan.add({ kind: 'remove-network', name: network.name }, 'down', removals);
    }
  }
  if (options.volumes) {
    for (const [key, config] of Object.entries(project.volumes ?? {})) {
      const volume = observed.volumes.get(volumeName(project, key));
      if (!config.external && volume && volume.labels[composeLabels.project] === project.name) {
        plan.add({ kind: 'remove-volume', name: volume.name }, 'down -v', removals);
      }
    }
  }
  if (options.removeImages) {
    const images = new Set<string>();
    for (const service of [...services].sort()) {
      if (options.removeImages === 'all' || project.services[service]!.image === undefined) images.add(serviceImage(project, service));
    }
    for (const image of images) plan.add({ kind: 'remove-image', image }, `--rmi ${options.removeImages}`, removals);
  }
  return { plan: plan.build(), warnings };
}

function isStopped(container: ObservedContainer): boolean {
  return container.state === 'exited' || container.state === 'created' || container.state === 'dead';
}
