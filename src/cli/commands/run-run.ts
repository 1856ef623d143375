import { usageError } from '../../errors/index.js';
import { createOneOff, oneOffContainerName, withProjectLock, type PullOption } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { printWarning } from '../print-warning.js';
import { openProjectSession } from '../project-session.js';
import { wantsTty } from './exec-stdio.js';
import { removeOneOff, runAttached } from './run-attached.js';
import { oneOffOptionsFrom } from './run-options.js';
import type { RunCommandOptions } from './run.js';

/**
 * `berth run`: a one-off container of the service, with its dependencies up first (unless
 * --no-deps). In the foreground it returns the container's exit code; with -d it prints the
 * container's name and returns 0, as Docker Compose does.
 */
export async function runRun(service: string, command: string[], options: RunCommandOptions, global: GlobalOptions): Promise<number> {
  if (global.dryRun) throw usageError('berth run does not support --dry-run yet');
  const progress = openProgressOutput(global, options.quietPull);
  const opened = await openProjectSession(global, [service], progress.sink);
  try {
    const { session, loaded } = opened;
    const { project, client } = session;
    const tty = wantsTty(options.tty);
    const oneOff = oneOffOptionsFrom(options, {
      name: options.name ?? oneOffContainerName(project.name, service),
      command,
      tty,
      environment: loaded.environment,
      cwd: process.cwd(),
    });
    const container = await withProjectLock(
      opened.engine,
      project.name,
      () =>
        createOneOff(session, {
          service,
          oneOff,
          noDependencies: !options.deps,
          pull: options.pull as PullOption,
          build: options.build ? 'always' : 'missing',
          removeOrphans: options.removeOrphans,
          disabledServices: loaded.disabledServices,
        }),
      { onWait: printWarning },
    );
    progress.close();

    if (!options.detach) return await runAttached(client, container, { tty, interactive: options.interactive, remove: options.rm });
    try {
      await client.containers.start(container.id);
    } catch (error) {
      if (options.rm) await removeOneOff(client, container.id);
      throw error;
    }
    process.stdout.write(`${container.name}\n`);
    return 0;
  } finally {
    progress.close();
    opened.close();
  }
}
