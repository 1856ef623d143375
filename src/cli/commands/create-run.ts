import { usageError } from '../../errors/index.js';
import { up, type PullOption } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { scaleEntries } from '../option-parsers.js';
import type { CreateCommandOptions } from './create.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/** `berth create`: `up --no-start`: networks, volumes and containers made, nothing started. */
export async function runCreate(services: string[], options: CreateCommandOptions, global: GlobalOptions): Promise<void> {
  if (options.build && options.noBuild) throw usageError('--build and --no-build are incompatible');
  if (options.forceRecreate && !options.recreate) throw usageError('--force-recreate and --no-recreate are incompatible');
  const scale = scaleEntries(options.scale);
  await runLockedProjectCommand(
    global,
    services,
    ({ session, loaded }) => {
      for (const name of Object.keys(scale)) {
        if (!session.project.services[name]) throw usageError(`--scale: no such service: ${name}`);
      }
      return up(session, {
        services,
        noDependencies: false,
        pull: options.pull as PullOption,
        build: options.build ? 'always' : options.noBuild ? 'never' : 'missing',
        recreate: options.forceRecreate ? 'force' : options.recreate ? 'diverged' : 'never',
        recreateDependencies: false,
        start: false,
        removeOrphans: options.removeOrphans,
        scale,
        renewAnonymousVolumes: false,
        disabledServices: loaded.disabledServices,
        dryRun: global.dryRun,
      });
    },
    { quietPulls: options.quietPull },
  );
}
