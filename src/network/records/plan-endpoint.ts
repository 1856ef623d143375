import type { EndpointSettings } from '../../api/types/networks.js';
import { allocateAddress, invalidAddress, ipv6NotSupported, macAddressFor, parseIpv4 } from '../ipam/index.js';
import { aliasOnPredefined, fixedAddressOnPredefined, fixedAddressWithoutSubnet } from './network-errors.js';
import { isPredefined, type EndpointRecord, type NetworkRecord } from './network-record.js';

/** A running container joining a network: at its start, or connected while it runs. */
export interface EndpointRequest {
  containerId: string;
  /** Docker's name, `/shop-web-1` or `shop-web-1`. */
  containerName: string;
  /** The container's settings for this network as create or connect gave them: IPAMConfig, Aliases, Links, DriverOpts. */
  config?: EndpointSettings | null;
  /** The container's own MAC address (Config.MacAddress, checked by the caller); else Docker's, made from the IPv4 address. */
  macAddress?: string;
}

/**
 * The endpoint a container gets on `network`, by Docker 20.10's rules and texts: a fixed
 * `ipv4_address` only on a user-defined network whose subnet the user gave, aliases only on a
 * user-defined network (where Docker adds the short container id after them), an address from the
 * IPAM (allocateAddress), the MAC address from it. The host and none networks give endpoints
 * without addresses. `used` holds the addresses the network's other endpoints have.
 */
export function planEndpoint(network: NetworkRecord, request: EndpointRequest, used: ReadonlySet<string>, endpointId: string): EndpointRecord {
  // A copy: the record must not change when the caller's request object does.
  const config = structuredClone(request.config ?? {});
  const requested = config.IPAMConfig?.IPv4Address || undefined;
  if (requested !== undefined && parseIpv4(requested) === undefined) throw invalidAddress(requested);
  if (config.IPAMConfig?.IPv6Address) throw ipv6NotSupported(`ipv6_address ${config.IPAMConfig.IPv6Address}`);
  const predefined = isPredefined(network.Name);
  if (predefined && requested !== undefined) throw fixedAddressOnPredefined();
  if (predefined && (config.Aliases ?? []).length > 0) throw aliasOnPredefined();
  const endpoint: EndpointRecord = {
    containerId: request.containerId,
    containerName: request.containerName.replace(/^\//, ''),
    endpointId,
    macAddress: '',
    ipv4Address: '',
    aliases: predefined ? (config.Aliases ?? null) : withShortId(config.Aliases ?? [], request.containerId),
    ipamConfig: config.IPAMConfig ?? null,
    links: config.Links ?? null,
    driverOpts: config.DriverOpts ?? null,
  };
  if (network.addressing === undefined) return endpoint;
  if (requested !== undefined && !network.addressing.userSubnet) throw fixedAddressWithoutSubnet();
  const address = allocateAddress({ id: network.Id, name: network.Name, addressing: network.addressing }, used, requested);
  return { ...endpoint, ipv4Address: address, macAddress: request.macAddress || macAddressFor(address) };
}

/** Docker adds the 12-digit container id to a user-defined network's aliases, once. */
function withShortId(aliases: readonly string[], containerId: string): string[] {
  const shortId = containerId.slice(0, 12);
  return aliases.includes(shortId) ? [...aliases] : [...aliases, shortId];
}
