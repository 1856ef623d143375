import { spawn } from 'node:child_process';
import { berthFromSource } from '../harness/berth-engine-setup.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs berth's CLI from the sources (no build needed) to its end, without blocking the test process. */
export function runBerthSource(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number; asNobody?: boolean } = {}): Promise<CliRun> {
  const { command, args: prefix } = berthFromSource();
  // The engine and context come from the test alone, never from the environment the tests run in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|BERTH_|DOCKER_HOST$|DOCKER_CONTEXT$)/.test(key)));
  const argv = options.asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', command, ...prefix, ...args] : [command, ...prefix, ...args];
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (piece: string) => (stdout += piece));
  child.stderr.setEncoding('utf8').on('data', (piece: string) => (stderr += piece));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
