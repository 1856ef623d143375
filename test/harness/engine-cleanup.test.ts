import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from 'vitest';
import { startDockerEngine } from './docker-engine.js';
import { processesOf } from './engine-leftovers.js';
import { bridgesWithAddressIn } from './host-bridges.js';

/** Runs the abandoned-engine fixture in its own process, kills that process, returns the engine's directory. */
async function engineOfKilledProcess(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'abandoned-engine.fixture.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let directory: string | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    directory = line;
    break;
  }
  child.kill('SIGKILL');
  await exited;
  if (!directory) throw new Error('the abandoned-engine fixture exited before it printed its engine directory');
  return directory;
}

test('the next engine start removes an engine whose test process was killed', async () => {
  const directory = await engineOfKilledProcess();
  const addressPrefix = readFileSync(join(directory, 'address-prefix'), 'utf8').trim();
  const containerCgroups = readdirSync(join(directory, 'data', 'containers')).map((id) => `/sys/fs/cgroup/memory/docker/${id}`);
  expect(processesOf(directory)).not.toEqual([]);

  const engine = await startDockerEngine();
  await engine.stop();

  await expect.poll(() => processesOf(directory)).toEqual([]);
  expect(existsSync(directory)).toBe(false);
  expect(bridgesWithAddressIn(addressPrefix)).toEqual([]);
  expect(containerCgroups.filter((cgroup) => existsSync(cgroup))).toEqual([]);
});
