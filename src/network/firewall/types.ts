/** What the firewall needs to know about a network: its bridge is the key its rules are found by. */
export interface FirewallNetwork {
  /** The host bridge (`br-` and 12 hex of the network id); it must exist before its rules are set up. */
  bridge: string;
  /** The network's IPv4 subnet in CIDR form, `172.18.0.0/16`. */
  subnet: string;
  /** An internal network has no egress and no published ports. */
  internal: boolean;
}

export type Protocol = 'tcp' | 'udp';

/** A host port to take: one port, 0 for any free port, or the first free port of a range. */
export type HostPortRequest = number | { first: number; last: number };

/** One published port as a container asks for it (Docker's `PortBindings` entry). */
export interface PortRequest {
  containerPort: number;
  protocol: Protocol;
  /** An IPv4 address of this host; `0.0.0.0` (the default) means all of them, 127.0.0.1 included. */
  hostIp?: string;
  hostPort: HostPortRequest;
}

/** A port as published: the host port is the one chosen, what inspect reports. */
export interface PublishedPort {
  containerPort: number;
  protocol: Protocol;
  hostIp: string;
  hostPort: number;
}

/** The container end of published ports: its address on the network whose bridge carries them. */
export interface PortOwner {
  network: FirewallNetwork;
  containerId: string;
  containerIp: string;
}

/** Host settings a network's set-up changed, for the engine to report. */
export interface NetworkSetup {
  /** True when net.ipv4.ip_forward was 0 and berth set it to 1: report "enabled net.ipv4.ip_forward". */
  enabledIpForward: boolean;
}

/** The names start-up repair keeps; rules tagged with any other network or container are removed. */
export interface KnownObjects {
  /** Bridges of the networks that exist. */
  networks: Iterable<string>;
  /** Ids of the containers whose published ports should stay. */
  containers: Iterable<string>;
}

export interface RepairReport {
  /** How many rules were removed. */
  removedRules: number;
  /** The bridges whose network rules were removed, sorted. */
  networks: string[];
  /** The containers whose published ports were removed, sorted. */
  containers: string[];
}
