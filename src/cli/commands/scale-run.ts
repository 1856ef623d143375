import { usageError } from '../../errors/index.js';
import { up } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import type { ScaleCommandOptions } from './scale.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/**
 * `berth scale web=3 worker=0`: `up -d` of the services named with those replica counts: new
 * containers are created and started (after what they depend on, unless --no-deps), surplus ones
 * are stopped and removed, highest numbers first.
 */
export async function runScale(entries: string[], options: ScaleCommandOptions, global: GlobalOptions): Promise<void> {
  const scale = parseScaleArguments(entries);
  const services = Object.keys(scale).sort();
  await runLockedProjectCommand(global, services, ({ session, loaded }) =>
    up(session, {
      services,
      noDependencies: !options.deps,
      pull: 'policy',
      recreate: 'diverged',
      recreateDependencies: false,
      start: true,
      removeOrphans: false,
      scale,
      renewAnonymousVolumes: false,
      disabledServices: loaded.disabledServices,
      dryRun: global.dryRun,
    }),
  );
}

/** `web=3` arguments as a record, refused in Compose's words when one is not SERVICE=NUMBER. */
export function parseScaleArguments(entries: readonly string[]): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    const service = separator < 0 ? '' : entry.slice(0, separator);
    const replicas = separator < 0 ? '' : entry.slice(separator + 1);
    if (service === '' || replicas === '') throw usageError(`invalid scale specifier: ${entry}`, 'write each as SERVICE=REPLICAS, like web=3');
    if (!/^\d+$/.test(replicas)) throw usageError(`invalid scale specifier: can't parse replica value as int: ${entry}`, 'the number of replicas is a whole number, 0 or more');
    scale[service] = Number(replicas);
  }
  return scale;
}
