import { afterAll, beforeAll } from 'vitest';
import { BerthError } from '../../src/errors/berth-error.js';
import type { EngineEndpoint } from '../../src/api/endpoint.js';
import type { FileConfig } from '../../src/daemon/config/index.js';
import { guardIpForward } from '../network/firewall/forwarding-guard.js';
import { leaseAddressPool } from './address-pool-lease.js';
import { berthFromSource, daemonArguments, makeBerthEngineSetup, type BerthEngineSetup } from './berth-engine-setup.js';
import { removeAbandonedBerthEngines, tearDownBerthEngine } from './berth-engine-teardown.js';
import type { TestEngine } from './docker-engine.js';
import { logTail, signal, spawnDockerd, terminate, type DockerdProcess } from './dockerd-process.js';
import { engineRequest } from './engine-http.js';

/**
 * berth's own engine as a test engine: `berth daemon` run from the sources on a private socket,
 * data-root and exec-root (berth-engine-setup.ts), with an address pool leased as dockerd's are,
 * its own default bridge, iptables chain prefix and cgroup parent, so test daemons run side by
 * side. `daemon` is the current daemon process; `restartDaemon()` starts a new one on the same
 * directories (after the last one exited), as an engine restart. `stop()` removes every container
 * and network, stops the daemon and removes whatever is left (berth-engine-teardown.ts).
 */
export interface BerthTestEngine extends TestEngine {
  name: 'berth';
  setup: BerthEngineSetup;
  directory: string;
  logPath: string;
  daemon(): DockerdProcess;
  restartDaemon(): Promise<void>;
}

export interface BerthEngineOptions {
  /** More daemon.json keys: `registry-mirrors` (e.g. the test registry as Docker Hub's mirror), `insecure-registries`... */
  config?: FileConfig;
  /**
   * A berth.js to run the daemon from (`node ENTRY daemon ...`), such as a copy of bin/berth.js
   * with dist/bundle, as an installed berth runs; by default the daemon runs from the sources.
   */
  entry?: string;
}

const startTimeoutMs = 30_000;
const stopGraceMs = 15_000;
const running = new Set<DockerdProcess>();

export async function startBerthEngine(options: BerthEngineOptions = {}): Promise<BerthTestEngine> {
  await removeAbandonedBerthEngines();
  const lease = leaseAddressPool();
  const guard = guardIpForward();
  const [base = '', size = '24'] = lease.pool.replace('base=', '').split(',size=');
  const setup = makeBerthEngineSetup({ base, size: Number(size) }, options.config);
  const endpoint: EngineEndpoint = { kind: 'unix', socketPath: setup.socketPath };
  let daemon = spawnDaemon(setup, options.entry);
  let stopping: Promise<void> | undefined;

  async function stopEngine(): Promise<void> {
    const problems: string[] = [];
    if (!daemon.hasExited()) await removeEverything(endpoint).catch((error: Error) => problems.push(error.message));
    await terminate(daemon, stopGraceMs);
    running.delete(daemon);
    problems.push(...(await tearDownBerthEngine(setup)));
    lease.release();
    guard.release();
    if (problems.length > 0) {
      throw new BerthError({ code: 'TEST_ENGINE_STOP', kind: 'internal', message: `berth test engine in ${setup.directory} stopped, but cleaning up after it failed: ${problems.join('; ')}` });
    }
  }

  const engine: BerthTestEngine = {
    name: 'berth',
    endpoint,
    setup,
    directory: setup.directory,
    logPath: setup.logPath,
    daemon: () => daemon,
    async restartDaemon() {
      if (!daemon.hasExited()) throw new Error(`the berth test daemon (pid ${daemon.pid}) still runs: stop or kill it before restarting`);
      running.delete(daemon);
      daemon = spawnDaemon(setup, options.entry);
      await waitForPing(endpoint, daemon, setup.logPath);
    },
    stop: () => (stopping ??= stopEngine()),
  };
  try {
    await waitForPing(endpoint, daemon, setup.logPath);
  } catch (error) {
    await engine.stop().catch(() => undefined);
    throw error;
  }
  return engine;
}

function spawnDaemon(setup: BerthEngineSetup, entry: string | undefined): DockerdProcess {
  const { command, args } = entry ? { command: process.execPath, args: [entry] } : berthFromSource();
  // stderr to the log file too: the daemon then writes each line once, and a crash's stack lands beside its log.
  const daemon = spawnDockerd(command, [...args, ...daemonArguments(setup)], setup.logPath);
  running.add(daemon);
  return daemon;
}

/** Polls `GET /_ping` until the daemon answers, failing early if it exits. */
async function waitForPing(endpoint: EngineEndpoint, daemon: DockerdProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (daemon.hasExited()) throw startFailure(`berth daemon exited during start-up (${await daemon.exited})`, logPath);
    const answer = await engineRequest(endpoint, { method: 'GET', path: '/_ping', timeoutMs: 2_000 }).catch(() => undefined);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw startFailure(`berth daemon did not answer /_ping within ${startTimeoutMs / 1000} s`, logPath);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startFailure(reason: string, logPath: string): BerthError {
  return new BerthError({
    code: 'TEST_ENGINE_START',
    kind: 'unavailable',
    message: `berth test engine failed to start: ${reason}; last lines of ${logPath}:\n${logTail(logPath)}`,
    hint: 'integration tests run as root; the log says why the daemon stopped',
  });
}

/** Removes containers and networks through the API first, as a user would, so the daemon's own removal paths run. */
async function removeEverything(endpoint: EngineEndpoint): Promise<void> {
  const containers = await engineRequest(endpoint, { method: 'GET', path: '/containers/json?all=1' });
  if (containers.status === 200) {
    for (const { Id } of JSON.parse(containers.body) as { Id: string }[]) await engineRequest(endpoint, { method: 'DELETE', path: `/containers/${Id}?force=1&v=1` });
  }
  const networks = await engineRequest(endpoint, { method: 'GET', path: '/networks' });
  if (networks.status === 200) {
    for (const { Id, Name } of JSON.parse(networks.body) as { Id: string; Name: string }[]) {
      if (!['bridge', 'host', 'none'].includes(Name)) await engineRequest(endpoint, { method: 'DELETE', path: `/networks/${Id}` });
    }
  }
}

// A test process that dies without stopping its daemons still asks them to shut down.
process.once('exit', () => {
  for (const daemon of running) signal(daemon.pid, 'SIGTERM');
});

/** One berth engine for the tests of a file: started in beforeAll, stopped in afterAll. */
export function useBerthEngine(options: BerthEngineOptions = {}): () => BerthTestEngine {
  let engine: BerthTestEngine | undefined;
  beforeAll(async () => {
    engine = await startBerthEngine(options);
  }, startTimeoutMs + 10_000);
  afterAll(async () => {
    await engine?.stop();
  }, stopGraceMs + 30_000);
  return () => {
    if (!engine) throw new Error('the berth test engine is not running: call the getter inside a test or hook');
    return engine;
  };
}
