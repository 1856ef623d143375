import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import type { BerthRun } from './run-berth.js';

const bin = new URL('../../bin/berth.js', import.meta.url).pathname;
/** Output kept per stream; a scenario that prints more than this has a bug worth seeing cut short. */
const outputLimit = 4 * 1024 * 1024;

export interface BerthExit extends BerthRun {
  /** The signal that ended the process, when one did. */
  signal: NodeJS.Signals | null;
}

/**
 * The built CLI running in the background, for scenarios that act while it runs: attached `up`
 * followed until a line appears, then interrupted; two commands racing.
 */
export interface BerthProcess {
  readonly pid: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` appears in the stream; rejects if the process exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  signal(name: NodeJS.Signals): void;
  /** Settles when the process has exited and its output is closed. */
  readonly exited: Promise<BerthExit>;
}

const running = new Set<ChildProcess>();

// A scenario that fails half-way must not leave a berth following logs forever.
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `berth args...` in `cwd` with a clean COMPOSE_* environment, as runBerth does, without waiting for it. */
export function startBerth(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): BerthProcess {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('COMPOSE_')));
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...env, BERTH_NO_AUTOSTART: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer): void => {
    if (output[stream].length < outputLimit) output[stream] += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));

  let closed = false;
  const exited = new Promise<BerthExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => {
      closed = true;
      running.delete(child);
      for (const listener of listeners) listener();
      resolve({ status, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });

  return {
    pid: child.pid!,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    signal: (name) => child.kill(name),
    exited,
    waitForOutput: (pattern, stream = 'stdout', timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(output[stream])) finish();
          else if (closed) finish(new Error(`berth ${args.join(' ')} exited before printing ${pattern} on ${stream}\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`));
        };
        const timer = setTimeout(() => finish(new Error(`berth ${args.join(' ')} did not print ${pattern} on ${stream} within ${timeoutMs} ms\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`)), timeoutMs);
        const finish = (error?: Error): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Runs `berth args...` to the end without blocking the test process, so several can run at once. */
export function runBerthInBackground(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<BerthExit> {
  return startBerth(args, options).exited;
}
