import { execFileSync } from 'node:child_process';

/**
 * Host bridge interfaces, read with `ip -j link`. An engine killed before it could delete its
 * networks leaves its `br-<network id>` bridges behind; the harness removes those itself.
 */
export function listBridges(): Set<string> {
  const links = JSON.parse(execFileSync('ip', ['-j', 'link', 'show', 'type', 'bridge'], { encoding: 'utf8' }) || '[]') as { ifname: string }[];
  return new Set(links.map((link) => link.ifname));
}

/** Deletes a bridge; one that is already gone (another cleanup got there first) is fine. */
export function deleteBridge(name: string): void {
  try {
    execFileSync('ip', ['link', 'delete', name, 'type', 'bridge'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if (listBridges().has(name)) throw error;
  }
}

/** The bridge a Docker bridge network uses: its `com.docker.network.bridge.name` option, else `br-` and 12 characters of its id. */
export function bridgeNameOf(network: { Id: string; Driver?: string; Options?: Record<string, string> | null }): string | undefined {
  if (network.Driver !== 'bridge') return undefined;
  return network.Options?.['com.docker.network.bridge.name'] ?? `br-${network.Id.slice(0, 12)}`;
}

/** Bridges with an IPv4 address in `10.N.0.0/16`, given as `10.N.`: the networks of one engine's address pool. */
export function bridgesWithAddressIn(prefix: string): string[] {
  const links = JSON.parse(execFileSync('ip', ['-j', 'address', 'show', 'type', 'bridge'], { encoding: 'utf8' }) || '[]') as {
    ifname: string;
    addr_info?: { family: string; local: string }[];
  }[];
  return links.filter((link) => link.addr_info?.some((address) => address.family === 'inet' && address.local.startsWith(prefix))).map((link) => link.ifname);
}
