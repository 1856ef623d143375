/**
 * The engine's networks, whole (see network-service.ts): Docker's network resource operations
 * (create, inspect, list, remove, prune) over the records, bridges, resolver and rules of the
 * sibling folders, and the container side the engine calls at create (check), at each start
 * (attach: namespace, veths, names, published ports, and what /etc/hosts and resolv.conf need),
 * once its processes are gone (detach) and at its own start (recover). NetworkService fits the
 * engine's ContainerNetworks interface; the daemon hands it to the engine.
 */
export { NetworkService, type NetworkServiceOptions } from './network-service.js';
export type { ServiceAttachment, ServiceContainer } from './types.js';
