import { recordBackgroundWatch, stopBackgroundWatch, watchProject } from '../../watch/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession, type OpenedSession } from '../project-session.js';
import { backgroundMarker, refuseSecondWatch, startBackgroundWatch } from './watch-background.js';
import { watchPrinter, watchProgress } from './watch-printer.js';
import { upBeforeWatch } from './watch-up.js';
import type { WatchCommandOptions } from './watch.js';

/**
 * `berth watch`: `up` with the images built (unless --no-up), then Compose's develop.watch until
 * Ctrl-C; the stack keeps running after. `-d` leaves the watch running in the background and
 * `--stop` ends that one. Returns the exit code.
 */
export async function runWatch(services: string[], options: WatchCommandOptions, global: GlobalOptions): Promise<number> {
  const background = process.env[backgroundMarker] === '1';
  const progress = openProgressOutput(global);
  // --quiet hides the builds' output, from the first `up` on.
  const opened = await openProjectSession(global, services, (event) => (!options.quiet || event.buildLine === undefined) && progress.sink(event));
  const { session } = opened;
  try {
    const project = session.project.name;
    if (options.stop) {
      const stopped = await stopBackgroundWatch(opened.engine, project);
      process.stderr.write(stopped ? `berth: stopped watching ${project} (pid ${stopped.pid})\n` : `berth: ${project} is not watched in the background\n`);
      return 0;
    }
    if (options.detach && !background) refuseSecondWatch(opened.engine, project);
    if (options.up && !background) await upBeforeWatch(opened, services);
    progress.close();
    session.progress = watchProgress(options.quiet);
    if (options.detach && !background) {
      const watch = await startBackgroundWatch(opened.engine, project);
      process.stderr.write(`berth: watching ${project} in the background (pid ${watch.pid}); its output goes to ${watch.log}\n  berth watch --stop or berth down stops it\n`);
      return 0;
    }
    return await watchUntilInterrupted(opened, services, options, background);
  } finally {
    progress.close();
    opened.close();
  }
}

/** Watches until SIGINT or SIGTERM; in the background, recorded as the project's background watch meanwhile. */
async function watchUntilInterrupted(opened: OpenedSession, services: readonly string[], options: WatchCommandOptions, background: boolean): Promise<number> {
  const { session, loaded } = opened;
  const watch = await watchProject(session, {
    services,
    engine: opened.engine,
    disabledServices: loaded.disabledServices,
    prune: options.prune,
    emit: watchPrinter(process.stdout),
  });
  const forget = background ? recordBackgroundWatch(opened.engine, session.project.name, services) : undefined;
  process.stdout.write('Watch enabled\n');
  try {
    await new Promise<void>((resolve) => {
      const end = (): void => {
        process.off('SIGINT', end);
        process.off('SIGTERM', end);
        resolve();
      };
      process.on('SIGINT', end);
      process.on('SIGTERM', end);
    });
    await watch.stop();
    process.stdout.write('Watch disabled\n');
    return 0;
  } finally {
    forget?.();
  }
}
