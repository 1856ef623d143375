import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  linkHost,
  prepareNamespaceDirectory,
  removeNamespaceDirectory,
  repairLinks,
  runInNamespace,
  type LinkHost,
} from '../../../src/network/links/index.js';
import { leaseAddressPool, type AddressPoolLease } from '../../harness/address-pool-lease.js';

/** One /24 of the file's leased 10.N.0.0/16: its bridge's gateway is .1, containers get .2 upward. */
export interface TestSubnet {
  gateway: string;
  prefixLength: number;
  address(host: number): string;
}

export interface LinksFixture {
  host: LinkHost;
  /** A fresh subnet no other test process uses (the address-pool lease the engine tests use). */
  subnet(): TestSubnet;
  /** A fresh `br-` + 12 hex name, watched by the leak check even when berth did not make it. */
  bridgeName(): string;
  /** A fresh container id for a namespace file. */
  containerId(): string;
}

/**
 * An engine's link host on a fresh run directory under /tmp, with its namespace directory
 * prepared, for one test file. After every test it checks that the test left nothing (links
 * with this engine's mark, bridges named through bridgeName(), namespace files or mounts under the
 * run directory), removes whatever it finds so the next test starts clean, and fails the test
 * that left it. After the file, the run directory goes, mount and all.
 */
export function useLinksFixture(): () => LinksFixture {
  let fixture: LinksFixture | undefined;
  let lease: AddressPoolLease | undefined;
  let runDirectory = '';
  const bridgeNames: string[] = [];

  beforeAll(async () => {
    lease = leaseAddressPool();
    runDirectory = mkdtempSync('/tmp/berth-links-');
    const host = linkHost(runDirectory);
    await prepareNamespaceDirectory(host);
    let nextSubnet = 1;
    const prefix = lease.addressPrefix;
    fixture = {
      host,
      subnet: () => {
        const third = nextSubnet++;
        return { gateway: `${prefix}${third}.1`, prefixLength: 24, address: (n) => `${prefix}${third}.${n}` };
      },
      bridgeName: () => {
        const name = `br-${randomBytes(6).toString('hex')}`;
        bridgeNames.push(name);
        return name;
      },
      containerId: () => randomBytes(32).toString('hex'),
    };
  });

  afterEach(async () => {
    if (!fixture) return;
    const leftovers = leftoversOf(fixture.host, bridgeNames);
    for (const name of leftovers.links.filter((link) => bridgeNames.includes(link))) execFileSync('ip', ['link', 'delete', name]);
    await repairLinks(fixture.host, { namespaces: new Set(), bridges: new Set(), endpoints: new Set() });
    expect(leftovers, 'what the test left behind').toEqual({ links: [], mounts: [], files: [] });
  });

  afterAll(async () => {
    try {
      if (fixture) await removeNamespaceDirectory(fixture.host);
      expect(mountsUnder(runDirectory)).toEqual([]);
    } finally {
      if (runDirectory) rmSync(runDirectory, { recursive: true, force: true });
      lease?.release();
    }
  });

  return () => {
    if (!fixture) throw new Error('useLinksFixture() is only ready inside tests');
    return fixture;
  };
}

/** Links carrying the engine's mark or named by the test, mounts under the run directory, namespace files. */
export function leftoversOf(host: LinkHost, bridgeNames: readonly string[] = []): { links: string[]; mounts: string[]; files: string[] } {
  const links = hostLinks()
    .filter((link) => link.ifalias === host.mark || bridgeNames.includes(link.ifname))
    .map((link) => link.ifname);
  const files = existsSync(host.namespaceDirectory) ? readdirSync(host.namespaceDirectory) : [];
  const mounts = mountsUnder(host.runDirectory).filter((point) => point !== host.namespaceDirectory);
  return { links: links.sort(), mounts, files };
}

/** `ip -j -d link`: the host's links with their alias and bridge. */
export function hostLinks(): { ifname: string; ifalias?: string; master?: string; linkinfo?: { info_kind?: string; info_slave_data?: { hairpin?: boolean } } }[] {
  return JSON.parse(execFileSync('ip', ['-j', '-d', 'link', 'show'], { encoding: 'utf8' }) || '[]') as ReturnType<typeof hostLinks>;
}

/** Mount points at or below `directory` in this process's mount table. */
export function mountsUnder(directory: string): string[] {
  if (!directory) return [];
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === directory || point.startsWith(`${directory}/`));
}

/** Whether one busybox ping from inside the namespace gets an answer from `address`. */
export async function pings(namespace: string, address: string): Promise<boolean> {
  const result = await runInNamespace(namespace, ['/bin/busybox', 'ping', '-c1', '-W1', address]);
  return result.exit.code === 0;
}

/** `ip -j ...` run inside the namespace, parsed. */
export async function ipJsonIn<T>(namespace: string, args: string[]): Promise<T> {
  const result = await runInNamespace(namespace, ['ip', '-j', ...args]);
  if (result.exit.code !== 0) throw new Error(`ip -j ${args.join(' ')} in ${namespace} failed: ${result.stderr}`);
  return JSON.parse(result.stdout || '[]') as T;
}
