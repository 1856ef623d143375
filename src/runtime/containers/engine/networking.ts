import type { ContainerInspect, HostConfig } from '../../../api/types/containers.js';
import type { EndpointSettings } from '../../../api/types/networks.js';
import { BerthError } from '../../../errors/index.js';
import type { ContainerRecord, ContainerRecords } from '../records/index.js';
import type { NamespaceChoice, RuntimeSpec } from '../spec/index.js';
import type { ContainerNetworks, NetworkAttachment, NetworkedContainer } from './container-networks.js';
import type { ContainerLayout } from './layout.js';
import { runningSpec } from './run-container.js';
import { writeContainerEtcFiles } from './runtime-mounts.js';

/** What a container's run takes from its networks: the namespace runc joins and the /etc files' lines. */
export interface RunNetwork {
  namespace: NamespaceChoice;
  /** The container's own addresses, for /etc/hosts. */
  addresses: readonly string[];
  /** The embedded resolver, for resolv.conf. */
  resolver?: string;
}

/**
 * The networks a new container joins at its start, as Docker 20.10 keeps them at create
 * (updateContainerNetworkSettings): the request's EndpointsConfig when it has any, else the mode's
 * network alone (`bridge` for the default mode), each by the name the client gave (the default
 * mode's `default` entry is `bridge`'s); none for `container:ID`, which has no network of its own.
 */
export function configuredEndpoints(hostConfig: HostConfig, endpointsConfig: Record<string, EndpointSettings> | undefined): Record<string, EndpointSettings> {
  const mode = modeOf(hostConfig);
  if (mode.startsWith('container:')) return {};
  const modeNetwork = mode === 'default' ? 'bridge' : mode;
  const given = Object.entries(endpointsConfig ?? {}).map(([name, settings]): [string, EndpointSettings] => [mode === 'default' && name === 'default' ? 'bridge' : name, structuredClone(settings ?? {})]);
  return given.length > 0 ? Object.fromEntries(given) : { [modeNetwork]: {} };
}

/** The container as the network side takes it (from its record, or the record a create is about to write). */
export function networkedContainer(record: Pick<ContainerRecord, 'Id' | 'Name' | 'Config' | 'HostConfig' | 'NetworkEndpoints'>): NetworkedContainer {
  const { Config, HostConfig } = record;
  const exposed = Object.keys(Config.ExposedPorts ?? {});
  const bindings = HostConfig.PortBindings ?? {};
  return {
    id: record.Id,
    name: record.Name,
    networkMode: modeOf(HostConfig),
    endpoints: record.NetworkEndpoints ?? configuredEndpoints(HostConfig, undefined),
    ...(Config.MacAddress ? { macAddress: Config.MacAddress } : {}),
    portBindings: bindings,
    exposedPorts: [...new Set([...exposed, ...Object.keys(bindings)])],
    publishAllPorts: HostConfig.PublishAllPorts === true,
    ...(HostConfig.Dns && HostConfig.Dns.length > 0 ? { dns: HostConfig.Dns } : {}),
  };
}

/** `default` for an empty mode, as Docker shows it. */
function modeOf(hostConfig: HostConfig): string {
  return hostConfig.NetworkMode || 'default';
}

/** The container a `container:ID` mode names, or undefined for any other mode. */
export function sharedWith(record: ContainerRecord): string | undefined {
  const mode = modeOf(record.HostConfig);
  return mode.startsWith('container:') ? mode.slice('container:'.length) : undefined;
}

/**
 * The container whose network namespace a `container:ID` container joins, following chains
 * (`container:B` where B is `container:A` joins A's), as Docker does. It must be running.
 */
function namespaceOwner(records: ContainerRecords, record: ContainerRecord): ContainerRecord {
  let current = record;
  const seen = new Set<string>([record.Id]);
  for (let reference = sharedWith(current); reference !== undefined; reference = sharedWith(current)) {
    const next = records.find(reference);
    if (seen.has(next.Id)) {
      throw new BerthError({
        code: 'CONTAINER_NETWORK_CYCLE',
        kind: 'usage',
        message: `cannot join the network namespace of container ${reference}: its network mode leads back to container ${record.Name.slice(1)}`,
        hint: 'give one container of the chain a network of its own (network_mode: bridge or a network name)',
      });
    }
    seen.add(next.Id);
    if (!next.State.Running || next.State.Restarting) {
      throw new BerthError({
        code: 'CONTAINER_NETWORK_OWNER_NOT_RUNNING',
        kind: 'conflict',
        message: `cannot join network of a non running container: ${next.Id}`,
        hint: `start ${next.Name.slice(1)} first: a container shares the network namespace of a running container only`,
      });
    }
    current = next;
  }
  return current;
}

/**
 * The network namespace a running container's spec put it in, for another container to join:
 * the file runc joined, the host's, or the one runc made (through the process's /proc entry).
 */
function joinedNamespace(spec: RuntimeSpec, pid: number): NamespaceChoice {
  const network = spec.linux?.namespaces?.find((namespace) => namespace.type === 'network');
  if (network === undefined) return 'host';
  return { path: network.path ?? `/proc/${pid}/ns/net`, shared: true };
}

export interface JoinContext {
  records: ContainerRecords;
  networks: ContainerNetworks | undefined;
  layout: (id: string) => ContainerLayout;
  /** The host's resolv.conf, for the /etc files rewritten at connect and disconnect. */
  hostResolvConf?: string;
}

/**
 * What a starting container runs in: for `container:ID`, the namespace of the running container
 * it names (found in that one's spec, so a chain or a container started without a network side
 * works alike) with that one's addresses and resolver for its /etc files; otherwise its own
 * attachment, whose settings (each network's id, the aliases given) the record keeps. Without a
 * network side, nothing: runc makes the namespace.
 */
export async function joinNetworks(context: JoinContext, record: ContainerRecord): Promise<RunNetwork | undefined> {
  if (sharedWith(record) !== undefined) {
    const owner = namespaceOwner(context.records, record);
    const spec = await runningSpec(context.layout(owner.Id));
    const attachment = context.networks?.attachment(owner.Id);
    return { namespace: joinedNamespace(spec, owner.State.Pid), addresses: attachment?.addresses ?? [], ...(attachment?.resolver ? { resolver: attachment.resolver } : {}) };
  }
  if (context.networks === undefined) return undefined;
  const attachment = await context.networks.attach(networkedContainer(record));
  context.records.update(record.Id, (current) => ({ ...current, NetworkEndpoints: keptEndpoints(attachment) }));
  return runNetworkOf(attachment);
}

/**
 * `docker network connect`: a running container joins at once (eth1...; its /etc/hosts gains the
 * address, rewritten in place), a created or stopped one at its next start (its record names one
 * more network). Docker's texts for a container on `host`, `none` or another's namespace, and for
 * a network it is on already.
 */
export async function connectNetwork(context: JoinContext, record: ContainerRecord, network: string, settings: EndpointSettings): Promise<void> {
  const networks = networkSide(context.networks);
  if (sharedWith(record) !== undefined) throw sharesNamespace();
  if (networks.attachment(record.Id) !== undefined) {
    const attachment = await networks.connect(record.Id, network, settings);
    await keep(context, record, attachment);
    return;
  }
  const name = networks.networkName(network);
  const configured = record.NetworkEndpoints ?? configuredEndpoints(record.HostConfig, undefined);
  if (name in configured) {
    throw new BerthError({ code: 'NETWORK_ENDPOINT_EXISTS', kind: 'conflict', message: `endpoint with name ${record.Name.slice(1)} already exists in network ${name}`, hint: `the container joins ${name} already; disconnect it first to connect it again with other settings` });
  }
  const next = { ...configured, [name]: structuredClone(settings) };
  networks.check({ ...networkedContainer(record), endpoints: next });
  context.records.update(record.Id, (current) => ({ ...current, NetworkEndpoints: next }));
}

/** `docker network disconnect`: a running container leaves at once, a stopped one is no longer to join it. */
export async function disconnectNetwork(context: JoinContext, record: ContainerRecord, network: string): Promise<void> {
  const networks = networkSide(context.networks);
  if (sharedWith(record) !== undefined) throw sharesNamespace();
  if (networks.attachment(record.Id) !== undefined) {
    await keep(context, record, await networks.disconnect(record.Id, network));
    return;
  }
  const name = networks.networkName(network);
  const { [name]: removed, ...rest } = record.NetworkEndpoints ?? configuredEndpoints(record.HostConfig, undefined);
  if (removed === undefined) {
    throw new BerthError({ code: 'NETWORK_NOT_CONNECTED', kind: 'conflict', message: `container ${record.Id} is not connected to network ${name}`, hint: '`docker inspect` lists the networks of a container' });
  }
  context.records.update(record.Id, (current) => ({ ...current, NetworkEndpoints: rest }));
}

/** A running container's networks changed: the record keeps them, its /etc/hosts and resolv.conf follow. */
async function keep(context: JoinContext, record: ContainerRecord, attachment: NetworkAttachment): Promise<void> {
  const updated = context.records.update(record.Id, (current) => ({ ...current, NetworkEndpoints: keptEndpoints(attachment) }));
  await writeContainerEtcFiles(updated, context.hostResolvConf, runNetworkOf(attachment));
}

function networkSide(networks: ContainerNetworks | undefined): ContainerNetworks {
  if (networks !== undefined) return networks;
  throw new BerthError({ code: 'NETWORKS_UNAVAILABLE', kind: 'unavailable', message: 'this engine runs without networks', hint: 'open the engine with its network side (the daemon always does)' });
}

function sharesNamespace(): BerthError {
  return new BerthError({
    code: 'NETWORK_MODE_ALONE',
    kind: 'usage',
    message: 'container sharing network namespace with another container or host cannot be connected to any other network',
    hint: 'a container:ID container has the networks of the container it joins; connect that one',
  });
}

/** The run's part of an attachment. */
function runNetworkOf(attachment: NetworkAttachment): RunNetwork {
  return {
    namespace: attachment.namespace === 'host' ? 'host' : { path: attachment.namespace.path },
    addresses: attachment.addresses,
    ...(attachment.resolver ? { resolver: attachment.resolver } : {}),
  };
}

/**
 * What the record keeps of an attachment: the settings less what only a running container has,
 * as Docker clears them at its stop (cleanOperationalData): each network's id and aliases stay.
 */
function keptEndpoints(attachment: NetworkAttachment): Record<string, EndpointSettings> {
  return Object.fromEntries(Object.entries(attachment.networks).map(([name, settings]) => [name, notOperational(settings)]));
}

/**
 * inspect's NetworkSettings: a running container's endpoints and ports as attached, else the
 * networks it joins with empty addresses and no ports, as dockerd 20.10 shows a created or
 * stopped container.
 */
export function networkSettings(record: ContainerRecord, attachment: NetworkAttachment | undefined): ContainerInspect['NetworkSettings'] {
  const configured = record.NetworkEndpoints ?? configuredEndpoints(record.HostConfig, undefined);
  const networks = attachment?.networks ?? Object.fromEntries(Object.entries(configured).map(([name, settings]) => [name, notOperational(settings)]));
  const bridge = networks.bridge;
  return {
    SandboxKey: attachment && attachment.namespace !== 'host' ? attachment.namespace.path : '',
    Ports: attachment?.ports ?? {},
    Networks: networks,
    // Docker's top-level fields repeat the default bridge's endpoint.
    IPAddress: bridge?.IPAddress ?? '',
    Gateway: bridge?.Gateway ?? '',
  };
}

/** An endpoint's settings in Docker's order, without its address, MAC, gateway and endpoint id. */
function notOperational(settings: EndpointSettings): EndpointSettings {
  return {
    IPAMConfig: settings.IPAMConfig ?? null,
    Links: settings.Links ?? null,
    Aliases: settings.Aliases ?? null,
    NetworkID: settings.NetworkID ?? '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: '',
    DriverOpts: settings.DriverOpts ?? null,
  };
}
