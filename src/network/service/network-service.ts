import type { Filters } from '../../api/types/common.js';
import type { EndpointSettings, Network, NetworkCreateRequest, NetworkCreateResponse, NetworkPruneResponse } from '../../api/types/networks.js';
import { DnsResolver, type DnsResolverOptions } from '../dns/index.js';
import type { Firewall } from '../firewall/index.js';
import type { AddressPool, RouteReader } from '../ipam/index.js';
import { linkHost, prepareNamespaceDirectory, removeNamespaceDirectory, repairLinks, type LinkHost } from '../links/index.js';
import { NetworkRecords } from '../records/index.js';
import { ContainerAttachments } from './container-attachments.js';
import { ContainerLinksFiles } from './container-links.js';
import { NetworkPlumbing } from './network-plumbing.js';
import type { ServiceAttachment, ServiceContainer } from './types.js';

export interface NetworkServiceOptions {
  /** The engine's state directory: network records under `networks/`. */
  stateDirectory: string;
  /** The engine's run directory: namespace files under `netns/`, containers' links under `network/`; its path is the mark on berth's links. */
  runDirectory: string;
  /**
   * berth's packet rules (published ports, egress, isolation), owned by the caller: the service
   * repairs them at open and drives them after. Without it containers still reach each other on a
   * network and the host reaches them, but nothing is published, masqueraded or isolated, and IP
   * forwarding is left as it is.
   */
  firewall?: Firewall;
  /** Where automatic subnets come from (dockerd's `--default-address-pool`): Docker's pools unless given. */
  pools?: readonly AddressPool[];
  /** The host's routes, for the subnet choice; tests give their own. */
  readRoutes?: RouteReader;
  /** The default `bridge` network's device: berth0 unless given (dockerd's `--bridge`). */
  defaultBridge?: string;
  /** The resolver's options (port, upstreams, timeouts); Docker's defaults otherwise. */
  dns?: DnsResolverOptions;
  /**
   * The engine's log: host changes worth telling ("enabled net.ipv4.ip_forward"), and what failed
   * where no caller waits (a network that could not be brought back at open, a container whose
   * names or ports could not be restored, a clean-up after a failed start).
   */
  report: (message: string) => void;
}

/**
 * The engine's networks, whole: the records (records/), their bridges and the containers'
 * namespaces and veths (links/), the resolver on each user-defined network's gateway (dns/), the
 * rules (firewall/). The daemon's network handlers call the resource operations; the container
 * engine calls check, attach, detach, recover, connect, disconnect, networkName and attachment
 * (its ContainerNetworks interface).
 *
 * Open repairs what a crash left (links and rules nobody's state names) and brings each
 * user-defined network back (bridge, rules, resolver); the default bridge's device is made at the
 * first container on it. One service owns a state and run directory at a time; close() before
 * another opens them (its resolver holds the gateways' port 53).
 */
export class NetworkService {
  private constructor(
    readonly records: NetworkRecords,
    readonly resolver: DnsResolver,
    private readonly host: LinkHost,
    private readonly plumbing: NetworkPlumbing,
    private readonly containers: ContainerAttachments,
    private readonly firewall: Firewall | undefined,
  ) {}

  static async open(options: NetworkServiceOptions): Promise<NetworkService> {
    const records = await NetworkRecords.open(options.stateDirectory, {
      ...(options.pools ? { pools: options.pools } : {}),
      ...(options.readRoutes ? { readRoutes: options.readRoutes } : {}),
      ...(options.defaultBridge ? { defaultBridge: options.defaultBridge } : {}),
    });
    const host = linkHost(options.runDirectory);
    await prepareNamespaceDirectory(host);
    const files = ContainerLinksFiles.open(options.runDirectory);
    const known = files.readAll();
    const bridges = new Set(records.all().flatMap((network) => (network.bridge === undefined ? [] : [network.bridge])));
    await repairLinks(host, {
      namespaces: new Set(known.filter((links) => links.namespace).map((links) => links.containerId)),
      bridges,
      endpoints: new Set(known.flatMap((links) => links.endpoints.map((endpoint) => endpoint.hostVeth))),
    });
    await options.firewall?.repair({ networks: bridges, containers: known.map((links) => links.containerId) });
    const resolver = new DnsResolver(options.dns ?? {});
    const report = options.report;
    const plumbing = new NetworkPlumbing(host, resolver, options.firewall, report);
    const containers = new ContainerAttachments({ records, host, resolver, plumbing, files, firewall: options.firewall, report }, known);
    // One network that cannot come back (its gateway address taken meanwhile) must not keep the
    // engine from opening: it is reported, and its containers' starts fail with the reason.
    for (const network of records.all()) {
      if (network.Name === 'bridge' || network.Driver !== 'bridge') continue;
      await plumbing.ready(network).catch((error: unknown) => report(`cannot bring back network ${network.Name}: ${error instanceof Error ? error.message : String(error)}`));
    }
    return new NetworkService(records, resolver, host, plumbing, containers, options.firewall);
  }

  /** Stops answering DNS; bridges, namespaces and rules stay for the containers that run on, and the next process. */
  async close(): Promise<void> {
    await this.resolver.close();
  }

  /**
   * Removes everything: every container's links, every network but the predefined ones, the
   * default bridge's device, berth's firewall chains, the namespace directory. What removing the
   * engine's whole state does; the service is closed after.
   */
  async removeAll(): Promise<void> {
    await this.containers.detachAll();
    for (const network of this.records.all()) {
      if (network.Name !== 'bridge' && network.Driver === 'bridge') this.records.remove(network.Id);
      if (network.Driver === 'bridge') await this.plumbing.tearDown(network);
    }
    await this.firewall?.removeAll();
    await this.resolver.close();
    await removeNamespaceDirectory(this.host);
  }

  /**
   * `docker network create`: the record, then the bridge, the rules and the resolver. A failure
   * undoes all of it: no record, no bridge.
   */
  async create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    const response = await this.records.create(request);
    const network = this.records.find(response.Id);
    try {
      await this.plumbing.ready(network);
    } catch (error) {
      // A container that raced onto the half-made network fails with it and releases its endpoint.
      if (Object.keys(this.records.find(network.Id).endpoints).length === 0) this.records.remove(network.Id);
      throw error;
    }
    return response;
  }

  inspect(reference: string): Network {
    return this.records.inspect(reference);
  }

  list(filters: Filters = {}): Network[] {
    return this.records.list(filters);
  }

  /** `docker network rm`: refused while a container runs on it (Docker's text); then its resolver, rules and bridge go. */
  async remove(reference: string): Promise<void> {
    await this.plumbing.tearDown(this.records.remove(reference));
  }

  /** `docker network prune`: the unused user-defined networks that match, torn down; their names, or null for none. */
  async prune(filters: Filters = {}): Promise<NetworkPruneResponse> {
    const pruned = this.records.prune(filters);
    for (const network of pruned) await this.plumbing.tearDown(network);
    return { NetworksDeleted: pruned.length > 0 ? pruned.map((network) => network.Name) : null };
  }

  /** At create: the networks the container names exist, and its mode and networks go together. */
  check(container: ServiceContainer): void {
    this.containers.check(container);
  }

  /** At start: see ContainerAttachments.attach. */
  attach(container: ServiceContainer): Promise<ServiceAttachment> {
    return this.containers.attach(container);
  }

  /** Once its processes are gone: see ContainerAttachments.detach. */
  detach(containerId: string): Promise<void> {
    return this.containers.detach(containerId);
  }

  /** At the engine's start: see ContainerAttachments.recover. */
  recover(running: readonly ServiceContainer[]): Promise<void> {
    return this.containers.recover(running);
  }

  /** `docker network connect` of a running container: see ContainerAttachments.connect. */
  connect(containerId: string, reference: string, settings: EndpointSettings = {}): Promise<ServiceAttachment> {
    return this.containers.connect(containerId, reference, settings);
  }

  /** `docker network disconnect` of a running container: see ContainerAttachments.disconnect. */
  disconnect(containerId: string, reference: string): Promise<ServiceAttachment> {
    return this.containers.disconnect(containerId, reference);
  }

  /** The name of the network a user means (full id, name, id prefix); Docker's `network X not found` otherwise. */
  networkName(reference: string): string {
    return this.records.find(reference).Name;
  }

  attachment(containerId: string): ServiceAttachment | undefined {
    return this.containers.attachment(containerId);
  }
}
