import { removeStoppedContainers, withProjectLock, type ProgressSink } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { printWarning } from '../print-warning.js';
import { openProjectSession } from '../project-session.js';
import { confirmRemoval } from './rm-confirm.js';
import type { RmCommandOptions } from './rm.js';

/**
 * `berth rm`: removes the services' stopped containers after saying which (and, without -f,
 * asking). Nothing stopped is not a failure: Compose says "No stopped containers" and exits 0.
 */
export async function runRm(services: string[], options: RmCommandOptions, global: GlobalOptions): Promise<void> {
  // The question goes to standard output between two progress blocks: the first (the stops of
  // -s) is closed before it is asked, so its redraws cannot overwrite it.
  let progress = openProgressOutput(global);
  const sink: ProgressSink = (event) => progress.sink(event);
  const opened = await openProjectSession(global, services, sink);
  try {
    const { session } = opened;
    const result = await withProjectLock(opened.engine, session.project.name, () =>
      removeStoppedContainers(session, {
        services,
        stopFirst: options.stop,
        volumes: options.volumes,
        dryRun: global.dryRun,
        confirm: async (names) => {
          progress.close();
          try {
            if (!options.force) return await confirmRemoval(names);
            process.stdout.write(`Going to remove ${names.join(', ')}\n`);
            return true;
          } finally {
            progress = openProgressOutput(global);
          }
        },
      }),
    { onWait: printWarning });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
    else if (result.removed.length === 0 && !result.declined) process.stderr.write('No stopped containers\n');
  } finally {
    progress.close();
    opened.close();
  }
}
