import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BerthError } from '../../src/errors/berth-error.js';
import { runningUnderCi } from './ci.js';

/** Where dockerd lives: Debian's docker.io installs it in /usr/sbin, which a non-root PATH lacks. */
export function findDockerd(directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin']): string {
  for (const directory of directories) {
    const candidate = join(directory, 'dockerd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  throw new BerthError({
    code: 'TEST_ENGINE_MISSING',
    kind: 'unavailable',
    message: `integration tests need Docker's engine, but dockerd is not installed${runningUnderCi ? ' on this CI machine' : ''}`,
    hint: 'run `npm test` (it installs the test packages), or `apt-get install docker.io busybox-static iproute2`',
  });
}

export interface DockerdProcess {
  pid: number;
  /** Settles when the process has exited, with its exit code or signal. */
  exited: Promise<string>;
  hasExited(): boolean;
}

/** Starts dockerd with its stdout and stderr appended to `logPath`. */
export function spawnDockerd(binary: string, args: string[], logPath: string): DockerdProcess {
  const log = openSync(logPath, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  let done = false;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      done = true;
      resolve(`could not start: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
  // A forgotten stop() must not keep the test process alive; the exit hook still signals dockerd.
  child.unref();
  return { pid: child.pid ?? -1, exited, hasExited: () => done };
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export async function terminate(process_: DockerdProcess, graceMs: number): Promise<void> {
  if (process_.hasExited()) return;
  signal(process_.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const outcome = await Promise.race([process_.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    signal(process_.pid, 'SIGKILL');
    await process_.exited;
  }
}

/** Signals a pid, ignoring one that is already gone. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The last lines of a log, for error messages. */
export function logTail(logPath: string, lines = 15): string {
  try {
    return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
