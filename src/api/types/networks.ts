/** Network shapes (API v1.41). */
import type { Labels } from './common.js';

/** A container's membership of one network, in create, connect and inspect. */
export interface EndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links?: string[] | null;
  /** DNS names for the container on this network, besides its name (Compose adds the service name). */
  Aliases?: string[] | null;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  MacAddress?: string;
  DriverOpts?: Record<string, string> | null;
}

export interface IpamConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface Ipam {
  Driver?: string;
  Config?: IpamConfig[] | null;
  Options?: Record<string, string> | null;
}

/** A member container as network inspect lists it. */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** CIDR form: `172.18.0.2/16`. */
  IPv4Address: string;
  IPv6Address: string;
}

/** `GET /networks` entries and `GET /networks/{id}`. List entries have an empty Containers map. */
export interface Network {
  Name: string;
  Id: string;
  Created: string;
  Scope: 'local' | 'global' | 'swarm';
  Driver: string;
  EnableIPv6: boolean;
  IPAM: Ipam;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  /** Swarm's config-only networks: always `{"Network": ""}` and false on a local engine, but Docker shows them. */
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Labels;
}

/** `POST /networks/create` body. */
export interface NetworkCreateRequest {
  Name: string;
  /** Refuse a second network of the same name (names are not unique in Docker otherwise). */
  CheckDuplicate?: boolean;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: Ipam;
  Options?: Record<string, string>;
  Labels?: Labels;
}

/** `POST /networks/create` answer (201). */
export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

/** `POST /networks/{id}/connect` body. */
export interface NetworkConnectRequest {
  Container: string;
  EndpointConfig?: EndpointSettings;
}

/** `POST /networks/{id}/disconnect` body. */
export interface NetworkDisconnectRequest {
  Container: string;
  Force?: boolean;
}

/** `POST /networks/prune` answer. */
export interface NetworkPruneResponse {
  NetworksDeleted: string[] | null;
}
