import type { Labels } from '../../api/types/common.js';
import type { EndpointSettings, IpamConfig } from '../../api/types/networks.js';
import type { Ipv4Addressing } from '../ipam/index.js';

/** berth's drivers: Docker's `bridge`, and the `host` and `null` drivers of the predefined networks. */
export type NetworkDriver = 'bridge' | 'host' | 'null';

/**
 * What the engine keeps of one network, one file each (`<state>/networks/<id>.json`). The
 * PascalCase fields are Docker's and are shown by inspect as they are; the camelCase ones are
 * berth's own: the bridge device, the addressing the IPAM chose, and the endpoints.
 */
export interface NetworkRecord {
  Id: string;
  Name: string;
  Created: string;
  Driver: NetworkDriver;
  Internal: boolean;
  Attachable: boolean;
  IPAM: {
    Driver: 'default';
    /** As the create request gave them: null when it gave none, as Docker shows them. */
    Options: Record<string, string> | null;
    Config: IpamConfig[];
  };
  Options: Record<string, string>;
  Labels: Labels;
  /** The Linux bridge of a `bridge` network: `br-` and 12 hex of the id, `berth0`, or the `com.docker.network.bridge.name` option. */
  bridge?: string;
  /** A `bridge` network's IPv4 subnet, range, gateway and aux addresses. */
  addressing?: Ipv4Addressing;
  /** The running containers on the network, by container id (Docker's active endpoints). */
  endpoints: Record<string, EndpointRecord>;
}

/**
 * A running container's attachment to a network. Docker makes an endpoint when the container
 * starts (or is connected while running) and drops it when it stops: a created or stopped
 * container holds no address and does not keep its network from being removed.
 */
export interface EndpointRecord {
  containerId: string;
  /** Without Docker's leading slash, as network inspect shows it. */
  containerName: string;
  endpointId: string;
  /** '' on the host and none networks, which give no interface. */
  macAddress: string;
  /** The bare address (`172.18.0.2`); '' on the host and none networks. */
  ipv4Address: string;
  /** As asked, and on user-defined networks the short container id after them, as Docker adds it. */
  aliases: string[] | null;
  ipamConfig: EndpointSettings['IPAMConfig'] | null;
  links: string[] | null;
  driverOpts: Record<string, string> | null;
}

/** The networks every engine has and nobody removes: Docker's names, kept. */
const predefinedNetworkNames = ['bridge', 'host', 'none'] as const;

export function isPredefined(name: string): boolean {
  return (predefinedNetworkNames as readonly string[]).includes(name);
}
