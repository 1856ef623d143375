/**
 * berth's packet rules: per network (isolation, egress MASQUERADE, internal networks), per
 * published port (DNAT, route_localnet, hairpin, host ports held), IP forwarding, connection
 * tracking, crash repair; in berth's own iptables chains next to dockerd's. See README.md.
 */
export { Firewall, type FirewallOptions } from './firewall.js';
export type { FirewallNetwork, HostPortRequest, KnownObjects, NetworkSetup, PortOwner, PortRequest, Protocol, PublishedPort, RepairReport } from './types.js';
