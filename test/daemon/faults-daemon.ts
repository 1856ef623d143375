import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { BerthTestEngine } from '../harness/berth-engine.js';
import { engineRequest, expectStatus } from '../harness/engine-http.js';
import { childrenOf } from './faults-host-state.js';

// What the fault tests do to a berth test daemon and ask of it: kill it at a moment, list through
// its API (as `docker ps -a`, `network ls`, `volume ls` see it), ping through the docker CLI.

/** Watches the daemon (every millisecond or so) and kills it with SIGKILL at the moment; fails if the command it serves ends first. */
export async function killDaemonWhen(engine: BerthTestEngine, now: (children: string[][], engine: BerthTestEngine) => boolean, commandExited: Promise<unknown>): Promise<void> {
  const daemon = engine.daemon();
  let commandDone = false;
  void commandExited.then(() => (commandDone = true));
  const deadline = Date.now() + 60_000;
  while (!now(childrenOf(daemon.pid).map((child) => child.argv), engine)) {
    if (commandDone) throw new Error('the berth command ended before the moment to kill the daemon came');
    if (Date.now() > deadline) throw new Error('the moment to kill the daemon did not come within 60 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
  process.kill(daemon.pid, 'SIGKILL');
  expect(await daemon.exited).toBe('killed by SIGKILL');
}

/** `docker exec FROM ping -c 1 TO` through the real docker CLI: whether it answered. */
export async function pings(engine: BerthTestEngine, from: string, to: string): Promise<boolean> {
  const env = { ...process.env, DOCKER_CONFIG: join(engine.directory, 'docker-config'), DOCKER_CLI_HINTS: 'false' };
  return promisify(execFile)('docker', ['-H', `unix://${engine.setup.socketPath}`, 'exec', from, 'ping', '-c', '1', '-W', '2', to], { env, timeout: 20_000 }).then(
    () => true,
    () => false,
  );
}

export interface ListedContainer {
  Id: string;
  Names: string[];
  State: string;
}

/** Every container, by name. */
export async function listContainers(engine: BerthTestEngine): Promise<ListedContainer[]> {
  const listed = JSON.parse(expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: '/containers/json?all=1' }), [200], 'list containers').body) as ListedContainer[];
  return listed.sort((a, b) => (a.Names[0] ?? '').localeCompare(b.Names[0] ?? ''));
}

export async function inspect(engine: BerthTestEngine, id: string): Promise<{ State: { Running: boolean; Pid: number } }> {
  return JSON.parse(expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: `/containers/${id}/json` }), [200], `inspect ${id.slice(0, 12)}`).body) as { State: { Running: boolean; Pid: number } };
}

/** Every network's name, sorted. */
export async function networkNames(engine: BerthTestEngine): Promise<string[]> {
  const listed = JSON.parse(expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: '/networks' }), [200], 'list networks').body) as { Name: string }[];
  return listed.map((network) => network.Name).sort();
}

/** Every volume's name, sorted. */
export async function volumeNames(engine: BerthTestEngine): Promise<string[]> {
  const listed = JSON.parse(expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: '/volumes' }), [200], 'list volumes').body) as { Volumes: { Name: string }[] | null };
  return (listed.Volumes ?? []).map((volume) => volume.Name).sort();
}
