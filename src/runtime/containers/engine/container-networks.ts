import type { PortBinding, PortKey } from '../../../api/types/containers.js';
import type { EndpointSettings } from '../../../api/types/networks.js';

/**
 * What the engine asks of the network side (src/network/service implements it; the daemon wires
 * the two together; the service takes these types, and no code, from here). The engine calls, for one container:
 *
 *   check(container)    at create: the networks it names exist and its settings are usable;
 *   attach(container)   at every start, before runc runs: its namespace, endpoints, names, ports;
 *   detach(id)          once its processes are gone (exit, removal), and for any container that is
 *                       not running when the engine starts: names first, then ports, namespace,
 *                       endpoints; a container with nothing attached is no error;
 *   recover(running)    at engine start, before anything else: the containers the records say run
 *                       keep their namespaces and get their names and ports back; everything
 *                       attached for any other container is detached;
 *   connect, disconnect `docker network connect` / `disconnect` of a running container (a stopped
 *                       one's networks are only its record's: networkName names them).
 *
 * `container:ID` network modes never reach the network side: the engine joins the other
 * container's namespace itself (see namespaceOf).
 */
export interface ContainerNetworks {
  check(container: NetworkedContainer): void;
  attach(container: NetworkedContainer): Promise<NetworkAttachment>;
  detach(containerId: string): Promise<void>;
  recover(running: readonly NetworkedContainer[]): Promise<void>;
  connect(containerId: string, network: string, settings: EndpointSettings): Promise<NetworkAttachment>;
  disconnect(containerId: string, network: string): Promise<NetworkAttachment>;
  /** The name of the network a user means (name, id or id prefix); Docker's `network X not found` otherwise. */
  networkName(reference: string): string;
  /** A running container's attachment, for inspect and for containers joining its namespace. */
  attachment(containerId: string): NetworkAttachment | undefined;
}

/** A container as the network side sees it: Docker's fields, taken from its record. */
export interface NetworkedContainer {
  id: string;
  /** With Docker's leading slash. */
  name: string;
  /** HostConfig.NetworkMode: `default` (or empty), `bridge`, `host`, `none`, or a network's name or id. */
  networkMode: string;
  /** The create request's NetworkingConfig.EndpointsConfig, by the names (or ids) it gave; empty for the mode's network alone. */
  endpoints: Readonly<Record<string, EndpointSettings>>;
  /** Config.MacAddress, for the endpoint on the first network. */
  macAddress?: string;
  /** HostConfig.PortBindings. */
  portBindings: Readonly<Record<PortKey, readonly PortBinding[]>>;
  /** Config.ExposedPorts' keys: shown in inspect (null when not published), published with PublishAllPorts. */
  exposedPorts: readonly PortKey[];
  publishAllPorts: boolean;
  /** HostConfig.Dns: where the embedded resolver forwards this container's other questions. */
  dns?: readonly string[];
}

/** What a started container got from its networks. */
export interface NetworkAttachment {
  /** The network namespace it runs in: a file runc joins, or the host's. */
  namespace: { path: string } | 'host';
  /** inspect's NetworkSettings.Networks, by network name. */
  networks: Record<string, EndpointSettings>;
  /** inspect's NetworkSettings.Ports: each exposed or published port, null when not published. */
  ports: Record<PortKey, PortBinding[] | null>;
  /** Its own addresses, one /etc/hosts line each with its hostname, first network first. */
  addresses: string[];
  /** The embedded resolver's address (on user-defined networks): resolv.conf's only nameserver. */
  resolver?: string;
}
