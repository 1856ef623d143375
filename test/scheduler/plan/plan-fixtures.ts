import type { ContainerStatus, ContainerSummary, Labels } from '../../../src/api/index.js';
import { loadProject, serviceConfigHash, type Project } from '../../../src/compose-spec/index.js';
import { composeLabels } from '../../../src/scheduler/contract/labels.js';
import { containerName } from '../../../src/scheduler/contract/names.js';
import { serviceImage, serviceNetworkNames } from '../../../src/scheduler/desired/service-image.js';
import { desiredReplicas } from '../../../src/scheduler/desired/replicas.js';
import { configHashesOf } from '../../../src/scheduler/operations/config-hashes.js';
import { observedContainer, type ObservedState } from '../../../src/scheduler/observe/observed-state.js';
import { planDown, type DownPlanOptions } from '../../../src/scheduler/plan/plan-down.js';
import { planLifecycle, type LifecycleAction } from '../../../src/scheduler/plan/plan-lifecycle.js';
import { planText } from '../../../src/scheduler/plan/plan-text.js';
import { planUp, type UpPlanOptions } from '../../../src/scheduler/plan/plan-up.js';
import { withDependencies } from '../../../src/scheduler/plan/service-graph.js';
import { tempProject } from '../../helpers/temp-project.js';

/** The project of `compose.yaml` in a fresh directory named `demo`, so resources are `demo-*` and `demo_*`. */
export async function demoProject(yaml: string): Promise<Project> {
  const directory = tempProject({ 'compose.yaml': yaml }, 'demo');
  return (await loadProject({ workingDir: directory, processEnv: {} })).project;
}

/** The image id the fixtures give an image: readable, and the same in the engine's image list and in containers. */
function imageIdOf(image: string): string {
  return `sha256:id-of-${image}`;
}

/** The engine's id of every image the project's services use, as if all were present. */
export function imageIdsOf(project: Project): Map<string, string> {
  return new Map(Object.keys(project.services).map((service) => [serviceImage(project, service), imageIdOf(serviceImage(project, service))]));
}

/** A container's id: its name without punctuation, padded, so the 12 characters a plan shows are readable (`demoweb10000`). */
function containerIdOf(name: string): string {
  return name.replace(/[^a-z0-9]/g, '').padEnd(64, '0');
}

export interface ContainerFixture {
  state?: ContainerStatus;
  /** Defaults to the hash of the service in the fixture's project: the container is up to date. */
  configHash?: string;
  /** Defaults to `imageIdOf` the service's image. */
  imageId?: string;
  /** Engine network names; defaults to the service's networks. */
  networks?: string[];
  name?: string;
  oneOff?: boolean;
}

/**
 * Observed state written by hand, from the point of view of one project: containers carry the
 * labels `up` gives them and pass through the same `observedContainer` the scheduler uses.
 * Services the project does not define (orphans) get the given name and made-up values.
 */
export class ObservedFixture {
  private readonly summaries: ContainerSummary[] = [];
  private readonly networks = new Map<string, Labels>();
  private readonly volumes = new Map<string, Labels>();

  constructor(private readonly project: Project) {}

  /** What a plain `up` of the project leaves: its networks and volumes, and each replica running. */
  static upped(project: Project): ObservedFixture {
    const fixture = new ObservedFixture(project);
    for (const [key, config] of Object.entries(project.networks ?? {})) if (!config.external) fixture.network(config.name ?? `${project.name}_${key}`);
    for (const [key, config] of Object.entries(project.volumes ?? {})) if (!config.external) fixture.volume(config.name ?? `${project.name}_${key}`);
    for (const [service, config] of Object.entries(project.services)) {
      for (let number = 1; number <= desiredReplicas(config); number += 1) fixture.container(service, number);
    }
    return fixture;
  }

  container(service: string, number = 1, fixture: ContainerFixture = {}): this {
    const config = this.project.services[service];
    const name = fixture.name ?? config?.container_name ?? containerName(this.project.name, service, number);
    const image = config ? serviceImage(this.project, service) : 'orphan-image';
    const state = fixture.state ?? 'running';
    const labels: Labels = {
      [composeLabels.project]: this.project.name,
      [composeLabels.service]: service,
      [composeLabels.containerNumber]: String(number),
      [composeLabels.oneoff]: fixture.oneOff ? 'True' : 'False',
      [composeLabels.configHash]: fixture.configHash ?? (config ? serviceConfigHash(config) : 'orphan-hash'),
    };
    const networks = fixture.networks ?? serviceNetworkNames(this.project, service);
    this.summaries.push({
      Id: containerIdOf(name),
      Names: [`/${name}`],
      Image: image,
      ImageID: fixture.imageId ?? imageIdOf(image),
      Command: '',
      Created: 0,
      Ports: [],
      Labels: labels,
      State: state,
      Status: state === 'running' ? 'Up 5 minutes' : 'Exited (0) 5 minutes ago',
      HostConfig: { NetworkMode: networks[0] ?? 'none' },
      NetworkSettings: { Networks: Object.fromEntries(networks.map((network) => [network, {}])) },
      Mounts: [],
    });
    return this;
  }

  /** A network by engine name, labelled as the project's unless `project` is null (someone else's, e.g. external). */
  network(name: string, project: string | null = this.project.name): this {
    this.networks.set(name, project === null ? {} : { [composeLabels.project]: project });
    return this;
  }

  volume(name: string, project: string | null = this.project.name): this {
    this.volumes.set(name, project === null ? {} : { [composeLabels.project]: project });
    return this;
  }

  /** Drops what was added for a service: containers, or (by engine name) a network or volume. */
  without(name: string): this {
    this.networks.delete(name);
    this.volumes.delete(name);
    for (let index = this.summaries.length - 1; index >= 0; index -= 1) {
      if (this.summaries[index]!.Labels[composeLabels.service] === name) this.summaries.splice(index, 1);
    }
    return this;
  }

  build(): ObservedState {
    // observeProject's order: by service, then number, then name.
    const containers = this.summaries.map(observedContainer).sort((a, b) =>
      a.service === b.service ? a.number - b.number || a.name.localeCompare(b.name) : a.service.localeCompare(b.service));
    return {
      containers,
      networks: new Map([...this.networks].map(([name, labels]) => [name, { id: `network-${name}`, name, labels }])),
      volumes: new Map([...this.volumes].map(([name, labels]) => [name, { name, labels }])),
    };
  }
}

export interface UpFixture {
  /** Services named on the command line; all when absent. */
  targets?: string[];
  /** --no-deps. */
  noDependencies?: boolean;
  options?: Partial<UpPlanOptions>;
  imageIds?: ReadonlyMap<string, string>;
  disabledServices?: string[];
}

/** `planUp` as `berth up` calls it, with up's default options unless the fixture says otherwise. */
export function upPlan(project: Project, observed: ObservedState, fixture: UpFixture = {}): { text: string; warnings: string[] } {
  const targets = fixture.targets ?? Object.keys(project.services);
  const { plan, warnings } = planUp({
    project,
    observed,
    imageIds: fixture.imageIds ?? imageIdsOf(project),
    configHashes: configHashesOf(project),
    services: fixture.noDependencies ? targets : withDependencies(project, targets),
    targets,
    disabledServices: fixture.disabledServices ?? [],
    options: { recreate: 'diverged', recreateDependencies: false, start: true, removeOrphans: false, scale: {}, ...fixture.options },
  });
  return { text: planText(plan), warnings };
}

/** `planDown` as `berth down` calls it: everything, no -v, no --rmi, unless the fixture says otherwise. */
export function downPlan(project: Project, observed: ObservedState, options: Partial<DownPlanOptions> = {}, disabledServices: string[] = []): { text: string; warnings: string[] } {
  const { plan, warnings } = planDown({ project, observed, disabledServices, options: { services: [], volumes: false, removeOrphans: false, ...options } });
  return { text: planText(plan), warnings };
}

/** `planLifecycle` on the fixture's containers; `services` defaults to all of the project's. */
export function lifecyclePlan(project: Project, observed: ObservedState, action: LifecycleAction, services: string[] = Object.keys(project.services)): string {
  return planText(planLifecycle(project, observed.containers, services, action));
}
