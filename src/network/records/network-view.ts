import type { EndpointSettings, Network, NetworkContainer } from '../../api/types/networks.js';
import type { EndpointRecord, NetworkRecord } from './network-record.js';

/**
 * A network as `GET /networks/{id}` shows it (with its containers) or as `GET /networks` lists it
 * (`Containers` empty, as Docker 20.10 lists them), fields in Docker's order, maps by key as Go
 * writes them.
 */
export function networkView(record: NetworkRecord, withContainers: boolean): Network {
  return {
    Name: record.Name,
    Id: record.Id,
    Created: record.Created,
    Scope: 'local',
    Driver: record.Driver,
    EnableIPv6: false,
    IPAM: {
      Driver: record.IPAM.Driver,
      Options: record.IPAM.Options && sorted(record.IPAM.Options),
      Config: record.IPAM.Config.map(({ AuxiliaryAddresses, ...config }) => (AuxiliaryAddresses ? { ...config, AuxiliaryAddresses: sorted(AuxiliaryAddresses) } : config)),
    },
    Internal: record.Internal,
    Attachable: record.Attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: withContainers ? sorted(Object.fromEntries(Object.values(record.endpoints).map((endpoint) => [endpoint.containerId, containerEntry(record, endpoint)]))) : {},
    Options: sorted(record.Options),
    Labels: sorted(record.Labels),
  };
}

function containerEntry(record: NetworkRecord, endpoint: EndpointRecord): NetworkContainer {
  return {
    Name: endpoint.containerName,
    EndpointID: endpoint.endpointId,
    MacAddress: endpoint.macAddress,
    IPv4Address: endpoint.ipv4Address === '' ? '' : `${endpoint.ipv4Address}/${prefixLength(record)}`,
    IPv6Address: '',
  };
}

/** A running container's entry in its inspect's `NetworkSettings.Networks`, fields in Docker's order. */
export function endpointSettings(record: NetworkRecord, endpoint: EndpointRecord): EndpointSettings {
  const addressed = endpoint.ipv4Address !== '';
  return {
    IPAMConfig: endpoint.ipamConfig,
    Links: endpoint.links,
    Aliases: endpoint.aliases,
    NetworkID: record.Id,
    EndpointID: endpoint.endpointId,
    Gateway: addressed ? (record.addressing?.gateway ?? '') : '',
    IPAddress: endpoint.ipv4Address,
    IPPrefixLen: addressed ? prefixLength(record) : 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: endpoint.macAddress,
    DriverOpts: endpoint.driverOpts,
  };
}

function prefixLength(record: NetworkRecord): number {
  return Number(record.addressing?.subnet.split('/')[1] ?? 0);
}

/** A copy of a map with its keys in order: Go's JSON encoder writes maps so. */
function sorted<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
