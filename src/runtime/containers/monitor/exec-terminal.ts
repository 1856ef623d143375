import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { attachStdin, resizeTerminal } from './attach.js';
import { SyncMessageReader, type SyncMessage } from './conmon/sync-messages.js';
import type { ContainerHandle } from './create-container.js';
import type { ExecOptions, ExecSession, OciProcess } from './exec-process.js';
import { logRecords, recordBytes } from './logs/log-records.js';
import { invocationLog, takeRuncError, type RuncConfig } from './runc/run-runc.js';

export interface TerminalExecConfig {
  conmonPath: string;
  socatPath: string;
  runc: RuncConfig;
}

/**
 * An exec with a pseudo-terminal (`docker exec -t`). runc hands a terminal's master only over a
 * console socket (SCM_RIGHTS), which Node cannot receive, so conmon's exec mode holds it, as
 * podman does: conmon (`--exec --sync`, our child for the exec's life) runs `runc exec --detach`
 * with its console socket, logs the terminal's output to a k8s-file log in the exec's own
 * directory, takes stdin on its attach socket there (relayed by socat, as for attach) and
 * resizes on `1 ROWS COLS` written to its ctl FIFO there.
 *
 * conmon's pipes: `_OCI_STARTPIPE` (fd 5) releases it, once at its start and again once the
 * attach socket is there (`--exec-attach`: it tells so on `_OCI_ATTACHPIPE`, fd 4), so stdin is
 * relayed from the first byte the process reads; `_OCI_SYNCPIPE` (fd 3) gives the PID, then
 * the exit code (or a negative number and runc's error).
 */
export function execTerminal(config: TerminalExecConfig, handle: ContainerHandle, processSpec: OciProcess, options: ExecOptions = {}): ExecSession {
  const directory = join(handle.monitorDirectory, `exec-${randomBytes(6).toString('hex')}`);
  mkdirSync(directory, { mode: 0o700 });
  const specFile = join(directory, 'process.json');
  const logFile = invocationLog(config.runc);
  writeFileSync(specFile, JSON.stringify(processSpec), { mode: 0o600 });
  const child = spawn(config.conmonPath, conmonExecArguments(config.runc, handle.id, directory, specFile, logFile, options.stdin === true), {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TZ: 'UTC', _OCI_SYNCPIPE: '3', _OCI_ATTACHPIPE: '4', _OCI_STARTPIPE: '5' },
  });
  // Node types stdio as five entries at most; the sixth (fd 5) is there all the same.
  const [sync, attachReady, start] = (child.stdio as unknown as unknown[]).slice(3) as [Readable, Readable, Writable];
  for (const pipe of [sync, attachReady, start]) pipe.on('error', () => undefined);
  const input = options.stdin ? new PassThrough() : null;
  const session = { handle: { ...handle, bundle: directory, monitorDirectory: directory }, pid: undefined as number | undefined, size: undefined as [number, number] | undefined };
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-4096)));

  start.write('go');
  attachReady.once('data', () => {
    if (input) {
      const attachment = attachStdin(session.handle, config.socatPath);
      input.pipe(attachment.stdin);
      // The process may be gone before socat reaches the socket: its exit code tells what happened.
      attachment.closed.catch(() => undefined);
      child.once('close', () => attachment.detach());
    }
    start.end('go');
  });

  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = new Promise<number>((resolve, reject) => {
    const messages: SyncMessage[] = [];
    const reader = new SyncMessageReader();
    sync.setEncoding('utf8').on('data', (piece: string) => {
      for (const message of reader.push(piece)) {
        messages.push(message);
        if (messages.length !== 1 || message.data <= 0) continue;
        session.pid = message.data;
        // conmon holds the terminal from now on: a size asked for earlier is applied now.
        if (session.size) resizeTerminal(session.handle, ...session.size);
      }
    });
    child.on('error', (error) => reject(terminalFailure(handle.id, processSpec, error.message)));
    void closed.then(() => {
      const [first, last] = [messages[0], messages.at(-1)];
      const runcError = takeRuncError(logFile, '');
      if (first && first.data > 0 && last && last !== first && last.data >= 0) resolve(last.data);
      else reject(terminalFailure(handle.id, processSpec, runcError ?? last?.message?.trim() ?? (stderr.trim() || 'conmon exited without an exit code')));
    });
  });

  const output = Readable.from(terminalOutput(directory, closed));
  return {
    stdin: input,
    stdout: output,
    stderr: Readable.from([]),
    exited,
    pid: () => session.pid,
    resize(rows, columns) {
      session.size = [rows, columns];
      // conmon takes a size once it holds the terminal; until it says so the size is also kept for then.
      return resizeTerminal(session.handle, rows, columns) || session.pid === undefined;
    },
    kill(signal) {
      // Once conmon has reaped the process its PID may be another's: nothing is signalled then.
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        if (session.pid !== undefined) process.kill(session.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    },
  };
}

/** The terminal's output from conmon's log, to its end; then the exec's directory goes. */
async function* terminalOutput(directory: string, closed: Promise<void>): AsyncGenerator<Buffer> {
  try {
    for await (const record of logRecords(join(directory, 'log'), { history: true, followUntil: closed })) yield recordBytes(record);
  } finally {
    await closed;
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The exec's log is only a relay to its client, so conmon starts it afresh at this size (the
 * follower reads the old file to its end first) and a long session never fills the run directory.
 */
const logSizeMax = 4 * 1024 * 1024;

/**
 * conmon's exec mode: `-c` names runc's container, `-u` the exec (conmon's own messages), `-b`
 * the exec's directory where `--full-attach` puts the attach socket and the FIFOs, `-p` the
 * exec's pid file, `-l` its log; `--runtime-arg`s give runc berth's root and a JSON log.
 */
function conmonExecArguments(runc: RuncConfig, containerId: string, directory: string, specFile: string, logFile: string, stdin: boolean): string[] {
  return [
    '--api-version', '1',
    '--sync',
    '--exec', '--exec-attach',
    '--exec-process-spec', specFile,
    '-c', containerId,
    '-u', basename(directory),
    '-n', containerId,
    '-r', runc.runtimePath,
    '-b', directory,
    '--full-attach',
    '-p', join(directory, 'pid'),
    '-l', `k8s-file:${join(directory, 'log')}`,
    '--log-size-max', String(logSizeMax),
    '-t',
    ...(stdin ? ['-i'] : []),
    '--runtime-arg', '--root', '--runtime-arg', runc.root,
    '--runtime-arg', '--log', '--runtime-arg', logFile,
    '--runtime-arg', '--log-format', '--runtime-arg', 'json',
  ];
}

function terminalFailure(id: string, processSpec: OciProcess, reason: string): BerthError {
  return new BerthError({
    code: 'EXEC_FAILED',
    kind: /does not exist/.test(reason) ? 'not-found' : /not running|paused|stopped/.test(reason) ? 'conflict' : 'internal',
    message: `cannot exec ${JSON.stringify(processSpec.args)} with a terminal in container ${id}: ${reason}`,
    hint: /no such file or directory/.test(reason) ? "check the command: the executable is not in the container's filesystem or PATH" : /conmon/.test(reason) ? "a terminal exec needs Debian's conmon (`apt-get install conmon`)" : undefined,
  });
}
