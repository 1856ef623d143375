import { down, withProjectLock } from '../../scheduler/index.js';
import { stopBackgroundWatch } from '../../watch/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { printWarning } from '../print-warning.js';
import { openProjectSession } from '../project-session.js';
import type { DownCommandOptions } from './down.js';

/**
 * `berth down`: everything `up` made for the project goes, in reverse dependency order. Running it
 * twice is fine. The whole project's down (no services named) also ends its background watch.
 */
export async function runDown(services: string[], options: DownCommandOptions, global: GlobalOptions): Promise<void> {
  const progress = openProgressOutput(global);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const { session, loaded } = opened;
    if (services.length === 0 && !global.dryRun) {
      const watch = await stopBackgroundWatch(opened.engine, session.project.name);
      if (watch) process.stderr.write(`berth: stopped watching ${session.project.name} in the background (pid ${watch.pid})\n`);
    }
    const result = await withProjectLock(opened.engine, session.project.name, () =>
      down(session, {
        services,
        volumes: options.volumes,
        removeImages: options.rmi,
        removeOrphans: options.removeOrphans,
        stopTimeout: options.timeout,
        disabledServices: loaded.disabledServices,
        dryRun: global.dryRun,
      }),
    { onWait: printWarning });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
  } finally {
    progress.close();
    opened.close();
  }
}
