import type { EndpointSettings } from '../../api/types/networks.js';
import type { DnsResolver } from '../dns/index.js';
import type { Firewall, PortOwner } from '../firewall/index.js';
import { BerthError } from '../../errors/index.js';
import {
  attachEndpoint,
  containerInterfaceName,
  createNetworkNamespace,
  detachEndpoints,
  namespacePath,
  newVethName,
  removeNetworkNamespace,
  runInNamespace,
  type EndpointSpec,
  type LinkHost,
} from '../links/index.js';
import { bridgeSettings, endpointSettings, isPredefined, type Attachment, type NetworkRecords } from '../records/index.js';
import { planContainer, standsAlone, type PlannedNetwork } from './container-plan.js';
import type { ContainerLinks, ContainerLinksFiles, LinkedEndpoint } from './container-links.js';
import { firewallNetworkOf, prefixLength, type NetworkPlumbing } from './network-plumbing.js';
import { portRequests, portsView } from './port-requests.js';
import type { ServiceAttachment, ServiceContainer } from './types.js';

export interface AttachmentContext {
  records: NetworkRecords;
  host: LinkHost;
  resolver: DnsResolver;
  plumbing: NetworkPlumbing;
  files: ContainerLinksFiles;
  firewall: Firewall | undefined;
  report: (message: string) => void;
}

/**
 * Containers on their networks, as Docker's daemon puts them there at each start and takes them
 * off at each stop: endpoints in the records (address, MAC, aliases), a namespace with a veth on
 * each network's bridge, names in the resolver, published ports in the firewall. What was made
 * for a running container is kept in memory and in its links file (container-links.ts).
 */
export class ContainerAttachments {
  private readonly links = new Map<string, ContainerLinks>();

  constructor(
    private readonly context: AttachmentContext,
    known: readonly ContainerLinks[],
  ) {
    for (const links of known) this.links.set(links.containerId, links);
  }

  /** The networks exist and go together (planContainer's errors, Docker's texts). */
  check(container: ServiceContainer): void {
    planContainer(this.context.records, container);
  }

  /**
   * Puts a starting container on its networks, before its process runs. `host`: an endpoint on
   * the host network, nothing else. `none`: a namespace with `lo` alone. Otherwise, in order: an
   * endpoint on each network (records), each network's bridge, rules and resolver (made on first
   * use, as the default bridge's device is), the links file, the namespace with a veth per network
   * (eth0 first, the default route through the first network that is not internal), the names on
   * user-defined networks (the container's name, its aliases, its short id), the published ports
   * on the first network that is not internal. A failure takes back all of it.
   */
  async attach(container: ServiceContainer): Promise<ServiceAttachment> {
    const { records } = this.context;
    const plan = planContainer(records, container);
    const id = container.id;
    const name = container.name.replace(/^\//, '');
    if (this.links.has(id) || records.endpointsOf(id).length > 0) await this.detach(id);
    try {
      if (plan.kind !== 'bridges') {
        records.connect(plan.network.Id, { containerId: id, containerName: name });
        this.remember({ containerId: id, namespace: plan.kind === 'none', endpoints: [], exposedPorts: [] });
        if (plan.kind === 'none') await createNetworkNamespace(this.context.host, id);
        return this.attachment(id)!;
      }
      const attached = plan.networks.map((planned, index) => this.join(id, name, planned, index === 0 ? container.macAddress : undefined));
      for (const { network } of attached) await this.context.plumbing.ready(network);
      const gateway = attached.find(({ network }) => !network.Internal);
      const endpoints: LinkedEndpoint[] = attached.map(({ network }, index) => ({ networkId: network.Id, hostVeth: newVethName(), interfaceName: containerInterfaceName(index) }));
      this.remember({ containerId: id, namespace: true, endpoints, exposedPorts: [...container.exposedPorts], ...(container.dns ? { dns: [...container.dns] } : {}) });
      await createNetworkNamespace(
        this.context.host,
        id,
        attached.map((attachment, index) => endpointSpec(attachment, endpoints[index]!, attachment === gateway)),
      );
      this.register(id);
      if (gateway !== undefined) await this.publish(container, gateway);
      return this.attachment(id)!;
    } catch (error) {
      await this.detach(id).catch((cleanup: unknown) => this.context.report(`cannot take container ${name} off its networks after a failed start: ${messageOf(cleanup)}`));
      throw error;
    }
  }

  /**
   * Takes a container off its networks once its processes are gone: its names first (a stopped
   * container's name answers nothing from then on), its published ports, its namespace (its veths
   * go with it), its endpoints. A container with nothing attached is fine.
   */
  async detach(containerId: string): Promise<void> {
    const links = this.links.get(containerId);
    this.context.resolver.names.removeContainer(containerId);
    if (links?.ports && this.context.firewall) {
      const owner = this.portOwner(containerId, links.ports.networkId);
      if (owner) await this.context.firewall.releaseContainer(owner);
    }
    if (links?.namespace) await removeNetworkNamespace(this.context.host, containerId, links.endpoints.map((endpoint) => endpoint.hostVeth));
    this.context.records.release(containerId);
    this.context.files.remove(containerId);
    this.links.delete(containerId);
  }

  /**
   * At the engine's start: each container that runs keeps its namespace and gets its names and
   * published ports back (the same host ports; this process holds no port yet), its networks set
   * up if a reboot or crash took their bridges; everything attached for any other container (or
   * one no longer known) is detached. A container that cannot be restored is reported and left
   * as it is: it still runs, and its stop detaches it.
   */
  async recover(running: readonly ServiceContainer[]): Promise<void> {
    const live = new Set(running.map((container) => container.id));
    const attachedIds = new Set([...this.links.keys(), ...this.context.records.all().flatMap((network) => Object.keys(network.endpoints))]);
    for (const id of attachedIds) if (!live.has(id)) await this.detach(id);
    for (const container of running) {
      const links = this.links.get(container.id);
      if (links === undefined) continue;
      try {
        for (const { network } of this.context.records.endpointsOf(container.id)) await this.context.plumbing.ready(network);
        this.register(container.id);
        if (links.ports && this.context.firewall) {
          const owner = this.portOwner(container.id, links.ports.networkId);
          if (owner) await this.context.firewall.publishPorts(owner, links.ports.published.map((port) => ({ ...port })));
        }
      } catch (error) {
        this.context.report(`cannot restore the networks of container ${container.name.replace(/^\//, '')}: ${messageOf(error)}`);
      }
    }
  }

  /**
   * `docker network connect` of a running container: an endpoint on one more network, a veth into
   * its live namespace (the next ethN; the default route too when it had none through a network
   * that is not internal), its names there. Refused for a container on `host` or `none`, with
   * Docker's texts. A failure leaves the container as it was.
   */
  async connect(containerId: string, reference: string, settings: EndpointSettings): Promise<ServiceAttachment> {
    const links = this.running(containerId);
    const { records } = this.context;
    const network = records.find(reference);
    const current = this.ordered(containerId);
    if (network.Driver !== 'bridge' || !links.namespace || links.endpoints.length === 0) throw standsAlone(current.some(({ network: joined }) => joined.Driver === 'null') ? 'none' : 'host');
    const attachment = records.connect(network.Id, { containerId, containerName: current[0]?.endpoint.containerName ?? containerId, config: settings });
    const used = new Set(links.endpoints.map((endpoint) => endpoint.interfaceName));
    let index = 0;
    while (used.has(containerInterfaceName(index))) index += 1;
    const linked: LinkedEndpoint = { networkId: network.Id, hostVeth: newVethName(), interfaceName: containerInterfaceName(index) };
    const routed = current.some(({ network: joined }) => !joined.Internal);
    try {
      await this.context.plumbing.ready(network);
      this.remember({ ...links, endpoints: [...links.endpoints, linked] });
      await attachEndpoint(this.context.host, namespacePath(this.context.host, containerId), endpointSpec(attachment, linked, !routed && !network.Internal));
    } catch (error) {
      records.disconnect(network.Id, containerId);
      this.remember(links);
      throw error;
    }
    this.register(containerId);
    return this.attachment(containerId)!;
  }

  /**
   * `docker network disconnect` of a running container: its names on that network, the ports
   * published there, the veth, the endpoint. When the default route went with it, it goes through
   * the next network that is not internal, as Docker moves it.
   */
  async disconnect(containerId: string, reference: string): Promise<ServiceAttachment> {
    const links = this.running(containerId);
    const network = this.context.records.find(reference);
    const linked = links.endpoints.find((endpoint) => endpoint.networkId === network.Id);
    if (network.Driver !== 'bridge') throw standsAlone('host');
    if (linked === undefined) {
      // Not on it: the records answer with Docker's text.
      this.context.records.disconnect(network.Id, containerId);
      return this.attachment(containerId)!;
    }
    this.context.resolver.names.remove(network.Id, containerId);
    if (links.ports?.networkId === network.Id && this.context.firewall) {
      const owner = this.portOwner(containerId, network.Id);
      if (owner) await this.context.firewall.releaseContainer(owner);
    }
    const wasRoute = this.ordered(containerId).find(({ network: joined }) => !joined.Internal)?.network.Id === network.Id;
    await detachEndpoints([linked.hostVeth]);
    this.context.records.disconnect(network.Id, containerId);
    const { ports, ...rest } = links;
    this.remember({ ...rest, ...(ports && ports.networkId !== network.Id ? { ports } : {}), endpoints: links.endpoints.filter((endpoint) => endpoint !== linked) });
    const next = this.ordered(containerId).find(({ network: joined }) => !joined.Internal);
    if (wasRoute && next?.network.addressing) {
      const device = links.endpoints.find((endpoint) => endpoint.networkId === next.network.Id)?.interfaceName ?? 'eth0';
      await runInNamespace(namespacePath(this.context.host, containerId), ['ip', 'route', 'replace', 'default', 'via', next.network.addressing.gateway, 'dev', device]);
    }
    return this.attachment(containerId)!;
  }

  /** Every container off every network: removing the engine's state. */
  async detachAll(): Promise<void> {
    const ids = new Set([...this.links.keys(), ...this.context.records.all().flatMap((network) => Object.keys(network.endpoints))]);
    for (const id of ids) await this.detach(id);
  }

  /** What a running container got: see ServiceAttachment. */
  attachment(containerId: string): ServiceAttachment | undefined {
    const links = this.links.get(containerId);
    if (links === undefined) return undefined;
    const ordered = this.ordered(containerId);
    const userDefined = ordered.find(({ network }) => network.Driver === 'bridge' && !isPredefined(network.Name));
    const hostOnly = ordered.some(({ network }) => network.Driver === 'host');
    return {
      namespace: links.namespace ? { path: namespacePath(this.context.host, containerId) } : 'host',
      networks: Object.fromEntries(ordered.map(({ network, endpoint }): [string, EndpointSettings] => [network.Name, endpointSettings(network, endpoint)])),
      ports: hostOnly || !links.namespace ? {} : portsView(links.exposedPorts, links.ports?.published ?? []),
      addresses: ordered.map(({ endpoint }) => endpoint.ipv4Address).filter((address) => address !== ''),
      ...(userDefined?.network.addressing ? { resolver: userDefined.network.addressing.gateway } : {}),
    };
  }

  /** The links of a container that runs (attach made them), for connect and disconnect. */
  private running(containerId: string): ContainerLinks {
    const links = this.links.get(containerId);
    if (links !== undefined) return links;
    throw new BerthError({
      code: 'NETWORK_CONTAINER_NOT_ATTACHED',
      kind: 'conflict',
      message: `container ${containerId} is not running on its networks`,
      hint: 'a stopped container joins or leaves networks at its next start: change its settings instead',
    });
  }

  /** The container's endpoints in the order of its interfaces (eth0 first); the records keep them by network name. */
  private ordered(containerId: string): Attachment[] {
    const attachments = this.context.records.endpointsOf(containerId);
    const endpoints = this.links.get(containerId)?.endpoints ?? [];
    if (endpoints.length === 0) return attachments;
    return endpoints.flatMap((linked) => attachments.filter(({ network }) => network.Id === linked.networkId));
  }

  private join(containerId: string, containerName: string, planned: PlannedNetwork, macAddress: string | undefined): Attachment {
    return this.context.records.connect(planned.network.Id, { containerId, containerName, config: planned.settings, ...(macAddress ? { macAddress } : {}) });
  }

  /**
   * The container's names on its user-defined networks (Docker has no embedded DNS on the default
   * bridge), in the order it joined them: the resolver answers it from its first network that
   * knows a name.
   */
  private register(containerId: string): void {
    const links = this.links.get(containerId);
    const upstreams = links?.dns?.map((address) => ({ address, port: 53 }));
    for (const { network, endpoint } of this.ordered(containerId)) {
      if (network.Driver !== 'bridge' || isPredefined(network.Name) || endpoint.ipv4Address === '') continue;
      this.context.resolver.names.add({
        networkId: network.Id,
        networkName: network.Name,
        containerId,
        containerName: endpoint.containerName,
        aliases: endpoint.aliases ?? [],
        ipv4: endpoint.ipv4Address,
        ...(upstreams ? { upstreams } : {}),
      });
    }
  }

  /** Publishes the container's ports on `gateway`'s network; they and the host ports chosen go into its links file. */
  private async publish(container: ServiceContainer, gateway: Attachment): Promise<void> {
    const requests = portRequests(container, bridgeSettings(gateway.network).hostBindingIpv4);
    if (requests.length === 0) return;
    const links = this.links.get(container.id)!;
    if (this.context.firewall === undefined) {
      this.context.report(`container ${container.name.replace(/^\//, '')}: its ports are not published: the engine runs without its firewall`);
      return;
    }
    const owner = this.portOwner(container.id, gateway.network.Id)!;
    // Named before they exist: whatever of them a failure or a crash leaves, detach (or the
    // restarted engine's recover, publishing none) takes away with the container's other rules.
    this.remember({ ...links, ports: { networkId: gateway.network.Id, published: [] } });
    const published = await this.context.firewall.publishPorts(owner, requests);
    this.remember({ ...links, ports: { networkId: gateway.network.Id, published } });
  }

  private portOwner(containerId: string, networkId: string): PortOwner | undefined {
    const attachment = this.context.records.endpointsOf(containerId).find(({ network }) => network.Id === networkId);
    const network = attachment && firewallNetworkOf(attachment.network);
    return attachment && network ? { network, containerId, containerIp: attachment.endpoint.ipv4Address } : undefined;
  }

  private remember(links: ContainerLinks): void {
    this.context.files.write(links);
    this.links.set(links.containerId, links);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The veth pair of one endpoint, from its record and the names chosen for it. */
function endpointSpec({ network, endpoint }: Attachment, linked: LinkedEndpoint, defaultRoute: boolean): EndpointSpec {
  const addressing = network.addressing!;
  return {
    hostName: linked.hostVeth,
    containerName: linked.interfaceName,
    bridge: network.bridge!,
    macAddress: endpoint.macAddress,
    address: endpoint.ipv4Address,
    prefixLength: prefixLength(addressing.subnet),
    mtu: bridgeSettings(network).mtu,
    ...(defaultRoute ? { defaultGateway: addressing.gateway } : {}),
  };
}
