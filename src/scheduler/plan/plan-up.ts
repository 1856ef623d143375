import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { containerName, networkName, volumeName } from '../contract/names.js';
import type { ObservedContainer, ObservedState } from '../observe/observed-state.js';
import type { DependencyCondition } from '../../compose-spec/index.js';
import { desiredReplicas } from '../desired/replicas.js';
import type { Plan } from './operations.js';
import { PlanBuilder } from './plan-builder.js';
import { dependenciesOf, startOrder } from './service-graph.js';
import { serviceImage, serviceNetworkNames, serviceVolumeKeys } from '../desired/service-image.js';
import { orphansOf } from './orphans.js';

/** Dependencies whose container this one shares namespaces or volumes with. */
const sharingVias = new Set(['network_mode', 'ipc', 'pid', 'volumes_from']);

export interface UpPlanOptions {
  /** `diverged` (default): only changed containers; `force`: all (--force-recreate); `never` (--no-recreate). */
  recreate: 'diverged' | 'force' | 'never';
  /** --always-recreate-deps: recreate the dependencies of the named services too. */
  recreateDependencies: boolean;
  /** False for `create` and `up --no-start`. */
  start: boolean;
  removeOrphans: boolean;
  /** --scale SERVICE=N. */
  scale: Readonly<Record<string, number>>;
}

export interface UpPlanInput {
  project: Project;
  observed: ObservedState;
  /** The engine's image id of each image the services use; an image the engine lacks is absent. */
  imageIds: ReadonlyMap<string, string>;
  /** `com.docker.compose.config-hash` of each service. */
  configHashes: Readonly<Record<string, string>>;
  /** The services to converge, dependencies included unless --no-deps. */
  services: readonly string[];
  /** The services the user named (all when none were named). */
  targets: readonly string[];
  /** Services the profiles leave out: still the project's, so never orphans. */
  disabledServices: readonly string[];
  options: UpPlanOptions;
}

export interface PlannedUp {
  plan: Plan;
  warnings: string[];
}

/**
 * What `up` (and `create`) must do to turn the observed state into the project: networks and
 * volumes first, then each service's containers in dependency order, each start waiting for the
 * conditions its service's `depends_on` asks of the services before it.
 */
export function planUp(input: UpPlanInput): PlannedUp {
  const { project, observed, options } = input;
  const plan = new PlanBuilder();
  const problems: string[] = [];
  const warnings: string[] = [];

  const networkOps = new Map<string, number | undefined>();
  const volumeOps = new Map<string, number | undefined>();
  for (const service of input.services) {
    for (const key of Object.keys(project.services[service]?.network_mode === undefined ? project.services[service]?.networks ?? {} : {})) {
      if (networkOps.has(key)) continue;
      const config = project.networks?.[key];
      const name = networkName(project, key);
      if (observed.networks.has(name)) networkOps.set(key, undefined);
      else if (config?.external) problems.push(`network ${name} declared as external, but could not be found`);
      else networkOps.set(key, plan.add({ kind: 'create-network', key, name }, 'not found'));
    }
    for (const key of serviceVolumeKeys(project, service)) {
      if (volumeOps.has(key)) continue;
      const config = project.volumes?.[key];
      const name = volumeName(project, key);
      if (observed.volumes.has(name)) volumeOps.set(key, undefined);
      else if (config?.external) problems.push(`external volume "${name}" not found`);
      else volumeOps.set(key, plan.add({ kind: 'create-volume', key, name }, 'not found'));
    }
  }
  if (problems.length > 0) {
    throw new BerthError({
      code: 'EXTERNAL_RESOURCE_MISSING',
      kind: 'not-found',
      message: problems.join('\n'),
      hint: 'create it first (berth does not create external networks and volumes), or drop `external: true`',
    });
  }

  /** Per service: the ops after which its containers exist, and after which they run. */
  const created = new Map<string, number[]>();
  const running = new Map<string, number[]>();
  const recreatedServices = new Set<string>();
  const awaits = new Map<string, number>();
  /** Per service: its containers' names once the plan has run, for the waits of its dependents. */
  const replicaNames = new Map<string, string[]>();
  const targets = new Set(input.targets);

  for (const service of startOrder(project, input.services)) {
    const config = project.services[service]!;
    const dependencies = dependenciesOf(project, service).filter((dependency) => input.services.includes(dependency.service));
    const infrastructure = [
      ...Object.keys(config.network_mode === undefined ? config.networks ?? {} : {}).map((key) => networkOps.get(key)),
      ...serviceVolumeKeys(project, service).map((key) => volumeOps.get(key)),
      // A container that joins another's namespace or volumes needs that container to exist.
      ...dependencies.filter((dependency) => dependency.via !== 'depends_on').flatMap((dependency) => created.get(dependency.service) ?? []),
    ];
    const waits = options.start ? dependencies.map((dependency) => awaitFor(dependency.service, dependency.condition, dependency.required)) : [];
    const restartOnDependency = dependencies.find((dependency) => dependency.restart && recreatedServices.has(dependency.service));
    // A container inside another's namespaces or volumes cannot outlive that container: the engine
    // resolved `container:NAME` to the old one, so a recreated source means recreating this too.
    const sharedSource = dependencies.find((dependency) => sharingVias.has(dependency.via) && recreatedServices.has(dependency.service));

    const replicas = desiredReplicas(config, options.scale[service]);
    const existing = observed.containers.filter((container) => container.service === service && !container.oneOff);
    const createdOps: number[] = [];
    const runningOps: number[] = [];
    const names: string[] = [];
    const replicaContainers = new Set<ObservedContainer>();
    const forced = options.recreate === 'force' || (options.recreateDependencies && !targets.has(service));
    for (let number = 1; number <= replicas; number += 1) {
      // The name a new container gets; a recreated one takes it too (container_name may have changed).
      const wanted = config.container_name ?? containerName(project.name, service, number);
      const current = replicaContainer(existing, number, wanted);
      if (current) replicaContainers.add(current);
      const divergence = current && options.recreate !== 'never'
        ? (sharedSource ? `${sharedSource.service} was recreated` : divergenceOf(current, service, forced))
        : undefined;
      if (current && divergence === undefined) {
        const { name } = current;
        names.push(name);
        if (isRunning(current) && restartOnDependency && options.start) {
          runningOps.push(plan.add({ kind: 'restart-container', service, name }, `${restartOnDependency.service} was recreated`, waits));
        } else if (isRunning(current) || !options.start) {
          runningOps.push(plan.add({ kind: 'keep-container', service, name }, current.state === 'running' || !options.start ? 'up to date' : current.state));
        } else {
          runningOps.push(plan.add({ kind: 'start-container', service, name }, current.state, waits));
        }
        continue;
      }
      names.push(wanted);
      const replaces = current ? { id: current.id, name: current.name } : undefined;
      const create = plan.add({ kind: 'create-container', service, number, name: wanted, ...(replaces ? { replaces } : {}) }, divergence ?? 'no container', infrastructure);
      if (replaces) recreatedServices.add(service);
      createdOps.push(create);
      runningOps.push(options.start ? plan.add({ kind: 'start-container', service, name: wanted }, current ? 'recreated' : 'created', [create, ...waits]) : create);
    }
    const scaledDown = existing.filter((container) => container.number > replicas).sort((a, b) => b.number - a.number);
    for (const container of scaledDown) stopAndRemove(container, `scaled to ${replicas}`);
    for (const container of existing.filter((item) => item.number >= 1 && item.number <= replicas && !replicaContainers.has(item))) {
      stopAndRemove(container, `duplicate of ${names[container.number - 1]}`);
    }
    replicaNames.set(service, names);
    created.set(service, createdOps);
    running.set(service, runningOps);
  }

  const orphans = orphansOf(observed, project, input.disabledServices);
  if (orphans.length > 0 && options.removeOrphans) {
    for (const orphan of orphans) stopAndRemove(orphan, 'orphan');
  } else if (orphans.length > 0) {
    warnings.push(orphanWarning(orphans));
  }
  return { plan: plan.build(), warnings };

  function awaitFor(service: string, condition: DependencyCondition, required: boolean): number {
    const key = `${service}\0${condition}`;
    const known = awaits.get(key);
    if (known !== undefined) return known;
    const containers = [...(running.get(service) ?? [])];
    const id = plan.add({ kind: 'await-dependency', service, condition, required, containers: replicaNames.get(service) ?? [] }, 'depends_on', containers);
    awaits.set(key, id);
    return id;
  }

  function stopAndRemove(container: ObservedContainer, cause: string): void {
    const stop = isRunning(container) ? plan.add({ kind: 'stop-container', service: container.service, name: container.name }, cause) : undefined;
    plan.add({ kind: 'remove-container', service: container.service, name: container.name, volumes: false }, cause, [stop]);
  }

  function divergenceOf(container: ObservedContainer, service: string, forced: boolean): string | undefined {
    if (forced) return 'forced';
    if (container.configHash !== input.configHashes[service]) return 'config changed';
    const imageId = input.imageIds.get(serviceImage(project, service));
    if (imageId !== undefined && imageId !== container.imageId) return 'image changed';
    const missing = serviceNetworkNames(project, service).filter((name) => !container.networks.includes(name));
    if (missing.length > 0) return `not on network ${missing.join(', ')}`;
    return undefined;
  }
}

/**
 * The container holding replica `number`. An interrupted run can leave several with one number:
 * the one with the replica's own name stays (the others are removed as duplicates), else the first.
 */
function replicaContainer(existing: readonly ObservedContainer[], number: number, name: string): ObservedContainer | undefined {
  const holders = existing.filter((container) => container.number === number);
  return holders.find((container) => container.name === name) ?? holders[0];
}

function isRunning(container: ObservedContainer): boolean {
  return container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
}

export function orphanWarning(orphans: readonly ObservedContainer[]): string {
  return `Found orphan containers ([${orphans.map((orphan) => orphan.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`;
}
