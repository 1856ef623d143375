import { pullServices } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession } from '../project-session.js';
import type { PullCommandOptions } from './pull.js';

/**
 * `berth pull`: the services' images from their registries. Pulling changes no container, so it
 * takes no project lock; a failure names the image, its service and the registry's answer.
 */
export async function runPull(services: string[], options: PullCommandOptions, global: GlobalOptions): Promise<void> {
  const progress = openProgressOutput(options.quiet ? { ...global, progress: 'quiet' } : global);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const result = await pullServices(opened.session, {
      services,
      includeDependencies: options.includeDeps,
      policy: options.policy,
      ignoreBuildable: options.ignoreBuildable,
      ignoreFailures: options.ignorePullFailures,
      dryRun: global.dryRun,
    });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
  } finally {
    progress.close();
    opened.close();
  }
}
