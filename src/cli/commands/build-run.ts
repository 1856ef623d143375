import { buildServices, parseBuildArgEntries } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession } from '../project-session.js';
import type { BuildCommandOptions } from './build.js';

/**
 * `berth build`: the images of the services that have a `build:` section. Building changes no
 * container, so it takes no project lock. The builder's output goes to standard error with the
 * rest of the progress; with -q nothing does, and the new images' ids go to standard output.
 */
export async function runBuild(services: string[], options: BuildCommandOptions, global: GlobalOptions): Promise<void> {
  const args = parseBuildArgEntries(options.buildArg);
  const progress = openProgressOutput(options.quiet ? { ...global, progress: 'quiet' } : global);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const result = await buildServices(opened.session, {
      services,
      withDependencies: options.withDependencies,
      settings: { args, noCache: options.noCache, pull: options.pull, quiet: options.quiet },
      push: options.push,
      dryRun: global.dryRun,
    });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
    else if (options.quiet) for (const id of result.imageIds.values()) process.stdout.write(`${id}\n`);
  } finally {
    progress.close();
    opened.close();
  }
}
