import { spawn } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import type { ContainerHandle } from './create-container.js';
import { bundleMonitorFiles } from './monitor-files.js';

export interface StdinAttachment {
  /** Bytes written here reach the container's stdin; ending it is the client closing its input. */
  stdin: Writable;
  /** Settles when the attachment is over: input ended and relayed, or the container exited. */
  closed: Promise<void>;
  /** Leaves without ending input deliberately (the container's stdin closes unless it is kept open). */
  detach(): void;
}

/**
 * Writes to the container's stdin through conmon's attach socket. The socket is SOCK_SEQPACKET,
 * which Node's net module cannot open, so Debian's socat relays it: one small process for the
 * life of an attachment. conmon closes the container's stdin when a client leaves, unless the
 * container was created to keep stdin open (OpenStdin without StdinOnce).
 *
 * Output does not come this way: conmon sends it to every attach client, but the log already has
 * it with its stream and time, so an attached client follows the log instead. socat's copy of
 * it is thrown away, and must be read all the same, or conmon would block writing to the socket.
 */
export function attachStdin(handle: ContainerHandle, socatPath = 'socat'): StdinAttachment {
  // One read of stdin is one packet, and conmon reads packets into 32 KiB (CONN_SOCK_BUF_SIZE), dropping the rest of a larger one.
  const child = spawn(socatPath, ['-b', '32768', '-', 'UNIX-CONNECT:attach,type=5'], {
    // Relative to the bundle: the socket's full path may exceed the 108 bytes a socket address holds.
    cwd: handle.bundle,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-4096)));
  // A client writing after the container is gone gets EPIPE; the attachment is simply over.
  child.stdin.on('error', () => undefined);
  const closed = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(attachFailure(handle.id, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'socat is not installed' : error.message)));
    child.on('close', (code, signal) => {
      if (code === 0 || signal === 'SIGTERM') resolve();
      else reject(attachFailure(handle.id, stderr.trim().split('\n').at(-1) ?? `socat exited with ${code}`));
    });
  });
  return { stdin: child.stdin, closed, detach: () => child.kill('SIGTERM') };
}

function attachFailure(id: string, reason: string): BerthError {
  return new BerthError({
    code: 'ATTACH_FAILED',
    kind: /No such file|Connection refused/.test(reason) ? 'conflict' : 'internal',
    message: `cannot attach to the stdin of container ${id}: ${reason}`,
    hint: /not installed/.test(reason) ? "install Debian's socat (`apt-get install socat`)" : 'attach works while the container runs, and only to a container created with OpenStdin',
  });
}

/**
 * Resizes a TTY container's terminal: conmon's control FIFO takes `1 ROWS COLUMNS`. Returns
 * false when no conmon listens (the container has exited).
 */
export function resizeTerminal(handle: ContainerHandle, rows: number, columns: number): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(bundleMonitorFiles(handle.bundle).ctl, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    writeSync(descriptor, `1 ${Math.trunc(rows)} ${Math.trunc(columns)}\n`);
    return true;
  } finally {
    closeSync(descriptor);
  }
}
