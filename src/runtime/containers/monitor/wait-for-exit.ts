import { watch, type FSWatcher } from 'node:fs';
import { BerthError } from '../../../errors/index.js';
import { readExitStatus, type ExitStatus } from './exit-status.js';
import type { MonitorFiles } from './monitor-files.js';

/** How often a waiter checks that conmon is still there to write the exit file at all. */
const livenessInterval = 2_000;
/** The fallback when inotify is unavailable (no watches left): a plain check this often. */
const pollInterval = 200;

export interface WaitForExitOptions {
  /** Whether conmon is still alive: a monitor that died without an exit file never writes one. */
  monitorAlive: () => boolean;
  signal?: AbortSignal;
}

/**
 * Resolves with the exit status once conmon records it. The directory is watched with inotify,
 * so the waiter wakes when conmon renames the exit file into place; a slow timer meanwhile makes
 * sure conmon is alive, since a monitor killed with SIGKILL writes nothing and the wait would
 * otherwise never end. Without inotify it falls back to a short poll.
 */
export function waitForExitFile(id: string, files: MonitorFiles, options: WaitForExitOptions): Promise<ExitStatus> {
  return new Promise((resolve, reject) => {
    let watcher: FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    const cleanup = (): void => {
      watcher?.close();
      clearInterval(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const settle = (outcome: () => void): void => {
      cleanup();
      outcome();
    };
    const check = (): boolean => {
      const status = readExitStatus(files);
      if (status) settle(() => resolve(status));
      return status !== undefined;
    };
    const checkAlive = (): void => {
      if (check() || options.monitorAlive()) return;
      // The exit may have landed between the two reads.
      if (!check()) settle(() => reject(monitorLost(id)));
    };
    const onAbort = (): void => settle(() => reject(options.signal?.reason));

    if (options.signal?.aborted) return reject(options.signal.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      watcher = watch(files.directory, (_event, name) => {
        if (name === null || name === 'exit') check();
      });
      watcher.on('error', () => {
        watcher?.close();
        clearInterval(timer);
        timer = setInterval(checkAlive, pollInterval);
      });
      timer = setInterval(checkAlive, livenessInterval);
    } catch {
      timer = setInterval(checkAlive, pollInterval);
    }
    checkAlive();
  });
}

function monitorLost(id: string): BerthError {
  return new BerthError({
    code: 'MONITOR_LOST',
    kind: 'internal',
    message: `the monitor of container ${id} is gone and recorded no exit status`,
    hint: 'conmon was killed from outside; the container is treated as exited with an unknown code',
  });
}
