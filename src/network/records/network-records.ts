import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Filters } from '../../api/types/common.js';
import type { Network, NetworkCreateRequest, NetworkCreateResponse } from '../../api/types/networks.js';
import {
  cidrsOverlap,
  dockerDefaultPools,
  parseIpv4Cidr,
  planAddressing,
  readHostRoutes,
  splitPools,
  type AddressPool,
  type HostRoute,
  type Ipv4Cidr,
  type RouteReader,
  type TakenSubnet,
} from '../ipam/index.js';
import { defaultBridgeName, defaultBridgeNetwork, hostOrNoneNetwork } from './builtin-networks.js';
import { bridgeOption } from './bridge-options.js';
import { checkCreateRequest, checkNetworkName } from './create-request.js';
import { dockerTime } from './docker-time.js';
import { readNetworkFile, writeNetworkFile } from './network-file.js';
import { listFilter, pruneFilter } from './network-filters.js';
import { lookupNetwork } from './network-lookup.js';
import { activeEndpoints, endpointExists, networkNameTaken, notConnected, predefinedNotRemovable, sameBridgeName } from './network-errors.js';
import { isPredefined, type EndpointRecord, type NetworkRecord } from './network-record.js';
import { networkView } from './network-view.js';
import { planEndpoint, type EndpointRequest } from './plan-endpoint.js';

export interface NetworkRecordsOptions {
  /** The host's routes, which automatic subnets stay off: readHostRoutes unless a test gives its own. */
  readRoutes?: RouteReader;
  /** Where automatic subnets come from: Docker's default pools unless configured. */
  pools?: readonly AddressPool[];
  /** The clock, for Created and prune's `until`. */
  now?: () => Date;
  /**
   * The default `bridge` network's device: berth0 unless given (Docker's `--bridge`). Test engines
   * side by side each take their own; an empty default network moves to a new name at open.
   */
  defaultBridge?: string;
}

/** A network and one of its endpoints: what connect, disconnect and release answer. */
export interface Attachment {
  network: NetworkRecord;
  endpoint: EndpointRecord;
}

/**
 * The engine's networks: pure state, one file each under `<state>/networks/`, written through on
 * every change (atomically: a kill at any moment leaves each file whole), kept in memory.
 * Nothing here touches the host besides reading its routes: bridges, addresses and rules are the
 * links/ and firewall/ helpers', driven by the engine from these records.
 *
 * The predefined networks `bridge` (on berth0), `host` and `none` always exist. Names are unique.
 * Lookups follow Docker's order (full id, name, id prefix). Endpoints are the running containers:
 * the engine connects a container at its start and releases it at its stop.
 *
 * One engine process owns a state directory. Every change but create is synchronous, so two
 * changes never interleave; create reads the routes first and then does its part in one go.
 */
export class NetworkRecords {
  private readonly networks = new Map<string, NetworkRecord>();
  /** Where the next automatic subnet search starts: Docker's rotation, in memory only (subnet-choice.ts). */
  private start = 0;

  private constructor(
    private readonly root: string,
    private readonly candidates: readonly Ipv4Cidr[],
    private readonly readRoutes: RouteReader,
    private readonly now: () => Date,
    private readonly defaultBridge: string,
  ) {}

  /**
   * Loads the networks under `stateDirectory`, deletes the temporary files a killed write left, and
   * makes the predefined networks on first use. The default bridge gets the first pool subnet the
   * host does not route (172.17.0.0/16 on most hosts); if the host has since routed its subnet
   * elsewhere (a dockerd took 172.17 for docker0) and no container is on it, it moves to a free one.
   */
  static async open(stateDirectory: string, options: NetworkRecordsOptions = {}): Promise<NetworkRecords> {
    const records = new NetworkRecords(join(stateDirectory, 'networks'), splitPools(options.pools ?? dockerDefaultPools), options.readRoutes ?? readHostRoutes, options.now ?? (() => new Date()), options.defaultBridge ?? defaultBridgeName);
    mkdirSync(records.root, { recursive: true, mode: 0o700 });
    for (const entry of readdirSync(records.root).sort()) {
      if (entry.startsWith('.') && entry.endsWith('.tmp')) rmSync(join(records.root, entry), { force: true });
      else if (/^[0-9a-f]{64}\.json$/.test(entry)) records.remember(readNetworkFile(join(records.root, entry)));
    }
    await records.ensurePredefined();
    return records;
  }

  /** Creates a bridge network (see checkCreateRequest and planAddressing for the rules and Docker's texts). */
  async create(request: NetworkCreateRequest): Promise<NetworkCreateResponse> {
    this.checkNameFree(checkNetworkName(request.Name));
    const checked = checkCreateRequest(request);
    const routes = await this.readRoutes();
    // Another create may have taken the name or a subnet while the routes were read.
    this.checkNameFree(checked.name);
    const id = this.newId();
    const bridge = checked.options[bridgeOption.name] ?? `br-${id.slice(0, 12)}`;
    const sameBridge = this.all().find((network) => network.bridge === bridge);
    if (sameBridge) throw sameBridgeName(id, bridge, sameBridge.Id);
    const plan = planAddressing(request.IPAM, { networkName: checked.name, ...this.subnetContext(routes) });
    this.start = plan.next;
    this.write({
      Id: id,
      Name: checked.name,
      Created: dockerTime(this.now()),
      Driver: 'bridge',
      Internal: checked.internal,
      Attachable: checked.attachable,
      IPAM: { Driver: 'default', Options: request.IPAM?.Options ? { ...request.IPAM.Options } : null, Config: plan.shown },
      Options: checked.options,
      Labels: checked.labels,
      bridge,
      addressing: plan.addressing,
      endpoints: {},
    });
    return { Id: id, Warning: '' };
  }

  /** `GET /networks/{id}`: the network with its containers. */
  inspect(reference: string): Network {
    return networkView(lookupNetwork(this.networks, reference, 'inspect'), true);
  }

  /** The record a user means by `reference` (full id, name, unique id prefix). */
  find(reference: string): NetworkRecord {
    return lookupNetwork(this.networks, reference, 'use');
  }

  /** `GET /networks`, by name, with Docker's filters (listFilter); Containers empty, as Docker lists them. */
  list(filters: Filters = {}): Network[] {
    return this.all().filter(listFilter(filters)).map((record) => networkView(record, false));
  }

  /** Every network, by name: what the engine sets up and repairs at start. */
  all(): NetworkRecord[] {
    return [...this.networks.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.Id < b.Id ? -1 : 1));
  }

  /** Forgets a network no container runs on; returns it, for the engine to take its bridge and rules down. */
  remove(reference: string): NetworkRecord {
    const network = this.find(reference);
    if (isPredefined(network.Name)) throw predefinedNotRemovable(network.Name);
    const endpoints = Object.values(network.endpoints);
    if (endpoints.length > 0) throw activeEndpoints(network.Name, network.Id, endpoints.map((endpoint) => endpoint.containerName).sort());
    this.forget(network);
    return network;
  }

  /**
   * Removes every network that is not predefined, has no container and matches the filters
   * (pruneFilter); returns them by name. `NetworksDeleted` is their names, or null for none.
   */
  prune(filters: Filters = {}): NetworkRecord[] {
    const matches = pruneFilter(filters, this.now());
    const pruned = this.all().filter((network) => !isPredefined(network.Name) && Object.keys(network.endpoints).length === 0 && matches(network));
    for (const network of pruned) this.forget(network);
    return pruned;
  }

  /** Gives a running container its endpoint on a network: its address, MAC and aliases (planEndpoint). */
  connect(reference: string, request: EndpointRequest): Attachment {
    const network = this.find(reference);
    if (network.endpoints[request.containerId]) throw endpointExists(request.containerName.replace(/^\//, ''), network.Name);
    const used = new Set(Object.values(network.endpoints).map((endpoint) => endpoint.ipv4Address).filter((address) => address !== ''));
    const endpoint = planEndpoint(network, request, used, randomBytes(32).toString('hex'));
    const next = { ...network, endpoints: { ...network.endpoints, [request.containerId]: endpoint } };
    this.write(next);
    return { network: next, endpoint };
  }

  /** Takes a container's endpoint off a network; its address is free for the next container. */
  disconnect(reference: string, containerId: string): Attachment {
    const network = this.find(reference);
    const endpoint = network.endpoints[containerId];
    if (endpoint === undefined) throw notConnected(containerId, network.Name);
    const { [containerId]: _, ...endpoints } = network.endpoints;
    const next = { ...network, endpoints };
    this.write(next);
    return { network: next, endpoint };
  }

  /** A container's endpoints, by network name. */
  endpointsOf(containerId: string): Attachment[] {
    return this.all().flatMap((network) => {
      const endpoint = network.endpoints[containerId];
      return endpoint === undefined ? [] : [{ network, endpoint }];
    });
  }

  /** Takes a container off every network, at its stop, or at engine start for one that no longer runs. */
  release(containerId: string): Attachment[] {
    return this.endpointsOf(containerId).map(({ network }) => this.disconnect(network.Id, containerId));
  }

  private checkNameFree(name: string): void {
    if (this.all().some((network) => network.Name === name)) throw networkNameTaken(name);
  }

  /** What choosing a subnet looks at: the engine's subnets, and the host's routes not through the engine's own bridges. */
  private subnetContext(routes: readonly HostRoute[]): { taken: TakenSubnet[]; routes: HostRoute[]; candidates: readonly Ipv4Cidr[]; start: number } {
    const bridges = new Set(this.all().map((network) => network.bridge));
    const taken = this.all().flatMap((network) => {
      const subnet = network.addressing && parseIpv4Cidr(network.addressing.subnet)?.network;
      return subnet ? [{ subnet, network: network.Name }] : [];
    });
    return { taken, routes: routes.filter((route) => !bridges.has(route.device)), candidates: this.candidates, start: this.start };
  }

  private async ensurePredefined(): Promise<void> {
    for (const name of ['host', 'none'] as const) {
      if (!this.all().some((network) => network.Name === name)) this.write(hostOrNoneNetwork(name, this.newId(), dockerTime(this.now())));
    }
    const routes = await this.readRoutes();
    const bridge = this.all().find((network) => network.Name === 'bridge');
    if (bridge !== undefined && !this.mustMove(bridge, routes)) return;
    // The default bridge's subnet is elected apart from the others, as Docker's is: it does not move the rotation.
    const others = this.subnetContext(routes);
    const context = { ...others, taken: others.taken.filter((taken) => taken.network !== 'bridge'), start: 0 };
    const { addressing } = planAddressing(undefined, { networkName: 'bridge', ...context });
    this.write(defaultBridgeNetwork(bridge?.Id ?? this.newId(), bridge?.Created ?? dockerTime(this.now()), addressing, this.defaultBridge));
  }

  /** Whether the default bridge, empty, sits on a subnet the host now routes through another interface, or must take another device. */
  private mustMove(bridge: NetworkRecord, routes: readonly HostRoute[]): boolean {
    const subnet = bridge.addressing && parseIpv4Cidr(bridge.addressing.subnet)?.network;
    if (subnet === undefined || Object.keys(bridge.endpoints).length > 0) return false;
    if (bridge.bridge !== this.defaultBridge) return true;
    return routes.some((route) => route.device !== bridge.bridge && cidrsOverlap(route.destination, subnet));
  }

  /** 64 random hex digits, the short form not all digits (Docker's rule), its `br-` name free. */
  private newId(): string {
    for (;;) {
      const id = randomBytes(32).toString('hex');
      if (/^\d{12}/.test(id) || this.networks.has(id) || this.all().some((network) => network.bridge === `br-${id.slice(0, 12)}`)) continue;
      return id;
    }
  }

  private write(record: NetworkRecord): void {
    writeNetworkFile(this.path(record.Id), record);
    this.remember(record);
  }

  private remember(record: NetworkRecord): void {
    this.networks.set(record.Id, record);
  }

  private forget(record: NetworkRecord): void {
    rmSync(this.path(record.Id), { force: true });
    this.networks.delete(record.Id);
  }

  private path(id: string): string {
    return join(this.root, `${id}.json`);
  }
}
