import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import type { ComposeSession } from '../contract/session.js';
import { serviceImage } from '../desired/service-image.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner, type RunContext } from '../execute/run-operation.js';
import { observeProject, type ObservedState } from '../observe/observed-state.js';
import { planImages, type BuildOption, type PullOption } from '../plan/plan-images.js';
import type { Plan } from '../plan/operations.js';
import { planText } from '../plan/plan-text.js';
import { planUp, type UpPlanOptions } from '../plan/plan-up.js';
import { withDependencies } from '../plan/service-graph.js';
import { configHashesOf } from './config-hashes.js';
import { containerOfServiceIn } from './container-of-service.js';
import { throwIfFailed } from './failures.js';
import { runPlan } from './run-plan.js';
import { imageIdsOf } from './project-images.js';

export interface UpOptions extends UpPlanOptions {
  /** Services named on the command line; all when empty. */
  services: readonly string[];
  /** --no-deps: leave the named services' dependencies alone. */
  noDependencies: boolean;
  pull: PullOption;
  /** --build (`always`), --no-build (`never`); by default the images that are missing are built. */
  build?: BuildOption;
  /** -V, --renew-anon-volumes. */
  renewAnonymousVolumes: boolean;
  /** -t, --timeout: seconds to wait when stopping containers being replaced. */
  stopTimeout?: number;
  /** Services the profiles leave out (never orphans). */
  disabledServices: readonly string[];
  /** Print the plan and change nothing. */
  dryRun: boolean;
  signal?: AbortSignal;
}

export interface UpResult {
  /** The services converged, in the project's terms (dependencies included). */
  services: string[];
  /** The plans, as text: the pulls and builds, then the containers. */
  planText: string;
}

/**
 * What a plain `berth up SERVICE...` asks: dependencies too, images pulled by policy and built
 * when missing, diverged containers recreated, everything started. Callers that converge a
 * service on their own (the TUI's keys, watch) spread their differences over it.
 */
export function defaultUpOptions(services: readonly string[], disabledServices: readonly string[]): UpOptions {
  return {
    services,
    noDependencies: false,
    pull: 'policy',
    build: 'missing',
    recreate: 'diverged',
    recreateDependencies: false,
    start: true,
    removeOrphans: false,
    scale: {},
    renewAnonymousVolumes: false,
    disabledServices,
    dryRun: false,
  };
}

/**
 * `up` and `create`: observe the project once, pull and build the images that are missing (or
 * all, as --pull and --build ask), plan, execute. Returns after every planned step ran; throws
 * one error naming every failed step.
 */
export async function up(session: ComposeSession, options: UpOptions): Promise<UpResult> {
  const { project, client } = session;
  const targets = options.services.length > 0 ? [...options.services] : Object.keys(project.services);
  const services = options.noDependencies ? targets : withDependencies(project, targets);

  const imagesBefore = await imageIdsOf(client, project, services);
  const images = planImages(project, services, new Set(imagesBefore.keys()), { pull: options.pull, build: options.build });
  refuseImagesNeverPulled(project, services, imagesBefore, images);
  if (!options.dryRun && images.operations.length > 0) await runPlan(session, images, imagesWork(images), { signal: options.signal });

  const madeAny = !options.dryRun && images.operations.length > 0;
  const [observed, imageIds] = await Promise.all([observeProject(client, project.name), madeAny ? imageIdsOf(client, project, services) : imagesBefore]);
  const configHashes = configHashesOf(project);
  const { plan, warnings } = planUp({ project, observed, imageIds, configHashes, services, targets, disabledServices: options.disabledServices, options });
  for (const warning of warnings) session.warn(warning);
  // Pulls and builds, if any, come first; `nothing to do` only when neither plan has a step.
  const plans = images.operations.length > 0 ? planText(images) + planText(plan) : planText(plan);
  if (options.dryRun) return { services, planText: plans };

  const result = await executePlan(plan, operationRunner(runContext(session, observed, configHashes, options)));
  throwIfFailed(result, 'up');
  return { services, planText: plans };
}

function runContext(session: ComposeSession, observed: ObservedState, configHashes: Record<string, string>, options: UpOptions): RunContext {
  return {
    session,
    observed,
    configHashes,
    renewAnonymousVolumes: options.renewAnonymousVolumes,
    stopTimeout: options.stopTimeout,
    containerOfService: containerOfServiceIn(session.project, observed),
    signal: options.signal,
  };
}

/** What the image plan does, for its error: `pulling images`, `building images` or both. */
export function imagesWork(plan: Plan): string {
  const pulls = plan.operations.some((operation) => operation.kind === 'pull-image');
  const builds = plan.operations.some((operation) => operation.kind === 'build-image');
  return pulls && builds ? 'pulling and building images' : builds ? 'building images' : 'pulling images';
}

/**
 * An image that is missing and will not be pulled (`--pull never`, `pull_policy: never`) fails
 * `up` before anything is made, so no network is left behind for a stack that cannot start.
 */
function refuseImagesNeverPulled(project: Project, services: readonly string[], present: ReadonlyMap<string, string>, pulls: Plan): void {
  const pulled = new Set(pulls.operations.map((operation) => (operation.kind === 'pull-image' ? operation.image : '')));
  const missing = services
    .filter((service) => project.services[service]?.build === undefined)
    .map((service) => ({ service, image: serviceImage(project, service) }))
    .filter(({ image }) => !present.has(image) && !pulled.has(image));
  if (missing.length === 0) return;
  throw new BerthError({
    code: 'IMAGE_MISSING',
    kind: 'not-found',
    message: missing.map(({ service, image }) => `image ${image} for service ${service} is not on the engine, and the pull policy says never to pull it`).join('\n'),
    hint: 'pull it first (berth pull), or let up pull it (--pull missing, or drop pull_policy: never)',
  });
}
