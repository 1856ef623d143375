import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { readPidFile } from './conmon/conmon-process.js';
import type { ContainerHandle } from './create-container.js';
import { invocationLog, runcGlobalArguments, takeRuncError, type RuncConfig } from './runc/run-runc.js';

/**
 * The OCI process of an exec, as runc reads it from `--process`. The engine builds it from the
 * container's own spec (capabilities, rlimits, apparmor and no_new_privileges carry over, as
 * Docker's exec does) with the exec's argv, env, user and working directory.
 */
export interface OciProcess {
  args: string[];
  cwd: string;
  env?: string[];
  user: { uid: number; gid: number; additionalGids?: number[]; umask?: number };
  terminal?: boolean;
  noNewPrivileges?: boolean;
  capabilities?: Record<string, string[]>;
  rlimits?: { type: string; hard: number; soft: number }[];
  apparmorProfile?: string;
  oomScoreAdj?: number;
  selinuxLabel?: string;
}

/** How long runc may take to report a killed process before it is killed too. */
const runcGraceMs = 1000;

export interface ExecOptions {
  /** Give the process a stdin pipe (Docker's AttachStdin); otherwise its stdin is at EOF. */
  stdin?: boolean;
}

export interface ExecSession {
  stdin: Writable | null;
  stdout: Readable;
  stderr: Readable;
  /** The process's exit code (128 + N when killed by signal N); rejects when it could not start. */
  exited: Promise<number>;
  /** Signals the exec'd process (SIGKILL too: it is sent to the process itself, not to runc). */
  kill(signal: NodeJS.Signals): void;
  /** The process's PID as the host sees it, once it runs (exec inspect's `Pid`). */
  pid(): number | undefined;
  /** Resizes a terminal exec's terminal; false when there is none (no TTY, or the process is gone). */
  resize(rows: number, columns: number): boolean;
}

/**
 * Runs an extra process in a running container with `runc exec`, from the engine rather than
 * through conmon: an exec belongs to its API call (its output streams to that client, a health
 * check's is kept in memory), and runc in the foreground stays its parent, relays signals and
 * exits with its status. A pseudo-terminal exec needs a console socket: that is conmon's exec
 * mode (exec-terminal.ts), which ContainerMonitor.exec picks for a spec with `terminal`.
 */
export function execProcess(runc: RuncConfig, handle: ContainerHandle, processSpec: OciProcess, options: ExecOptions = {}): ExecSession {
  const name = `exec-${randomBytes(6).toString('hex')}`;
  const specFile = join(handle.monitorDirectory, `${name}.json`);
  const pidFile = join(handle.monitorDirectory, `${name}.pid`);
  const logFile = invocationLog(runc);
  writeFileSync(specFile, JSON.stringify(processSpec), { mode: 0o600 });
  const child = spawn(runc.runtimePath, [...runcGlobalArguments(runc, logFile), 'exec', '--process', specFile, '--pid-file', pidFile, handle.id], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Without AttachStdin the process reads an empty pipe: EOF at once, as from /dev/null.
  if (!options.stdin) child.stdin.end();
  let stderrTail = '';
  child.stderr.on('data', (piece: Buffer) => (stderrTail = (stderrTail + piece.toString('utf8')).slice(-4096)));
  let pid: number | undefined;
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(execFailure(handle.id, processSpec, error.message)));
    child.on('close', (code, signal) => {
      pid ??= readPidFile(pidFile);
      const runcError = code !== 0 ? takeRuncError(logFile, '') : undefined;
      rmSync(logFile, { force: true });
      rmSync(specFile, { force: true });
      rmSync(pidFile, { force: true });
      // runc logs an error only when it failed itself; a process exiting 255 logs nothing.
      if (runcError) reject(execFailure(handle.id, processSpec, runcError));
      else resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
  return {
    stdin: options.stdin ? child.stdin : null,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    // runc writes the file once the process runs and the file goes at the end: keep what was read.
    pid: () => (pid ??= readPidFile(pidFile)),
    resize: () => false,
    kill(signal) {
      // Read afresh, never the kept PID: once the process is gone its PID may be another's.
      const running = readPidFile(pidFile);
      try {
        if (running !== undefined) process.kill(running, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
      // runc waits for the end of the process's output, which a child it left holds open
      // (`sh -c 'sleep 1000'`): a SIGKILL that runc outlives goes to runc too.
      if (signal === 'SIGKILL') setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), runcGraceMs).unref();
    },
  };
}

function execFailure(id: string, processSpec: OciProcess, reason: string): BerthError {
  return new BerthError({
    code: 'EXEC_FAILED',
    kind: /does not exist/.test(reason) ? 'not-found' : /not running|paused|stopped/.test(reason) ? 'conflict' : 'internal',
    message: `cannot exec ${JSON.stringify(processSpec.args)} in container ${id}: ${reason}`,
    hint: /no such file or directory/.test(reason) ? "check the command: the executable is not in the container's filesystem or PATH" : undefined,
  });
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an exec to its end and keeps the end of its output (Docker keeps 4 KiB of a health
 * check's). `timeoutMs` or `signal` kill it with SIGKILL, as a health check's timeout does.
 */
export async function runExec(session: ExecSession, options: { keepBytes?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExecResult> {
  const keep = options.keepBytes ?? 64 * 1024;
  let stdout = '';
  let stderr = '';
  session.stdout.setEncoding('utf8').on('data', (piece: string) => (stdout = (stdout + piece).slice(-keep)));
  session.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr = (stderr + piece).slice(-keep)));
  session.stdin?.end();
  const kill = (): void => session.kill('SIGKILL');
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(kill, options.timeoutMs);
  if (options.signal?.aborted) kill();
  options.signal?.addEventListener('abort', kill, { once: true });
  try {
    const exitCode = await session.exited;
    return { exitCode, stdout, stderr };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', kill);
  }
}
