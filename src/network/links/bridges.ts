import { BerthError } from '../../errors/index.js';
import { macAddressFor } from '../ipam/index.js';
import { batchLine, ipBatch, IpBatchError } from './ip-batch.js';
import type { LinkHost } from './link-host.js';
import { readHostLinks, type HostLink } from './link-table.js';
import { checkInterfaceName, checkMacAddress, checkPrefixLength, checkIPv4 } from './names.js';

/** One network's bridge: its name and the gateway address containers route through. */
export interface BridgeSpec {
  /** The network record's bridge name: `br-` and 12 hex of the network id, or `berth0` for the default network. */
  name: string;
  /** The gateway address the bridge holds, such as 172.18.0.1. */
  gateway: string;
  /** The network's prefix length, 16 for 172.18.0.0/16. */
  prefixLength: number;
  /** 1500 unless the network sets `com.docker.network.driver.mtu`. */
  mtu?: number;
  /**
   * The bridge's own MAC address; by default 02:42 and the gateway's address. Given explicitly,
   * the bridge keeps it, where a bridge left to itself takes its lowest port's address and changes
   * it as containers come and go, leaving stale ARP entries in the others.
   */
  macAddress?: string;
}

/**
 * Makes sure the bridge exists, is berth's, has the gateway address, the MTU, and is up: one `ip`
 * for the checks and one batch for the changes. A link of that name that berth did not make (a
 * dockerd's bridge, another engine's) is a conflict, never adopted.
 */
export async function ensureBridge(host: LinkHost, spec: BridgeSpec): Promise<void> {
  checkInterfaceName(spec.name, 'bridge');
  checkIPv4(spec.gateway);
  checkPrefixLength(spec.prefixLength);
  const mtu = spec.mtu ?? 1500;
  const mac = spec.macAddress ?? macAddressFor(spec.gateway);
  checkMacAddress(mac);
  for (let attempt = 0; ; attempt += 1) {
    const [existing] = await readHostLinks(spec.name);
    if (existing) checkOurs(host, existing);
    // The alias lands a line after the bridge is made, in the same ip process; only a SIGKILL of
    // that ip between the two lines could leave a bridge without berth's mark.
    const lines = [
      ...(existing ? [] : [batchLine('link', 'add', spec.name, 'mtu', mtu, 'address', mac, 'type', 'bridge')]),
      batchLine('link', 'set', spec.name, 'alias', host.mark, 'mtu', mtu),
      batchLine('address', 'replace', `${spec.gateway}/${spec.prefixLength}`, 'brd', '+', 'dev', spec.name),
      batchLine('link', 'set', spec.name, 'up'),
    ];
    try {
      await ipBatch(lines, 'host', {
        code: 'NETWORK_BRIDGE_FAILED',
        action: `cannot set up bridge ${spec.name} (${spec.gateway}/${spec.prefixLength})`,
        hint: `check \`ip -d address show dev ${spec.name}\`; another interface may hold the gateway address`,
      });
      return;
    } catch (error) {
      // Another caller made it between the look and the add: look again, once.
      const raced = !existing && error instanceof IpBatchError && error.failedLine === 0 && error.kind === 'conflict';
      if (!raced || attempt > 0) throw error;
    }
  }
}

/** Deletes berth's bridge; one already gone is fine, one berth did not make is refused. */
export async function deleteBridge(host: LinkHost, name: string): Promise<void> {
  checkInterfaceName(name, 'bridge');
  const [existing] = await readHostLinks(name);
  if (!existing) return;
  checkOurs(host, existing);
  await ipBatch([batchLine('link', 'delete', name)], 'host', {
    code: 'NETWORK_BRIDGE_FAILED',
    action: `cannot delete bridge ${name}`,
    hint: `check \`ip -d link show dev ${name}\``,
  });
}

/** The bridges this engine made (carrying its mark), by name. */
export async function listBridges(host: LinkHost): Promise<HostLink[]> {
  return (await readHostLinks()).filter((link) => link.kind === 'bridge' && link.alias === host.mark);
}

function checkOurs(host: LinkHost, link: HostLink): void {
  if (link.kind === 'bridge' && link.alias === host.mark) return;
  throw new BerthError({
    code: 'NETWORK_BRIDGE_NOT_OURS',
    kind: 'conflict',
    message: `interface ${link.name} already exists and was not made by this berth engine (${link.kind ?? 'device'}${link.alias ? `, alias ${JSON.stringify(link.alias)}` : ''})`,
    hint: 'another tool (a dockerd, another berth engine) uses this name: remove that network, or give this one another bridge name',
  });
}
