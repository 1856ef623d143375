import type { Project } from '../../compose-spec/index.js';
import type { ComposeSession } from '../contract/session.js';
import type { BuildSettings } from '../desired/build-request.js';
import { serviceImage } from '../desired/service-image.js';
import { executePlan } from '../execute/executor.js';
import { operationRunner } from '../execute/run-operation.js';
import type { Plan } from '../plan/operations.js';
import { PlanBuilder } from '../plan/plan-builder.js';
import { planText } from '../plan/plan-text.js';
import { withDependencies } from '../plan/service-graph.js';
import { throwIfFailed } from './failures.js';
import { pushServices } from './push.js';

export interface BuildServicesOptions {
  /** The services named; all of the project's when empty. */
  services: readonly string[];
  /** --with-dependencies: the services they depend on too. */
  withDependencies: boolean;
  /** --build-arg, --no-cache, --pull, -q. */
  settings: BuildSettings;
  /** --push: push the images once built (as `berth push` does). */
  push: boolean;
  dryRun: boolean;
  signal?: AbortSignal;
}

export interface BuildServicesResult {
  planText: string;
  /** Each built service's new image id, in service order. */
  imageIds: Map<string, string>;
}

/**
 * `build`: the images of the services that have a `build:` section, each built whether or not
 * the engine has it (the layer cache makes an unchanged one quick), different services side by
 * side. Services without one are left alone, as in Compose. Every failed build is reported; with
 * `push`, the images are pushed once all are built.
 */
export async function buildServices(session: ComposeSession, options: BuildServicesOptions): Promise<BuildServicesResult> {
  const { project } = session;
  const named = options.services.length > 0 ? [...options.services] : Object.keys(project.services);
  const services = options.withDependencies ? withDependencies(project, named) : named;
  const plan = planBuilds(project, services);
  const built = new Map<string, string>();
  if (options.dryRun) {
    const pushes = options.push ? (await pushServices(session, { services, includeDependencies: false, ignoreFailures: false, dryRun: true })).planText : '';
    return { planText: planText(plan) + pushes, imageIds: built };
  }
  const result = await executePlan(
    plan,
    operationRunner({
      session,
      observed: { containers: [], networks: new Map(), volumes: new Map() },
      configHashes: {},
      containerOfService: () => undefined,
      signal: options.signal,
      buildSettings: options.settings,
      onBuilt: (service, id) => built.set(service, id),
    }),
  );
  throwIfFailed(result, 'build');
  if (options.push) await pushServices(session, { services, includeDependencies: false, ignoreFailures: false, dryRun: false, signal: options.signal });
  const imageIds = new Map([...built].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { planText: planText(plan), imageIds };
}

/** One build per image, for the first service (alphabetically) with a `build:` section that makes it. */
export function planBuilds(project: Project, services: readonly string[]): Plan {
  const plan = new PlanBuilder();
  const images = new Set<string>();
  for (const service of [...services].sort()) {
    if (project.services[service]?.build === undefined) continue;
    const image = serviceImage(project, service);
    if (images.has(image)) continue;
    images.add(image);
    plan.add({ kind: 'build-image', service, image }, 'berth build');
  }
  return plan.build();
}
