import type { ComposeSession } from '../contract/session.js';
import { containerRequest, type OneOffOptions } from '../desired/container-request.js';
import { awaitCondition } from '../execute/await-dependency.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner, type RunContext } from '../execute/run-operation.js';
import { observeProject, type ObservedState } from '../observe/observed-state.js';
import type { Plan } from '../plan/operations.js';
import { planImages, type BuildOption, type PullOption } from '../plan/plan-images.js';
import { planUp } from '../plan/plan-up.js';
import { dependenciesOf, withDependencies } from '../plan/service-graph.js';
import { configHashesOf } from './config-hashes.js';
import { containerOfServiceIn } from './container-of-service.js';
import { throwIfFailed } from './failures.js';
import { imageIdsOf } from './project-images.js';
import { imagesWork, up } from './up.js';

export interface OneOffRunOptions {
  service: string;
  /** The one-off's name and the command line's overrides (see one-off-service.ts). */
  oneOff: OneOffOptions;
  /** --no-deps: neither start the service's dependencies nor wait for them. */
  noDependencies: boolean;
  pull: PullOption;
  /** --build (`always`), --no-build (`never`); by default a missing image is built. */
  build?: BuildOption;
  removeOrphans: boolean;
  /** Services the profiles leave out (never orphans). */
  disabledServices: readonly string[];
  signal?: AbortSignal;
}

export interface OneOffContainer {
  id: string;
  name: string;
}

/**
 * The first half of `run`, as Docker Compose's `prepareRun` does it: bring up the service's
 * dependencies (as `up` would, unless --no-deps), make sure the networks and volumes the service
 * uses exist, pull or build its image if it is missing, wait for the conditions its `depends_on` asks, then
 * create the one-off container (labelled `oneoff=True`, container number -1) and join it to its
 * further networks. Starting and attaching are the caller's: they involve the user's terminal.
 */
export async function createOneOff(session: ComposeSession, options: OneOffRunOptions): Promise<OneOffContainer> {
  const { project, client } = session;
  const { service } = options;
  const dependencies = options.noDependencies ? [] : withDependencies(project, [service]).filter((name) => name !== service);
  if (dependencies.length > 0) {
    await up(session, {
      services: dependencies,
      noDependencies: false,
      pull: options.pull,
      build: options.build,
      recreate: 'diverged',
      recreateDependencies: false,
      start: true,
      removeOrphans: options.removeOrphans,
      scale: {},
      renewAnonymousVolumes: false,
      disabledServices: options.disabledServices,
      dryRun: false,
      signal: options.signal,
    });
  }

  const configHashes = configHashesOf(project);
  let observed = await observeProject(client, project.name);
  const context = (state: ObservedState): RunContext => ({
    session,
    observed: state,
    configHashes,
    containerOfService: containerOfServiceIn(project, state),
    signal: options.signal,
  });
  // `up` of the dependencies already warned about orphans and removed them if asked.
  await run(infrastructurePlan(session, service, observed, options, dependencies.length === 0), context(observed), 'run');
  const present = new Set((await imageIdsOf(client, project, [service])).keys());
  const images = planImages(project, [service], present, { pull: options.pull, build: options.build });
  await run(images, context(observed), imagesWork(images));

  observed = await observeProject(client, project.name);
  if (!options.noDependencies) await awaitDependencies(session, service, observed, options.signal);

  const { name, request, extraNetworks } = containerRequest({
    project,
    serviceName: service,
    // Compose gives one-off containers the number -1: they are no replica of the service.
    number: -1,
    configHash: configHashes[service] ?? '',
    workingDir: session.workingDir,
    configFiles: session.configFiles,
    environmentFiles: session.environmentFiles,
    containerOfService: containerOfServiceIn(project, observed),
    oneOff: options.oneOff,
  });
  const created = await client.containers.create(request, { name, platform: project.services[service]?.platform });
  for (const { network, endpoint } of extraNetworks) {
    await client.networks.connect(network, { Container: created.Id, EndpointConfig: endpoint });
  }
  return { id: created.Id, name };
}

/**
 * What `up` would create for the service before its containers (its networks and named volumes),
 * and with --remove-orphans the orphans' removal; the service's own containers are left out.
 */
function infrastructurePlan(session: ComposeSession, service: string, observed: ObservedState, options: OneOffRunOptions, reportOrphans: boolean): Plan {
  const { project } = session;
  const { plan, warnings } = planUp({
    project,
    observed,
    imageIds: new Map(),
    configHashes: {},
    services: [service],
    targets: [service],
    disabledServices: options.disabledServices,
    options: { recreate: 'never', recreateDependencies: false, start: false, removeOrphans: options.removeOrphans && reportOrphans, scale: {} },
  });
  if (reportOrphans) for (const warning of warnings) session.warn(warning);
  const isOrphanStep = (operation: Plan['operations'][number]): boolean =>
    (operation.kind === 'stop-container' || operation.kind === 'remove-container') && project.services[operation.service] === undefined;
  return { operations: plan.operations.filter((operation) => operation.kind === 'create-network' || operation.kind === 'create-volume' || isOrphanStep(operation)) };
}

async function run(plan: Plan, context: RunContext, what: string): Promise<void> {
  if (plan.operations.length === 0) return;
  throwIfFailed(await executePlan(plan, operationRunner(context)), what);
}

/** The conditions the service's `depends_on` sets, met by the dependencies' running containers. */
async function awaitDependencies(session: ComposeSession, service: string, observed: ObservedState, signal: AbortSignal | undefined): Promise<void> {
  const waits = dependenciesOf(session.project, service).flatMap((dependency) =>
    observed.containers
      .filter((container) => container.service === dependency.service && !container.oneOff)
      .map((container) => awaitCondition(session.client, { service: dependency.service, container: container.name }, dependency.condition, { progress: session.progress, signal })),
  );
  await Promise.all(waits);
}
