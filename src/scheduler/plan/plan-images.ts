import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { serviceImage } from '../desired/service-image.js';
import type { Plan } from './operations.js';
import { PlanBuilder } from './plan-builder.js';

/** `up --pull`: `always`, `missing`, `never`, or each service's own `pull_policy` when not given. */
export type PullOption = 'always' | 'missing' | 'never' | 'policy';

/** `up --build` (`always`), `up --no-build` (`never`), or neither: build the images that are missing (`missing`). */
export type BuildOption = 'always' | 'missing' | 'never';

export interface ImagePlanOptions {
  pull: PullOption;
  /** Default `missing`. */
  build?: BuildOption;
}

/**
 * The images to pull and to build before containers are planned, as Compose decides: each image
 * once, for the first service that makes it (services that can build it first, then
 * alphabetically).
 *
 * A service with a `build:` section is built with --build or `pull_policy: build`, and otherwise
 * when its image is missing. When it also names an `image:` that its pull policy would pull, it is
 * pulled first; a failed pull is then only a warning, and the build that follows it runs if the
 * engine still lacks the image. With --no-build nothing is built: an image that only a build
 * could make fails here (IMAGE_NEEDS_BUILD), before anything is changed.
 */
export function planImages(project: Project, services: readonly string[], present: ReadonlySet<string>, options: ImagePlanOptions): Plan {
  const build = options.build ?? 'missing';
  const plan = new PlanBuilder();
  const handled = new Set<string>();
  const unbuilt: string[] = [];
  for (const service of buildersFirst(project, services)) {
    const config = project.services[service]!;
    const image = serviceImage(project, service);
    if (handled.has(image)) continue;
    handled.add(image);
    const policy = options.pull === 'policy' ? normalizePolicy(config.pull_policy) : options.pull;
    const missing = !present.has(image);
    if (config.build !== undefined && build !== 'never') {
      if (build === 'always' || policy === 'build') {
        plan.add({ kind: 'build-image', service, image }, build === 'always' ? '--build' : 'pull policy build');
      } else if (config.image !== undefined && (policy === 'always' || (policy === 'missing' && missing))) {
        const cause = policy === 'always' ? 'pull policy always' : 'not on the engine';
        const pull = plan.add({ kind: 'pull-image', service, image, canBuild: true }, `${cause}; can be built`);
        plan.add({ kind: 'build-image', service, image, ifMissing: true }, cause, [pull]);
      } else if (missing) {
        plan.add({ kind: 'build-image', service, image }, 'not on the engine');
      }
      continue;
    }
    if (config.build !== undefined && missing && (config.image === undefined || policy === 'build')) {
      unbuilt.push(service);
      continue;
    }
    if (policy === 'always' || (policy === 'missing' && missing)) {
      plan.add({ kind: 'pull-image', service, image }, policy === 'always' ? 'pull policy always' : 'not on the engine');
    }
  }
  if (unbuilt.length > 0) throw needsBuild(unbuilt.sort());
  return plan.build();
}

/** Services with a `build:` section first, so an image that one of them builds is not pulled for another; then by name. */
function buildersFirst(project: Project, services: readonly string[]): string[] {
  const builds = (service: string): number => (project.services[service]?.build === undefined ? 1 : 0);
  return [...services].sort((a, b) => builds(a) - builds(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function needsBuild(services: readonly string[]): BerthError {
  const several = services.length > 1;
  return new BerthError({
    code: 'IMAGE_NEEDS_BUILD',
    kind: 'not-found',
    message: `service${several ? 's' : ''} ${services.join(', ')} must be built, and the image${several ? 's are' : ' is'} not on the engine`,
    hint: `drop --no-build so that berth builds ${several ? 'them' : 'it'}, or build first: berth build ${services.join(' ')}`,
  });
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
