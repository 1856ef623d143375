import { resolve } from 'node:path';
import { ComposeError, type ServiceConfig, type ServicePortConfig, type ServiceVolumeConfig } from '../../compose-spec/index.js';
import { parsePortShortSyntax } from '../../compose-spec/normalize/ports.js';
import { parseVolumeShortSyntax } from '../../compose-spec/normalize/volume-spec.js';
import { usageError } from '../../errors/index.js';

/** What `berth run` changes in the service it runs. */
export interface OneOffOptions {
  /** The container's name: `<project>-<service>-run-<12 hex>` or `--name`. */
  name: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  user?: string;
  workingDir?: string;
  tty?: boolean;
  interactive?: boolean;
  /** `service` with `--service-ports`: publish the service's ports; `none` publishes only `-p` ones. */
  ports: 'none' | 'service';
  /** `--use-aliases`: the service name and network aliases become DNS names of the one-off too. */
  useAliases: boolean;
  /** `--rm`. */
  autoRemove: boolean;
  /** `-v` values, short volume syntax. */
  extraVolumes?: string[];
  /** `-p` values, short port syntax. */
  extraPorts?: string[];
  /** `--label` values. */
  labels?: Record<string, string>;
}

/**
 * The service as a one-off container runs it, following Compose's `applyRunOptions` and `run`:
 * the command line's overrides applied, an `--entrypoint` without a command clearing the
 * command, no restart policy, ports only with `--service-ports`, `-v` and `-p` added as if the
 * compose file said them. Relative `-v` host paths (`./data`) that reach here start from `workingDir`, the project
 * directory; `berth run` makes them absolute against the directory it runs in first, as Compose does.
 */
export function oneOffService(service: ServiceConfig, options: OneOffOptions, workingDir: string): ServiceConfig {
  const { restart: _restart, deploy, ...rest } = service;
  const { restart_policy: _policy, ...deployRest } = deploy ?? {};
  const command = options.command !== undefined && options.command.length > 0 ? options.command : options.entrypoint !== undefined ? [] : service.command;
  return {
    ...rest,
    ...(deploy !== undefined && { deploy: deployRest }),
    container_name: options.name,
    tty: options.tty ?? service.tty,
    stdin_open: options.interactive ?? service.stdin_open,
    command,
    entrypoint: options.entrypoint ?? service.entrypoint,
    user: options.user ?? service.user,
    working_dir: options.workingDir ?? service.working_dir,
    environment: options.environment === undefined ? service.environment : { ...service.environment, ...options.environment },
    labels: options.labels === undefined ? service.labels : { ...service.labels, ...options.labels },
    ports: [...(options.ports === 'service' ? (service.ports ?? []) : []), ...(options.extraPorts ?? []).flatMap(publishedPorts)],
    volumes: [...(service.volumes ?? []), ...(options.extraVolumes ?? []).map((spec) => extraVolume(spec, workingDir))],
  };
}

function publishedPorts(spec: string): ServicePortConfig[] {
  return asUsageError('--publish', spec, () => parsePortShortSyntax(spec, ['--publish']));
}

function extraVolume(spec: string, workingDir: string): ServiceVolumeConfig {
  const volume = asUsageError('--volume', spec, () => parseVolumeShortSyntax(spec, ['--volume']));
  // `~` paths stay as written: expanding them needs the user's home, which this pure step does not read.
  if (volume.type !== 'bind' || volume.source === undefined || !volume.source.startsWith('.')) return volume;
  return { ...volume, source: resolve(workingDir, volume.source) };
}

/** The loader's parse errors name a place in a compose file; here the value came from a flag. */
function asUsageError<T>(flag: string, value: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ComposeError) throw usageError(`invalid ${flag} "${value}": ${error.detail}`, error.hint);
    throw error;
  }
}
