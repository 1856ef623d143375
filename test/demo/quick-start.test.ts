import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leaseAddressPool, type AddressPoolLease } from '../harness/address-pool-lease.js';
import { makeBerthEngineSetup, type BerthEngineSetup } from '../harness/berth-engine-setup.js';
import { tearDownBerthEngine } from '../harness/berth-engine-teardown.js';
import { signal } from '../harness/dockerd-process.js';
import { freePort } from '../helpers/free-port.js';
import { waitUntil } from '../helpers/wait-until.js';

// `npm run demo` as the README gives it, from this checkout, run twice. It starts an engine and a
// registry of its own, kept apart from every other engine here by the environment the demo reads:
// a test engine's directories and daemon.json (bridge, chains, cgroup, address pool), a registry
// on a free port, a free web port. The first run on a machine builds the images (minutes).
const root = new URL('../../', import.meta.url).pathname;
const firstRunTimeoutMs = 25 * 60_000;

let lease: AddressPoolLease;
let setup: BerthEngineSetup;
let registryDirectory: string;
let env: NodeJS.ProcessEnv;
let webPort: number;

beforeAll(async () => {
  lease = leaseAddressPool();
  const [base = '', size = '24'] = lease.pool.replace('base=', '').split(',size=');
  setup = makeBerthEngineSetup({ base, size: Number(size) });
  registryDirectory = mkdtempSync(join(tmpdir(), 'berth-demo-registry-'));
  webPort = await freePort();
  env = {
    ...process.env,
    BERTH_EXEC_ROOT: setup.execRoot,
    BERTH_DATA_ROOT: setup.dataRoot,
    BERTH_DAEMON_CONFIG: setup.configPath,
    BERTH_DEMO_REGISTRY: `127.0.0.1:${await freePort()}`,
    BERTH_DEMO_REGISTRY_DIR: registryDirectory,
    WEB_PORT: String(webPort),
  };
});

afterAll(async () => {
  const down = spawnSync(process.execPath, ['bin/berth.js', '-f', 'examples/postgres-web/compose.yaml', 'down', '-v'], { cwd: root, env, encoding: 'utf8' });
  await stopProcess(join(setup.execRoot, 'berth.pid'));
  await stopProcess(join(registryDirectory, 'registry.pid'));
  const problems = await tearDownBerthEngine(setup);
  rmSync(registryDirectory, { recursive: true, force: true });
  lease.release();
  expect({ down: down.status === 0 ? 'ok' : down.stderr, problems }).toEqual({ down: 'ok', problems: [] });
}, 120_000);

/** SIGTERM to the pid in `pidFile`, then waits for the process to be gone. */
async function stopProcess(pidFile: string): Promise<void> {
  const pid = Number(readIfPresent(pidFile));
  if (!(pid > 0)) return;
  signal(pid, 'SIGTERM');
  await waitUntil(() => !readIfPresent(`/proc/${pid}/stat`), `process ${pid} to exit`, 30_000, 100);
}

function readIfPresent(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function demo(): { status: number | null; output: string } {
  const run = spawnSync('npm', ['run', 'demo'], { cwd: root, env, encoding: 'utf8', timeout: firstRunTimeoutMs });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm run demo', () => {
  test('starts berth\'s engine, brings the Postgres-plus-web stack up healthy, and prints the address that answers', () => {
    const first = demo();
    expect(first.status, first.output).toBe(0);
    expect(first.output).toContain("started berth's engine");
    expect(first.output).toMatch(/postgres-web-db-1 .*\(healthy\)/);
    expect(first.output).toMatch(/postgres-web-web-1 .*\(healthy\)/);
    expect(first.output).toContain('Hello from berth: 1 visits so far');
    expect(first.output).toContain(`open http://127.0.0.1:${webPort}/`);
  }, firstRunTimeoutMs);

  test('a second run keeps the running engine and stack, and the count goes on', () => {
    const second = demo();
    expect(second.status, second.output).toBe(0);
    expect(second.output).toContain("berth's engine is running");
    expect(second.output).toMatch(/postgres-web-web-1 +Running/);
    expect(second.output).toContain('Hello from berth: 2 visits so far');
  }, firstRunTimeoutMs);
});
