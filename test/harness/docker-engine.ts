import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EngineEndpoint } from '../../src/api/endpoint.js';
import { BerthError, usageError } from '../../src/errors/berth-error.js';
import { leaseAddressPool } from './address-pool-lease.js';
import { findDockerd, logTail, signal, spawnDockerd, terminate, type DockerdProcess } from './dockerd-process.js';
import { makeEngineDirectory, removeAbandonedEngines, removeEngineDirectory } from './engine-directory.js';
import { engineRequest, expectStatus } from './engine-http.js';
import { killProcessesOf } from './engine-leftovers.js';
import { noteFirewall, restoreFirewall } from './dockerd-iptables.js';
import { bridgeNameOf, bridgesWithAddressIn, deleteBridge, listBridges } from './host-bridges.js';
import { startBerthEngine } from './berth-engine.js';

/**
 * An engine started for tests and owned by them: the scenarios talk to `endpoint` and call `stop()`
 * when done, which removes everything the engine made. Docker's engine, or berth's own daemon
 * (berth-engine.ts), chosen through `engineFactories`.
 */
export interface TestEngine {
  name: TestEngineKind;
  endpoint: EngineEndpoint;
  stop(): Promise<void>;
}

export interface DockerTestEngine extends TestEngine {
  name: 'docker';
  /** The engine's private directory under /tmp, gone after stop(). */
  directory: string;
  logPath: string;
  pid: number;
}

export interface DockerEngineOptions {
  /** Extra dockerd flags, after the harness's own (a later flag wins where dockerd allows repeats). */
  dockerdArgs?: string[];
  /**
   * Lets dockerd program iptables, IP forwarding and MASQUERADE as it does by default (its DOCKER
   * chains; FORWARD's policy DROP when it turns forwarding on). Only for the tests of coexistence
   * with dockerd's rules, which run in a network namespace of their own: on the host, FORWARD DROP
   * would drop the bridged traffic of every other test running meanwhile. stop() removes the
   * chains dockerd leaves behind and puts FORWARD's policy back; IP forwarding stays as dockerd
   * left it.
   */
  iptables?: boolean;
}

const startTimeoutMs = 20_000;
const stopGraceMs = 15_000;
/** Networks every dockerd has and refuses to delete. */
const predefinedNetworks = new Set(['bridge', 'host', 'none']);
const running = new Set<DockerdProcess>();

/**
 * Starts Debian's dockerd on its own socket, data-root and exec-root under a fresh /tmp/bd-XXXXXX.
 * Without the default bridge and iptables it touches no host firewall state and container traffic
 * stays on this machine; user-defined networks and their service-name DNS still work.
 */
export async function startDockerEngine(options: DockerEngineOptions = {}): Promise<DockerTestEngine> {
  const binary = findDockerd();
  await removeAbandonedEngines();
  const bridgesBefore = listBridges();
  const lease = leaseAddressPool();
  const directory = makeEngineDirectory(lease.addressPrefix);
  const logPath = join(directory, 'dockerd.log');
  const endpoint: EngineEndpoint = { kind: 'unix', socketPath: join(directory, 'docker.sock') };
  const namespace = directory.slice('/tmp/'.length);
  const firewallBefore = options.iptables ? noteFirewall() : undefined;
  const firewallFlags = options.iptables ? ['--iptables=true', '--ip-forward=true', '--ip-masq=true'] : ['--iptables=false', '--ip-forward=false', '--ip-masq=false'];
  const dockerd = spawnDockerd(
    binary,
    [
      `--host=unix://${endpoint.socketPath}`,
      `--data-root=${join(directory, 'data')}`,
      `--exec-root=${join(directory, 'exec')}`,
      `--pidfile=${join(directory, 'docker.pid')}`,
      '--bridge=none',
      ...firewallFlags,
      `--default-address-pool=${lease.pool}`,
      // dockerd joins a system containerd when one runs; its own namespace keeps engines apart there.
      `--containerd-namespace=${namespace}`,
      `--containerd-plugins-namespace=${namespace}-plugins`,
      ...(options.dockerdArgs ?? []),
    ],
    logPath,
  );
  running.add(dockerd);

  let stopping: Promise<void> | undefined;
  const engine: DockerTestEngine = {
    name: 'docker',
    endpoint,
    directory,
    logPath,
    pid: dockerd.pid,
    stop: () => (stopping ??= stopEngine()),
  };

  async function stopEngine(): Promise<void> {
    const problems: string[] = [];
    // Every step runs even when one before it failed, so a failure still leaves as little as possible.
    async function attempt<T>(step: () => T | Promise<T>, fallback: T): Promise<T> {
      try {
        return await step();
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
        return fallback;
      }
    }
    const networkBridges = dockerd.hasExited() ? [] : await attempt(() => removeContainersAndNetworks(endpoint), []);
    await terminate(dockerd, stopGraceMs);
    running.delete(dockerd);
    // A dockerd that had to be killed leaves its containerd, shims and containers running.
    await attempt(() => killProcessesOf(directory), undefined);
    await attempt(() => {
      // Bridges in this engine's address pool are its own even when listing its networks failed.
      const bridgesNow = listBridges();
      for (const bridge of new Set([...networkBridges, ...bridgesWithAddressIn(lease.addressPrefix)])) {
        if (bridgesNow.has(bridge) && !bridgesBefore.has(bridge)) deleteBridge(bridge);
      }
    }, undefined);
    if (firewallBefore) await attempt(() => restoreFirewall(firewallBefore), undefined);
    lease.release();
    await attempt(() => removeEngineDirectory(directory), undefined);
    if (problems.length > 0) {
      throw new BerthError({ code: 'TEST_ENGINE_STOP', kind: 'internal', message: `test engine in ${directory} stopped, but cleaning up after it failed: ${problems.join('; ')}` });
    }
  }

  try {
    await waitForPing(endpoint, dockerd, logPath);
  } catch (error) {
    await engine.stop().catch(() => undefined);
    throw error;
  }
  return engine;
}

/** Polls `GET /_ping` until the engine answers, failing early if dockerd exits. */
async function waitForPing(endpoint: EngineEndpoint, dockerd: DockerdProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (dockerd.hasExited()) {
      throw startFailure(`dockerd exited during start-up (${await dockerd.exited})`, logPath);
    }
    const answer = await engineRequest(endpoint, { method: 'GET', path: '/_ping', timeoutMs: 2_000 }).catch(() => undefined);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw startFailure(`dockerd did not answer /_ping within ${startTimeoutMs / 1000} s`, logPath);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startFailure(reason: string, logPath: string): BerthError {
  return new BerthError({
    code: 'TEST_ENGINE_START',
    kind: 'unavailable',
    message: `test engine failed to start: ${reason}; last lines of ${logPath}:\n${logTail(logPath)}`,
    hint: 'integration tests run as root; check that no other dockerd holds the data-root and that runc and containerd are installed',
  });
}

/**
 * Removes every container and user network, so dockerd stops in seconds instead of waiting for
 * running containers. Returns the host bridges those networks used, in case dockerd leaves them.
 */
async function removeContainersAndNetworks(endpoint: EngineEndpoint): Promise<string[]> {
  const containers = JSON.parse(expectStatus(await engineRequest(endpoint, { method: 'GET', path: '/containers/json?all=1' }), [200], 'list containers').body) as { Id: string }[];
  await Promise.all(
    containers.map(async ({ Id }) =>
      expectStatus(await engineRequest(endpoint, { method: 'DELETE', path: `/containers/${Id}?force=1&v=1` }), [204, 404], `remove container ${Id.slice(0, 12)}`),
    ),
  );
  type Network = { Id: string; Name: string; Driver?: string; Options?: Record<string, string> | null };
  const networks = JSON.parse(expectStatus(await engineRequest(endpoint, { method: 'GET', path: '/networks' }), [200], 'list networks').body) as Network[];
  const own = networks.filter((network) => !predefinedNetworks.has(network.Name));
  await Promise.all(
    own.map(async (network) => expectStatus(await engineRequest(endpoint, { method: 'DELETE', path: `/networks/${network.Id}` }), [204, 404], `remove network ${network.Name}`)),
  );
  return own.map(bridgeNameOf).filter((name): name is string => name !== undefined);
}

// A test process that dies without stopping its engines still asks them to shut down.
process.once('exit', () => {
  for (const dockerd of running) signal(dockerd.pid, 'SIGTERM');
});

/**
 * One engine for the tests of a file: started in beforeAll, stopped in afterAll. The getter
 * fails when called before beforeAll has run (at collection time).
 */
export function useDockerEngine(): () => DockerTestEngine {
  return useEngine(startDockerEngine);
}

export type TestEngineKind = 'docker' | 'berth';

/** How to start each kind of engine the scenario suite can run against. */
export const engineFactories: Record<TestEngineKind, () => Promise<TestEngine>> = {
  docker: startDockerEngine,
  berth: () => startBerthEngine(),
};

/** Starts the engine named by `kind`, by default BERTH_TEST_ENGINE or else Docker's. */
export async function startTestEngine(kind: string = process.env.BERTH_TEST_ENGINE ?? 'docker'): Promise<TestEngine> {
  return engineFactoryFor(kind)();
}

/** useDockerEngine for whichever engine `kind` names. */
export function useTestEngine(kind: string = process.env.BERTH_TEST_ENGINE ?? 'docker'): () => TestEngine {
  return useEngine(engineFactoryFor(kind));
}

function engineFactoryFor(kind: string): () => Promise<TestEngine> {
  if (Object.hasOwn(engineFactories, kind)) return engineFactories[kind as TestEngineKind];
  throw usageError(`unknown test engine ${JSON.stringify(kind)} (the kind comes from BERTH_TEST_ENGINE when not given)`, `use one of: ${Object.keys(engineFactories).sort().join(', ')}`);
}

function useEngine<Engine extends TestEngine>(start: () => Promise<Engine>): () => Engine {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await start();
  }, startTimeoutMs + 10_000);
  afterAll(async () => {
    await engine?.stop();
  }, stopGraceMs + 15_000);
  return () => {
    if (!engine) throw new Error('the test engine is not running: call the getter inside a test or hook, not while tests are being collected');
    return engine;
  };
}
