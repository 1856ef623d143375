import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import type { Plan } from './operations.js';
import { PlanBuilder } from './plan-builder.js';
import { serviceImage } from '../desired/service-image.js';

/** `up --pull`: `always`, `missing`, `never`, or each service's own `pull_policy` when not given. */
export type PullOption = 'always' | 'missing' | 'never' | 'policy';

/**
 * Which images to pull before containers are planned: each image once, for the first service
 * (alphabetically) that needs it. A service that must be built and is not yet fails here, since
 * berth cannot build images yet.
 */
export function planPulls(project: Project, services: readonly string[], present: ReadonlySet<string>, pull: PullOption, ignoreBuildable = false): Plan {
  const plan = new PlanBuilder();
  const planned = new Set<string>();
  const unbuilt: string[] = [];
  for (const service of [...services].sort()) {
    const config = project.services[service]!;
    const image = serviceImage(project, service);
    if (planned.has(image)) continue;
    const policy = pull === 'policy' ? normalizePolicy(config.pull_policy) : pull;
    const buildOnly = config.image === undefined || policy === 'build';
    if (buildOnly && config.build !== undefined) {
      if (!present.has(image) && !ignoreBuildable) unbuilt.push(service);
      continue;
    }
    if (policy === 'always' || (policy === 'missing' && !present.has(image))) {
      planned.add(image);
      plan.add({ kind: 'pull-image', service, image }, policy === 'always' ? 'pull policy always' : 'not on the engine');
    }
  }
  if (unbuilt.length > 0) {
    throw new BerthError({
      code: 'IMAGE_NEEDS_BUILD',
      kind: 'not-found',
      message: `service${unbuilt.length > 1 ? 's' : ''} ${unbuilt.join(', ')} must be built, and the image${unbuilt.length > 1 ? 's are' : ' is'} not on the engine`,
      hint: 'building images is not available in berth yet: build with another tool and tag the image as the service\'s `image:`, or point berth at an engine that has it',
    });
  }
  return plan.build();
}

/** compose-go's pull policies: `if_not_present` is `missing`; a duration-style `every_12h` counts as `missing`. */
function normalizePolicy(policy: string | undefined): 'always' | 'missing' | 'never' | 'build' {
  switch (policy) {
    case 'always': return 'always';
    case 'never': return 'never';
    case 'build': return 'build';
    default: return 'missing';
  }
}
