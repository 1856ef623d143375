import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';
import { Firewall } from '../../../../src/network/firewall/index.js';
import { NetworkService, type NetworkServiceOptions } from '../../../../src/network/service/index.js';
import { ContainerEngine, type ContainerEngineOptions } from '../../../../src/runtime/containers/engine/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture, type FixtureName } from '../../../harness/fixtures/index.js';
import { leaseAddressPool, type AddressPoolLease } from '../../../harness/address-pool-lease.js';
import { useRegistry } from '../../../harness/registry.js';
import { guardIpForward, type ForwardingGuard } from '../../../network/firewall/forwarding-guard.js';
import { networkLeftovers, networkTeardownLeftovers } from './network-leftovers.js';

/**
 * A scratch engine per test file: its own state and run directories, an image store filled from
 * the test registry, a cgroup parent of its own, and its network side: a NetworkService with
 * subnets from the file's leased 10.N.0.0/16, a default bridge device and firewall chains of its
 * own. After each test every container is removed and every user-defined network pruned, and
 * nothing may be left: no conmon or container process, no runc state, no mount, no cgroup, no
 * veth, namespace file, bridge but the default one, resolver listener or container rule. After
 * the file the network side is removed whole (default bridge, chains, namespace directory).
 */
export interface EngineFixture {
  root: string;
  engine(): ContainerEngine;
  networks(): NetworkService;
  /** The test registry the fixture images come from. */
  registry: ReturnType<typeof useRegistry>;
  /** The engine's image store. */
  images(): ContentStore;
  /** Options for another engine process on the same directories. */
  options(): ContainerEngineOptions;
  /** A fresh engine on the same directories, as after a restart; the current one is closed. */
  reopen(): Promise<ContainerEngine>;
  /** The reference of a fixture image, pulled into the store on first use. */
  image(name: FixtureName): Promise<string>;
  /** Background failures the engine reported (must stay empty). */
  errors: unknown[];
}

export function useEngine(): EngineFixture {
  const registry = useRegistry();
  const root = mkdtempSync(join(tmpdir(), 'berth-engine-'));
  const cgroupParent = `berth-engine-test-${randomBytes(4).toString('hex')}`;
  const images = new ContentStore(join(root, 'images'));
  const pulled = new Map<FixtureName, Promise<string>>();
  const errors: unknown[] = [];
  const suffix = randomBytes(4).toString('hex');
  const firewall = new Firewall({ chainPrefix: `BE${suffix.toUpperCase()}` });
  let lease: AddressPoolLease | undefined;
  let guard: ForwardingGuard | undefined;
  let current: ContainerEngine | undefined;
  let networks: NetworkService | undefined;
  const networkOptions = (): NetworkServiceOptions => ({
    stateDirectory: join(root, 'state'),
    runDirectory: join(root, 'run'),
    firewall,
    pools: [{ base: `${lease!.addressPrefix}0.0/16`, size: 24 }],
    defaultBridge: `berth-${suffix}`,
    // No traffic leaves the machine: a name the resolver does not know fails at once (SERVFAIL).
    dns: { upstreams: () => [] },
    // "enabled net.ipv4.ip_forward" is the only report a test may see; the guard puts it back.
    report: (message) => {
      if (!message.startsWith('enabled net.ipv4.ip_forward')) errors.push(new Error(message));
    },
  });
  const options = (): ContainerEngineOptions => ({
    stateDirectory: join(root, 'state'),
    runDirectory: join(root, 'run'),
    images,
    cgroupParent,
    onError: (error) => errors.push(error),
    ...(networks ? { networks } : {}),
  });

  beforeAll(async () => {
    guard = guardIpForward();
    lease = leaseAddressPool();
    networks = await NetworkService.open(networkOptions());
    current = await ContainerEngine.open(options());
  });
  afterEach(async () => {
    const engine = current!;
    for (const container of engine.list({ all: true })) await engine.remove(container.Id, { force: true, volumes: true });
    await networks?.prune();
    expect(errors.splice(0)).toEqual([]);
    expect(leftovers(root, cgroupParent)).toEqual([]);
    expect(networkLeftovers(join(root, 'run'), networks!, `berth-${suffix}`, `BE${suffix.toUpperCase()}`)).toEqual([]);
  });
  afterAll(async () => {
    current?.close();
    try {
      await networks?.removeAll();
      expect(networkTeardownLeftovers(join(root, 'run'), `berth-${suffix}`, `BE${suffix.toUpperCase()}`)).toEqual([]);
    } finally {
      for (const controller of readdirSync('/sys/fs/cgroup')) {
        const parent = join('/sys/fs/cgroup', controller, cgroupParent);
        if (existsSync(parent)) rmdirSync(parent);
      }
      rmSync(root, { recursive: true, force: true });
      lease?.release();
      guard?.release();
    }
  });

  return {
    root,
    engine: () => current!,
    networks: () => networks!,
    registry,
    images: () => images,
    options,
    async reopen() {
      // As after a daemon restart: a new network service on the same directories (the firewall
      // object stays, as its host ports would stay held by the daemon's sockets), then the engine.
      current?.close();
      await networks?.close();
      networks = await NetworkService.open(networkOptions());
      current = await ContainerEngine.open(options());
      return current;
    },
    image(name) {
      let reference = pulled.get(name);
      if (!reference) {
        reference = (async () => {
          const pushed = await pushFixture(registry(), name, `library/${name}:test`);
          return (await pullImage(images, pushed.reference)).reference;
        })();
        pulled.set(name, reference);
      }
      return reference;
    },
    errors,
  };
}

/** What a test may leave behind, which must be nothing. */
export function leftovers(root: string, cgroupParent: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(root) && state !== 'Z' && Number(pid) !== process.pid) found.push(`process ${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
    } catch {
      // The process left while we looked.
    }
  }
  const runcRoot = join(root, 'run', 'runc');
  if (existsSync(runcRoot)) for (const entry of readdirSync(runcRoot)) found.push(`runc state ${entry}`);
  // The namespace directory is a mount of its own for the network side's life (removed after the file).
  const namespaceDirectory = join(root, 'run', 'netns');
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) if (line.includes(root) && line.split(' ')[4] !== namespaceDirectory) found.push(`mount ${line}`);
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const parent = join('/sys/fs/cgroup', controller, cgroupParent);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) if (entry.isDirectory()) found.push(`cgroup ${join(parent, entry.name)}`);
  }
  return found;
}

/** Polls `check` until it gives a value (not false or undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | false | undefined | Promise<T | false | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The container's log as text, both streams. */
export async function logText(engine: ContainerEngine, id: string): Promise<string> {
  let text = '';
  for await (const message of engine.logs(id, { stdout: true, stderr: true })) text += message.text.toString();
  return text;
}

/** Creates and starts a container, waits for its exit, and gives its exit code and log. */
export async function runToExit(engine: ContainerEngine, request: ContainerCreateRequest): Promise<{ id: string; exitCode: number; log: string }> {
  const { Id } = await engine.create(request);
  await engine.start(Id);
  const { StatusCode } = await engine.wait(Id);
  return { id: Id, exitCode: StatusCode, log: await logText(engine, Id) };
}
