import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { SyncMessageReader, type SyncMessage } from './sync-messages.js';

export interface ConmonLaunchResult {
  /** conmon's first message, or undefined when its sync pipe closed without one. */
  message: SyncMessage | undefined;
  /** What conmon printed before it detached (argument errors land here). */
  stderr: string;
  /** The exit of conmon's first process, which forks the monitor and exits at once. */
  exit: { code: number | null; signal: NodeJS.Signals | null; spawnError?: NodeJS.ErrnoException };
}

/**
 * Starts conmon and waits for its verdict on `runc create`. conmon double-forks so the monitor
 * is adopted by init and outlives the engine; the first process exits once conmon.pid is
 * written. The monitor keeps the sync pipe until it exits, so the engine closes its end after the
 * first message rather than waiting for EOF.
 *
 * The environment is minimal on purpose: runc reads NOTIFY_SOCKET and LISTEN_* from it, which an
 * engine under systemd would otherwise pass into every container, and TZ=UTC makes conmon stamp
 * log lines in UTC.
 *
 * conmon runs in `directory`, the monitor's own (its --persist-dir): on an OOM kill conmon 2.1
 * creates a file named `oom` in its working directory as well as in the persist directory, which
 * would otherwise land in whatever directory the engine was started from.
 */
export function launchConmon(conmonPath: string, args: string[], directory: string): Promise<ConmonLaunchResult> {
  return new Promise((resolve) => {
    const child = spawn(conmonPath, args, {
      cwd: directory,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TZ: 'UTC', _OCI_SYNCPIPE: '3' },
    });
    const sync = child.stdio[3] as Readable;
    const reader = new SyncMessageReader();
    let stderr = '';
    let message: SyncMessage | undefined;
    let messageSettled = false;
    let exit: ConmonLaunchResult['exit'] | undefined;
    const finish = (): void => {
      if (messageSettled && exit) resolve({ message, stderr, exit });
    };
    const settleMessage = (value: SyncMessage | undefined): void => {
      if (messageSettled) return;
      messageSettled = true;
      message = value;
      sync.destroy();
      finish();
    };
    child.stderr?.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-16 * 1024)));
    sync.setEncoding('utf8');
    sync.on('data', (piece: string) => {
      const first = reader.push(piece)[0];
      if (first) settleMessage(first);
    });
    sync.on('end', () => settleMessage(undefined));
    sync.on('error', () => settleMessage(undefined));
    child.on('error', (spawnError) => {
      exit = { code: null, signal: null, spawnError };
      settleMessage(undefined);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A first process that failed never forked the monitor: no message will come.
      if (code !== 0) settleMessage(undefined);
      finish();
    });
  });
}
