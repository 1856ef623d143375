import { usageError } from '../../errors/index.js';
import { up, waitUntilReady, withProjectLock, type PullOption, type UpOptions } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { scaleEntries } from '../option-parsers.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession } from '../project-session.js';
import { printWarning } from '../print-warning.js';
import { tuiWanted } from './tui-choice.js';
import { followAttached } from './up-attached.js';
import { watchControl } from './watch-control.js';
import { watchPrinter, watchProgress } from './watch-printer.js';
import { upUnderTui } from './up-tui.js';
import type { UpCommandOptions } from './up.js';

/**
 * `berth up`: converge the project, then follow its logs (attached) or return (-d, --wait); with
 * --watch, the services' develop.watch rules are followed while attached. Returns the exit code.
 */
export async function runUp(services: string[], options: UpCommandOptions, global: GlobalOptions): Promise<number> {
  const abortOnExit = options.abortOnContainerExit || options.abortOnContainerFailure || options.exitCodeFrom !== undefined;
  const detach = options.detach || options.wait;
  if (detach && abortOnExit) throw usageError('--abort-on-container-exit, --abort-on-container-failure and --exit-code-from are incompatible with --detach and --wait');
  if (options.abortOnContainerExit && options.abortOnContainerFailure) throw usageError('--abort-on-container-exit and --abort-on-container-failure are incompatible');
  if (!options.recreate && options.forceRecreate) throw usageError('--force-recreate and --no-recreate are incompatible');
  if (options.build && options.noBuild) throw usageError('--build and --no-build are incompatible');
  if (options.watch && detach) throw usageError('--watch and --detach (or --wait) are incompatible', 'berth watch -d watches in the background after `berth up -d`');
  const scale = scaleEntries(options.scale);
  const underTui = !detach && options.start && !abortOnExit && !global.dryRun && tuiWanted(options.tui, process.env, process);

  const progress = openProgressOutput(global, options.quietPull || underTui);
  const opened = await openProjectSession(global, services, progress.sink);
  const { session, loaded } = opened;
  try {
    if (options.exitCodeFrom !== undefined && !session.project.services[options.exitCodeFrom]) {
      throw usageError(`--exit-code-from: no such service: ${options.exitCodeFrom}`);
    }
    for (const name of Object.keys(scale)) {
      if (!session.project.services[name]) throw usageError(`--scale: no such service: ${name}`);
    }
    const upOptions: UpOptions = {
      services,
      noDependencies: !options.deps,
      pull: options.pull as PullOption,
      build: options.build ? 'always' : options.noBuild ? 'never' : 'missing',
      recreate: options.forceRecreate ? 'force' : options.recreate ? 'diverged' : 'never',
      recreateDependencies: options.alwaysRecreateDeps,
      start: options.start,
      removeOrphans: options.removeOrphans,
      scale,
      renewAnonymousVolumes: options.renewAnonVolumes,
      stopTimeout: options.timeout,
      disabledServices: loaded.disabledServices,
      dryRun: global.dryRun,
    };
    if (underTui) {
      progress.close();
      return await upUnderTui(opened, { services, upOptions, global, stopTimeout: options.timeout, watch: watchControl(opened, services, { prune: true }), watchAtStart: options.watch });
    }
    const startedAt = Date.now() / 1000;
    const result = await withProjectLock(opened.engine, session.project.name, () => up(session, upOptions), { onWait: printWarning });
    if (global.dryRun) {
      progress.close();
      process.stderr.write(result.planText);
      return 0;
    }
    if (options.wait) await waitUntilReady(session, result.services, options.waitTimeout);
    progress.close();
    if (detach || !options.start) return 0;
    if (options.watch) session.progress = watchProgress(false);
    const watch = options.watch ? await watchControl(opened, services, { prune: true }).start(watchPrinter(process.stdout)) : undefined;
    if (watch) process.stdout.write('Watch enabled\n');
    try {
      return await followAttached(opened, { services, options, global, converged: result.services, eventsSince: startedAt });
    } finally {
      await watch?.stop();
    }
  } finally {
    progress.close();
    opened.close();
  }
}
