import { once } from 'node:events';
import { recordBackgroundWatch, stopBackgroundWatch } from '../../watch/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { openProjectSession, type OpenedSession } from '../project-session.js';
import { abortOnInterrupt } from './logs-interrupt.js';
import { backgroundMarker, refuseSecondWatch, startBackgroundWatch } from './watch-background.js';
import { watchControl } from './watch-control.js';
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
  const watch = await watchControl(opened, services, options).start(watchPrinter(process.stdout));
  const forget = background ? recordBackgroundWatch(opened.engine, opened.session.project.name, services) : undefined;
  process.stdout.write('Watch enabled\n');
  const interrupt = abortOnInterrupt();
  try {
    await once(interrupt.signal, 'abort');
    await watch.stop();
    process.stdout.write('Watch disabled\n');
    return 0;
  } finally {
    interrupt.dispose();
    forget?.();
  }
}
