import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect } from 'vitest';
import { Firewall } from '../../../src/network/firewall/index.js';
import { guardIpForward, type ForwardingGuard } from './forwarding-guard.js';
import { createLab, type Lab } from './lab.js';

export interface FirewallLab {
  lab(): Lab;
  firewall(): Firewall;
  /** This test's chain prefix (`BT` and 6 hex digits): its chains are `<prefix>-FORWARD`... */
  prefix(): string;
}

/**
 * A fresh lab and a Firewall with its own chain prefix for each test. After each test the
 * firewall is taken down as the engine takes it down (each container released, each network
 * removed, then all of berth's state) and the leak check follows: no chain, jump or rule of the
 * prefix in iptables-save, no connection-tracking entry of a lab container's address. The lab is
 * destroyed either way.
 */
export function useFirewallLab(): FirewallLab {
  let lab: Lab | undefined;
  let firewall: Firewall | undefined;
  let prefix = '';
  let guard: ForwardingGuard | undefined;
  beforeEach(() => {
    guard = guardIpForward();
    lab = createLab();
    prefix = `BT${randomBytes(3).toString('hex').toUpperCase()}`;
    firewall = new Firewall({ chainPrefix: prefix });
  });
  afterEach(async () => {
    try {
      for (const container of lab?.containers() ?? []) await firewall?.releaseContainer(container);
      for (const network of lab?.networks() ?? []) await firewall?.removeNetwork(network);
      await firewall?.removeAll();
      expect(berthLines(prefix)).toEqual([]);
      expect(conntrackEntriesOf(lab?.containerAddresses() ?? [])).toEqual([]);
    } finally {
      // What a failed test left: conntrack exits 1 when there is nothing to delete.
      for (const address of lab?.containerAddresses() ?? []) for (const option of ['-s', '-r']) spawnSync('conntrack', ['-D', option, address], { stdio: 'ignore' });
      await lab?.destroy();
      guard?.release();
    }
  });
  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the firewall lab exists only inside a test');
    return value;
  };
  return { lab: () => must(lab), firewall: () => must(firewall), prefix: () => prefix };
}

/** iptables-save's lines that name the prefix's chains (declarations, jumps, rules). */
export function berthLines(prefix: string): string[] {
  return execFileSync('iptables-save', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((line) => line.includes(`${prefix}-`));
}

/** Connection-tracking entries that involve one of the addresses. */
export function conntrackEntriesOf(addresses: string[]): string[] {
  if (addresses.length === 0) return [];
  const entries = execFileSync('conntrack', ['-L'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  return entries.filter((entry) => addresses.some((address) => entry.includes(`src=${address} `) || entry.includes(`dst=${address} `)));
}
