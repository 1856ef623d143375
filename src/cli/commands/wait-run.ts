import { down, waitForExit, withProjectLock } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { printWarning } from '../print-warning.js';
import { openProjectSession } from '../project-session.js';
import type { WaitCommandOptions } from './wait.js';

/**
 * `berth wait`: blocks until the services' running containers have stopped, printing each exit
 * as Compose does, and returns the exit code of the first to stop. --down-project then takes the
 * whole project down, orphans included.
 */
export async function runWait(services: string[], options: WaitCommandOptions, global: GlobalOptions): Promise<number> {
  const progress = openProgressOutput(global);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const { session, loaded } = opened;
    const { exitCode } = await waitForExit(session, services, {
      onExit: ({ container, exitCode: code }) => process.stdout.write(`container "${container.id}" exited with status code ${code}\n`),
    });
    if (options.downProject) {
      const result = await withProjectLock(opened.engine, session.project.name, () =>
        down(session, { services: [], volumes: false, removeOrphans: true, disabledServices: loaded.disabledServices, dryRun: global.dryRun }),
      { onWait: printWarning });
      progress.close();
      if (global.dryRun) process.stderr.write(result.planText);
    }
    return exitCode;
  } finally {
    progress.close();
    opened.close();
  }
}
