import type { EndpointSettings } from '../../api/index.js';
import type { Project, ServiceConfig, ServiceNetworkConfig } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { networkName } from '../contract/names.js';
import { definedFields, listCopy, mappingCopy } from './defined-fields.js';
import { sharedNamespaceMode, type ContainerOfService } from './service-references.js';

export interface NetworkingInput {
  project: Project;
  serviceName: string;
  service: ServiceConfig;
  containerName: string;
  /** Whether the service name and `aliases` become DNS names (always for `up`; `run --use-aliases`). */
  useAliases: boolean;
  links: string[];
  containerOfService: ContainerOfService;
}

export interface ContainerNetworking {
  /** `HostConfig.NetworkMode`: the first network's engine name, or the service's `network_mode`. */
  mode: string;
  /** The network joined at creation (API 1.41 takes one), absent with a `network_mode`. */
  primary?: { network: string; endpoint: EndpointSettings };
  /** The rest, joined with `POST /networks/{id}/connect` before start, in priority order. */
  extra: Array<{ network: string; endpoint: EndpointSettings }>;
  /** The container-wide MAC address: API 1.41 has no per-endpoint one. */
  macAddress?: string;
}

/**
 * Where a container's network comes from, as Compose decides for engines older than API 1.44:
 * a `network_mode` as written (`service:X` becomes `container:<X's container>`); otherwise the
 * service's networks by `priority` (highest first, then by name), the first at creation and the
 * others connected afterwards; `none` for a project without networks.
 */
export function containerNetworking(input: NetworkingInput): ContainerNetworking {
  const { project, service } = input;
  const macAddress = containerMacAddress(input);
  if (service.network_mode !== undefined) {
    return { mode: sharedNamespaceMode(service.network_mode, 'network', input.serviceName, input.containerOfService)!, extra: [], macAddress };
  }
  if (Object.keys(project.networks ?? {}).length === 0) return { mode: 'none', extra: [], macAddress };
  const joined = networksByPriority(service).map((key) => ({
    network: networkName(project, key),
    endpoint: endpointSettings(input, service.networks?.[key]),
  }));
  const [primary = { network: networkName(project, 'default'), endpoint: endpointSettings(input, undefined) }, ...extra] = joined;
  return { mode: primary.network, primary, extra, macAddress };
}

/** Network keys by `priority`, highest first, then by name (compose-go's `NetworksByPriority`). */
export function networksByPriority(service: ServiceConfig): string[] {
  return Object.entries(service.networks ?? {})
    .map(([key, config]) => ({ key, priority: config?.priority ?? 0 }))
    .sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key }) => key);
}

/**
 * A container's endpoint on one network: its DNS names (the container name, then with aliases
 * on the service name and the network's `aliases`), the legacy links, fixed addresses, the
 * network's driver options.
 */
function endpointSettings(input: NetworkingInput, config: ServiceNetworkConfig | null | undefined): EndpointSettings {
  const aliases = [input.containerName, ...(input.useAliases ? [input.serviceName, ...(config?.aliases ?? [])] : [])];
  const hasAddress = config?.ipv4_address !== undefined || config?.ipv6_address !== undefined || (config?.link_local_ips?.length ?? 0) > 0;
  const ipam = hasAddress
    ? definedFields({ IPv4Address: config?.ipv4_address, IPv6Address: config?.ipv6_address, LinkLocalIPs: listCopy(config?.link_local_ips) })
    : undefined;
  return definedFields({
    Aliases: aliases,
    Links: input.links.length > 0 ? [...input.links] : undefined,
    IPAMConfig: ipam,
    MacAddress: config?.mac_address,
    DriverOpts: mappingCopy(config?.driver_opts),
  });
}

/**
 * Before API 1.44 a MAC address is the container's, not an endpoint's: the service's
 * `mac_address`, or the first network's. Like Compose, refuse two that differ, or MAC addresses
 * on several networks, rather than silently drop one.
 */
function containerMacAddress({ service, serviceName }: NetworkingInput): string | undefined {
  const [mainKey] = networksByPriority(service);
  const mainMac = mainKey === undefined ? undefined : service.networks?.[mainKey]?.mac_address;
  if (service.mac_address !== undefined && mainMac !== undefined && mainMac !== service.mac_address) {
    throw macError(serviceName, `the service-level mac_address should have the same value as network ${mainKey}`, 'write the MAC address once, either on the service or on its network');
  }
  const withMac = Object.entries(service.networks ?? {}).filter(([, config]) => config?.mac_address !== undefined).map(([key]) => key).sort();
  if (withMac.length > 1) {
    throw macError(serviceName, `a MAC address is specified for multiple networks (${withMac.join(', ')}), but engine API 1.41 sets only one per container`, 'keep mac_address on one network');
  }
  return mainMac ?? service.mac_address;
}

function macError(service: string, detail: string, hint: string): BerthError {
  return new BerthError({ code: 'MAC_ADDRESS_UNSUPPORTED', kind: 'invalid-project', message: `service "${service}": ${detail}`, hint });
}
