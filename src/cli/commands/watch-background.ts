import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { fileTail } from '../../files/file-tail.js';
import { backgroundWatchFiles, findBackgroundWatch, type BackgroundWatch } from '../../watch/index.js';

/** Set in the environment of the process `berth watch -d` leaves running: it watches, records itself, and does no `up`. */
export const backgroundMarker = 'BERTH_WATCH_BACKGROUND';

/** How long the background watch may take to start watching before `watch -d` gives up on it. */
const startTimeoutMs = 60_000;

/**
 * `berth watch -d`: starts this same command line again as a process of its own (its output to a
 * log file, no terminal), and returns once it watches, or fails with what it printed. One
 * background watch per project and engine.
 */
export async function startBackgroundWatch(engine: string, project: string): Promise<BackgroundWatch> {
  refuseSecondWatch(engine, project);
  const { log } = backgroundWatchFiles(engine, project);
  mkdirSync(dirname(log), { recursive: true, mode: 0o700 });
  const output = openSync(log, 'w', 0o600);
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
    detached: true,
    stdio: ['ignore', output, output],
    env: { ...process.env, [backgroundMarker]: '1' },
  });
  closeSync(output);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const watch = findBackgroundWatch(engine, project);
    if (watch !== undefined && watch.pid === child.pid) return watch;
    if (exited !== undefined || Date.now() > deadline) {
      if (exited === undefined) child.kill('SIGTERM');
      throw new BerthError({
        code: 'WATCH_BACKGROUND_FAILED',
        kind: 'conflict',
        message: `the background watch of ${project} did not start${exited === undefined ? ` within ${startTimeoutMs / 1000} s` : ` (exit code ${exited})`}:\n${fileTail(log, 20) ?? ''}`,
        hint: `run berth watch without -d to see it fail in front of you; its whole output is in ${log}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One background watch per project and engine: a second `watch -d` fails before it changes anything. */
export function refuseSecondWatch(engine: string, project: string): void {
  const watch = findBackgroundWatch(engine, project);
  if (!watch) return;
  throw new BerthError({
    code: 'WATCH_ALREADY_RUNNING',
    kind: 'conflict',
    message: `project ${watch.project} is already watched in the background (pid ${watch.pid}${watch.services.length > 0 ? `, services ${watch.services.join(', ')}` : ''})`,
    hint: `berth watch --stop stops it; its output is in ${watch.log}`,
  });
}
