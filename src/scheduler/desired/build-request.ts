import { isAbsolute } from 'node:path';
import type { ImageBuildOptions } from '../../api/index.js';
import type { DockerfileOption } from '../../build/context/index.js';
import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { composeLabels, composeVersionLabel } from '../contract/labels.js';
import { mergeBuildArgs } from './build-args.js';
import { buildPlatform } from './build-platform.js';
import { resolveBuildSecrets, type SecretSources } from './build-secrets.js';
import { serviceImage } from './service-image.js';

/** What the command line adds to every build (`berth build`'s flags; `up` sets none). */
export interface BuildSettings {
  /** --build-arg: over the compose file's `args`; null takes the environment's value. */
  args?: Readonly<Record<string, string | null>>;
  /** --no-cache, or the service's `build.no_cache`. */
  noCache?: boolean;
  /** --pull, or the service's `build.pull`. */
  pull?: boolean;
  /** -q: the engine writes only the image id. */
  quiet?: boolean;
}

/** One service's build: where its context is, which Dockerfile, and what `POST /build` is asked. */
export interface BuildRequest {
  service: string;
  /** The image the service runs, tagged first: `image:` or `<project>-<service>`. */
  image: string;
  /** The context directory, absolute. */
  context: string;
  dockerfile: DockerfileOption;
  /** Everything but the Dockerfile's name inside the context's tar, which the tar decides. */
  options: Omit<ImageBuildOptions, 'dockerfile' | 'signal'>;
}

export interface BuildRequestInput extends SecretSources {
  settings?: BuildSettings;
  /** The engine's platform, `linux/amd64`: the only one berth builds for. */
  nativePlatform: string;
}

/**
 * Compose's `build:` section of one service as a build request, as Compose's classic builder
 * sends it: tags (the service's image, then `build.tags`), arguments merged with --build-arg,
 * labels with the project's and service's labels added, target, network, extra hosts, cache
 * sources, the native platform only, and the build secrets resolved from the top-level `secrets:`.
 */
export function buildRequest(project: Project, service: string, input: BuildRequestInput): BuildRequest {
  const config = project.services[service];
  const build = config?.build;
  if (!config || !build) {
    throw new BerthError({ code: 'BUILD_NOT_DEFINED', kind: 'usage', message: `service "${service}" has no build section`, hint: 'give the service a build: section, or leave it out of berth build' });
  }
  const context = build.context ?? '.';
  if (!isAbsolute(context)) {
    throw new BerthError({
      code: 'BUILD_CONTEXT_REMOTE',
      kind: 'usage',
      message: `service "${service}": the build context ${JSON.stringify(context)} is not a local directory, and berth builds only from local ones`,
      hint: 'clone or download the context and point build.context at its directory',
    });
  }
  const settings = input.settings ?? {};
  const image = serviceImage(project, service);
  const platform = buildPlatform(service, config, input.nativePlatform);
  const options: BuildRequest['options'] = {
    tags: [...new Set([image, ...(build.tags ?? [])])],
    buildArgs: mergeBuildArgs(build.args, settings.args, input.environment),
    labels: {
      ...build.labels,
      [composeLabels.version]: composeVersionLabel,
      [composeLabels.project]: project.name,
      [composeLabels.service]: service,
    },
  };
  if (settings.quiet) options.quiet = true;
  if (settings.noCache || build.no_cache) options.noCache = true;
  if (settings.pull || build.pull) options.pull = true;
  if (build.target !== undefined) options.target = build.target;
  if (build.network !== undefined) options.networkMode = build.network;
  if (build.extra_hosts && build.extra_hosts.length > 0) options.extraHosts = build.extra_hosts.map(hostEntry);
  if (build.cache_from && build.cache_from.length > 0) options.cacheFrom = [...build.cache_from];
  if (build.shm_size !== undefined) options.shmSize = Number(build.shm_size);
  if (platform !== undefined) options.platform = platform;
  const secrets = resolveBuildSecrets(project, service, input);
  if (Object.keys(secrets).length > 0) options.secrets = secrets;
  const dockerfile: DockerfileOption = build.dockerfile_inline !== undefined ? { inline: build.dockerfile_inline } : (build.dockerfile ?? 'Dockerfile');
  return { service, image, context, dockerfile, options };
}

/** The compose model writes extra hosts `host=ip`; the API wants `host:ip`. */
function hostEntry(entry: string): string {
  const equals = entry.indexOf('=');
  return equals < 0 ? entry : `${entry.slice(0, equals)}:${entry.slice(equals + 1)}`;
}
