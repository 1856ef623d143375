import { splitReference } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import { progressEvent } from '../contract/progress.js';
import type { ComposeSession } from '../contract/session.js';
import { serviceImage } from '../desired/service-image.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner } from '../execute/run-operation.js';
import type { Plan } from '../plan/operations.js';
import { PlanBuilder } from '../plan/plan-builder.js';
import { planText } from '../plan/plan-text.js';
import { withDependencies } from '../plan/service-graph.js';
import { throwIfFailed } from './failures.js';
import { imageIdsOf } from './project-images.js';

export interface PullServicesOptions {
  /** The services named; all of the project's when empty. */
  services: readonly string[];
  /** --include-deps: the images of the services they depend on too. */
  includeDependencies: boolean;
  /** --policy: overrides each service's `pull_policy`. */
  policy?: 'missing' | 'always';
  /** --ignore-buildable: leave out services that have a `build` section. */
  ignoreBuildable: boolean;
  /** --ignore-pull-failures: report failures as warnings and succeed. */
  ignoreFailures: boolean;
  dryRun: boolean;
  signal?: AbortSignal;
}

/** Why a service's image is not pulled, in Docker Compose's words. */
interface SkippedService {
  service: string;
  reason: string;
}

/**
 * `pull`: each service's image from its registry, as the `pull` command decides (which is not
 * `up`'s way): without a policy every image is pulled again, `missing` skips an image the engine
 * has unless its tag is `latest`, `never` and `build` skip. A failed pull fails the command and
 * names the image and the registry's answer, except for a service that can be built, which gets
 * a warning, and under --ignore-pull-failures.
 */
export async function pullServices(session: ComposeSession, options: PullServicesOptions): Promise<{ planText: string }> {
  const { project } = session;
  const named = options.services.length > 0 ? [...options.services] : Object.keys(project.services);
  const services = options.includeDependencies ? withDependencies(project, named) : named;
  const present = new Set((await imageIdsOf(session.client, project, services)).keys());
  const { plan, skipped } = planServicePulls(project, services, present, options);
  const text = planText(plan);
  if (options.dryRun) return { planText: text };
  for (const { service, reason } of skipped) session.progress(progressEvent('Service', service, 'Skipped', reason || undefined));

  const result = await executePlan(plan, operationRunner({ session, observed: { containers: [], networks: new Map(), volumes: new Map() }, configHashes: {}, containerOfService: () => undefined, signal: options.signal }));
  const buildable = result.failures.filter(({ operation }) => operation.kind === 'pull-image' && project.services[operation.service]?.build !== undefined);
  const fatal = result.failures.filter((failure) => !buildable.includes(failure));
  if (buildable.length > 0) {
    const names = buildable.flatMap(({ operation }) => (operation.kind === 'pull-image' ? [operation.service] : [])).sort();
    session.warn(`Some service image(s) must be built from source by running:\n    berth build ${names.join(' ')}`);
  }
  if (options.ignoreFailures) {
    for (const { error } of fatal) session.warn(error instanceof Error ? error.message : String(error));
    return { planText: text };
  }
  throwIfFailed({ failures: fatal, skipped: [] }, 'pull');
  return { planText: text };
}

/** The pulls to make, one per image (for the first service, alphabetically, that uses it), and the services left out with why. */
export function planServicePulls(
  project: Project,
  services: readonly string[],
  present: ReadonlySet<string>,
  options: Pick<PullServicesOptions, 'policy' | 'ignoreBuildable'>,
): { plan: Plan; skipped: SkippedService[] } {
  const plan = new PlanBuilder();
  const skipped: SkippedService[] = [];
  const pulledBy = new Map<string, string>();
  for (const service of [...services].sort()) {
    const config = project.services[service];
    if (!config) continue;
    const image = config.image;
    if (image === undefined) {
      skipped.push({ service, reason: '- No image to be pulled' });
      continue;
    }
    const policy = options.policy ?? config.pull_policy;
    if (policy === 'never' || policy === 'build') {
      skipped.push({ service, reason: '' });
      continue;
    }
    if ((policy === 'missing' || policy === 'if_not_present') && present.has(serviceImage(project, service)) && !isLatest(image)) {
      skipped.push({ service, reason: '- Image is already present locally' });
      continue;
    }
    if (config.build !== undefined && options.ignoreBuildable) {
      skipped.push({ service, reason: '- Image can be built' });
      continue;
    }
    const other = pulledBy.get(image);
    if (other !== undefined) {
      skipped.push({ service, reason: `- Image is already being pulled by ${other}` });
      continue;
    }
    pulledBy.set(image, service);
    plan.add({ kind: 'pull-image', service, image }, policy === undefined ? 'no pull_policy' : `pull policy ${policy}`);
  }
  return { plan: plan.build(), skipped };
}

/** Compose pulls a `latest` image again even under `missing`: the tag moves. */
function isLatest(image: string): boolean {
  return !image.includes('@') && splitReference(image).tag === 'latest';
}
