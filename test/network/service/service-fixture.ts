import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Firewall } from '../../../src/network/firewall/index.js';
import { NetworkService, type NetworkServiceOptions, type ServiceContainer } from '../../../src/network/service/index.js';
import { leaseAddressPool, type AddressPoolLease } from '../../harness/address-pool-lease.js';
import { guardIpForward, type ForwardingGuard } from '../firewall/forwarding-guard.js';

export interface ServiceFixture {
  service(): NetworkService;
  /** A fresh service on the same directories and firewall, as after a daemon restart; the current one is closed. */
  reopen(): Promise<NetworkService>;
  runDirectory: string;
  /** The default bridge's device, this file's own. */
  defaultBridge: string;
  /** This file's firewall chain prefix. */
  chainPrefix: string;
  /** Reports the service made (besides "enabled net.ipv4.ip_forward"). */
  reports: string[];
}

/**
 * A NetworkService without a container engine, for one test file: its own directories under
 * /tmp, subnets from a leased 10.N.0.0/16, its own default bridge device and firewall chains.
 * After each test every container the service still knows is detached and every user-defined
 * network pruned; after the file the service is removed whole, and nothing of it may be left
 * (links with its mark, the default bridge, namespace files, chains).
 */
export function useNetworkService(): ServiceFixture {
  const runDirectory = mkdtempSync('/tmp/berth-netsvc-');
  const suffix = randomBytes(4).toString('hex');
  const chainPrefix = `BS${suffix.toUpperCase()}`;
  const defaultBridge = `berth-${suffix}`;
  const firewall = new Firewall({ chainPrefix });
  const reports: string[] = [];
  let lease: AddressPoolLease | undefined;
  let guard: ForwardingGuard | undefined;
  let current: NetworkService | undefined;
  const options = (): NetworkServiceOptions => ({
    stateDirectory: join(runDirectory, 'state'),
    runDirectory: join(runDirectory, 'run'),
    firewall,
    pools: [{ base: `${lease!.addressPrefix}0.0/16`, size: 24 }],
    defaultBridge,
    dns: { upstreams: () => [] },
    report: (message) => {
      if (!message.startsWith('enabled net.ipv4.ip_forward')) reports.push(message);
    },
  });

  beforeAll(async () => {
    guard = guardIpForward();
    lease = leaseAddressPool();
    current = await NetworkService.open(options());
  });
  afterEach(async () => {
    const service = current!;
    const attached = new Set(service.records.all().flatMap((network) => Object.keys(network.endpoints)));
    for (const id of attached) await service.detach(id);
    await service.prune();
    const namespaces = join(runDirectory, 'run', 'netns');
    expect({
      links: markedLinks(join(runDirectory, 'run')).filter((name) => name !== defaultBridge),
      namespaces: existsSync(namespaces) ? readdirSync(namespaces) : [],
      listeners: service.resolver.listening(),
      containerRules: chainLines(chainPrefix).filter((line) => line.includes(' ctr=')),
      reports: reports.splice(0),
    }).toEqual({ links: [], namespaces: [], listeners: [], containerRules: [], reports: [] });
  });
  afterAll(async () => {
    try {
      await current?.removeAll();
      const namespaces = join(runDirectory, 'run', 'netns');
      expect({ links: markedLinks(join(runDirectory, 'run')), defaultBridge: hostLinkNames().includes(defaultBridge), namespaces: existsSync(namespaces), rules: chainLines(chainPrefix) }).toEqual({
        links: [],
        defaultBridge: false,
        namespaces: false,
        rules: [],
      });
    } finally {
      rmSync(runDirectory, { recursive: true, force: true });
      lease?.release();
      guard?.release();
    }
  });

  return {
    service: () => current!,
    async reopen() {
      await current?.close();
      current = await NetworkService.open(options());
      return current;
    },
    runDirectory: join(runDirectory, 'run'),
    defaultBridge,
    chainPrefix,
    reports,
  };
}

/** A container as the engine would pass it: a fresh id, the default mode unless told. */
export function container(fields: Partial<ServiceContainer> = {}): ServiceContainer {
  const id = randomBytes(32).toString('hex');
  return { id, name: `/c-${id.slice(0, 6)}`, networkMode: 'default', endpoints: {}, portBindings: {}, exposedPorts: [], publishAllPorts: false, ...fields };
}

/** iptables-save's lines naming the chains of `prefix`. */
export function chainLines(prefix: string): string[] {
  return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((line) => line.includes(`${prefix}-`));
}

interface HostLink {
  ifname: string;
  ifalias?: string;
}

function hostLinks(): HostLink[] {
  return JSON.parse(execFileSync('ip', ['-j', '-d', 'link', 'show'], { encoding: 'utf8' })) as HostLink[];
}

export function hostLinkNames(): string[] {
  return hostLinks().map((link) => link.ifname);
}

/** The links carrying the service's mark, by name. */
export function markedLinks(runDirectory: string): string[] {
  return hostLinks()
    .filter((link) => link.ifalias === `berth:${runDirectory}`)
    .map((link) => link.ifname)
    .sort();
}
