import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { berthFromSource } from '../harness/berth-engine-setup.js';
import type { BerthTestEngine } from '../harness/berth-engine.js';
import { busyboxReference } from '../harness/fixture-images.js';
import { tempProject } from '../helpers/temp-project.js';
import type { CliRun } from './berth-cli.js';

/**
 * The project the fault tests interrupt: five busybox services in a depends_on chain, two of them
 * gating the next ones with a health check (so `up` takes a few seconds), a second network, a
 * named volume filled from the image (its /usr/bin: a hundred links, so the copy takes a moment)
 * and a published port, so a crash can leave every kind of thing half made.
 */
export const faultsCompose = `
x-sleeper: &sleeper
  image: ${busyboxReference}
  command: ["sleep", "600"]
  stop_signal: SIGKILL
x-healthy: &healthy
  test: ["CMD", "true"]
  interval: 1s
  timeout: 2s
  retries: 3
services:
  db:
    <<: *sleeper
    volumes: ["data:/usr/bin"]
    healthcheck: *healthy
  cache:
    <<: *sleeper
  api:
    <<: *sleeper
    networks: [default, back]
    healthcheck: *healthy
    depends_on:
      db: { condition: service_healthy }
      cache: { condition: service_started }
  web:
    <<: *sleeper
    ports: ["127.0.0.1::80"]
    depends_on:
      api: { condition: service_healthy }
  worker:
    <<: *sleeper
    networks: [back]
    depends_on: [web]
volumes:
  data: {}
networks:
  back: {}
`;

export const faultsServices = ['api', 'cache', 'db', 'web', 'worker'];

/** berth's CLI from the sources, run in a project directory against one test daemon. */
export interface FaultsProject {
  name: string;
  directory: string;
  /** `berth ARGS...` to its end. */
  berth(...args: string[]): Promise<CliRun>;
  /** `berth ARGS...` left running; `exited` settles with its output. */
  start(...args: string[]): { child: ChildProcess; exited: Promise<CliRun> };
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

export function faultsProject(engine: BerthTestEngine, name: string, compose = faultsCompose): FaultsProject {
  const directory = tempProject({ 'compose.yaml': compose }, name);
  const start = (...args: string[]): { child: ChildProcess; exited: Promise<CliRun> } => {
    const { command, args: prefix } = berthFromSource();
    // The engine comes from DOCKER_HOST alone, as a user pointing berth at another engine sets it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(COMPOSE_|BERTH_|DOCKER_HOST$|DOCKER_CONTEXT$)/.test(key)));
    const child = spawn(command, [...prefix, ...args], {
      cwd: directory,
      env: { ...env, BERTH_NO_AUTOSTART: '1', DOCKER_HOST: `unix://${engine.setup.socketPath}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (piece: string) => (stdout += piece));
    child.stderr!.setEncoding('utf8').on('data', (piece: string) => (stderr += piece));
    const exited = new Promise<CliRun>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (status) => {
        children.delete(child);
        resolve({ status, stdout, stderr });
      });
    });
    return { child, exited };
  };
  return { name, directory, start, berth: (...args) => start(...args).exited };
}

/** Fails with the command's output unless it exited 0. */
export function expectDone(run: CliRun, what: string): CliRun {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run;
}
