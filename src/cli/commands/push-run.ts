import { pushServices } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession } from '../project-session.js';
import type { PushCommandOptions } from './push.js';

/**
 * `berth push`: the images of the services that build one (`build` and `image` both set) to
 * their registries. Changes no container, so it takes no project lock.
 */
export async function runPush(services: string[], options: PushCommandOptions, global: GlobalOptions): Promise<void> {
  const progress = openProgressOutput(options.quiet ? { ...global, progress: 'quiet' } : global);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const result = await pushServices(opened.session, {
      services,
      includeDependencies: options.includeDeps,
      ignoreFailures: options.ignorePushFailures,
      dryRun: global.dryRun,
    });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
  } finally {
    progress.close();
    opened.close();
  }
}
