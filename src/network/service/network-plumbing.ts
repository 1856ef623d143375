import type { DnsResolver } from '../dns/index.js';
import type { Firewall, FirewallNetwork } from '../firewall/index.js';
import { deleteBridge, ensureBridge, listBridges, type LinkHost } from '../links/index.js';
import { bridgeSettings, isPredefined, type NetworkRecord } from '../records/index.js';

/**
 * A bridge network's presence on the host: its bridge with the gateway address, its firewall
 * rules, and (on a user-defined network: Docker's default bridge has no embedded DNS) the
 * resolver listening on its gateway. `ready` makes all of it once per network and engine process,
 * whoever asks first (create, a container's start, the engine's start-up); a failure takes back a
 * bridge it made, so no half-made bridge stays (one that was there before, with containers on it
 * perhaps, stays), and the next caller tries again. `tearDown` removes it, names and listener first.
 */
export class NetworkPlumbing {
  private readonly made = new Map<string, Promise<void>>();

  constructor(
    private readonly host: LinkHost,
    private readonly resolver: DnsResolver,
    private readonly firewall: Firewall | undefined,
    private readonly report: (message: string) => void,
  ) {}

  ready(network: NetworkRecord): Promise<void> {
    let made = this.made.get(network.Id);
    if (made === undefined) {
      made = this.setUp(network).catch((error: unknown) => {
        this.made.delete(network.Id);
        throw error;
      });
      this.made.set(network.Id, made);
    }
    return made;
  }

  /** Removes what ready made (and, after a crash, what an earlier process made): each step is tried, the first failure thrown. */
  async tearDown(network: NetworkRecord): Promise<void> {
    // A set-up still running finishes first, so nothing it makes afterwards stays.
    await this.made.get(network.Id)?.catch(() => undefined);
    this.made.delete(network.Id);
    await this.remove(network);
  }

  private async remove(network: NetworkRecord): Promise<void> {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<void>): Promise<void> => step().catch((error: unknown) => void failures.push(error));
    this.resolver.names.removeNetwork(network.Id);
    await attempt(() => this.resolver.stopListening(network.Id));
    const firewallNetwork = firewallNetworkOf(network);
    if (this.firewall && firewallNetwork) await attempt(() => this.firewall!.removeNetwork(firewallNetwork));
    if (network.bridge !== undefined) await attempt(() => deleteBridge(this.host, network.bridge!));
    if (failures.length > 0) throw failures[0];
  }

  private async setUp(network: NetworkRecord): Promise<void> {
    const addressing = network.addressing;
    if (network.Driver !== 'bridge' || addressing === undefined) return;
    const settings = bridgeSettings(network);
    const existed = (await listBridges(this.host)).some((link) => link.name === settings.bridge);
    try {
      await ensureBridge(this.host, { name: settings.bridge, gateway: addressing.gateway, prefixLength: prefixLength(addressing.subnet), mtu: settings.mtu });
      const firewallNetwork = firewallNetworkOf(network);
      if (this.firewall && firewallNetwork) {
        const { enabledIpForward } = await this.firewall.setupNetwork(firewallNetwork);
        if (enabledIpForward) this.report(`enabled net.ipv4.ip_forward for network ${network.Name}: its containers reach outside through the host`);
      }
      if (!isPredefined(network.Name)) await this.resolver.listen(network.Id, addressing.gateway);
    } catch (error) {
      if (!existed) await this.remove(network).catch(() => undefined);
      throw error;
    }
  }
}

/** What the firewall knows of a bridge network; undefined for host and none. */
export function firewallNetworkOf(network: NetworkRecord): FirewallNetwork | undefined {
  if (network.bridge === undefined || network.addressing === undefined) return undefined;
  return { bridge: network.bridge, subnet: network.addressing.subnet, internal: network.Internal };
}

export function prefixLength(subnet: string): number {
  return Number(subnet.split('/')[1]);
}
