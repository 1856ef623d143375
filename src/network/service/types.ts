import type { PortBinding, PortKey } from '../../api/types/containers.js';
import type { EndpointSettings } from '../../api/types/networks.js';

/**
 * A container as the network service takes it: Docker's fields, as the engine keeps them. The
 * engine's ContainerNetworks interface names the same shape; the two folders do not import each
 * other.
 */
export interface ServiceContainer {
  id: string;
  /** With or without Docker's leading slash. */
  name: string;
  /** HostConfig.NetworkMode: `default` (or empty), `bridge`, `host`, `none`, or a network's name or id. */
  networkMode: string;
  /** The networks to join by name or id, with the container's settings on each; empty: the mode's network. */
  endpoints: Readonly<Record<string, EndpointSettings>>;
  /** Config.MacAddress, for the endpoint on the first network. */
  macAddress?: string;
  portBindings: Readonly<Record<PortKey, readonly PortBinding[]>>;
  /** The exposed ports (and those with bindings): inspect lists each, null when not published. */
  exposedPorts: readonly PortKey[];
  /** Docker's `-P`: every exposed port on a random host port. */
  publishAllPorts: boolean;
  /** HostConfig.Dns: the resolver forwards this container's other questions there. */
  dns?: readonly string[];
}

/** What a started container got from its networks (the engine's NetworkAttachment). */
export interface ServiceAttachment {
  namespace: { path: string } | 'host';
  /** inspect's NetworkSettings.Networks, by network name. */
  networks: Record<string, EndpointSettings>;
  /** inspect's NetworkSettings.Ports. */
  ports: Record<PortKey, PortBinding[] | null>;
  /** Its addresses, first network first: /etc/hosts lines. */
  addresses: string[];
  /** The resolver on its first user-defined network's gateway: resolv.conf's nameserver. */
  resolver?: string;
}
