import { spawnSync } from 'node:child_process';

const bin = new URL('../../bin/berth.js', import.meta.url).pathname;

export interface BerthRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in `cwd`, with a clean COMPOSE_* environment. */
export function runBerth(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; bin?: string } = {}): BerthRun {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('COMPOSE_')));
  const result = spawnSync(process.execPath, [options.bin ?? bin, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...env, BERTH_NO_AUTOSTART: '1', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Fails the test with the command's own output when it did not exit 0, which says more than `expected 1 to be 0`. */
export function expectSuccess(run: BerthRun, what = 'berth'): BerthRun {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run;
}
