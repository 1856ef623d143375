/**
 * IPv4 address management like Docker 20.10's default IPAM: its local pools (172.17-31/16, then
 * 192.168/20s), a subnet chosen off the engine's other networks and the host's routes (read by an
 * injectable RouteReader so the choice stays pure), the user's subnet, ip_range, gateway and aux
 * addresses with Docker's texts, container addresses first-free from the range, fixed
 * `ipv4_address`, and MAC addresses made from the IPv4 address.
 *
 * IPv6 is not here yet: the records refuse it with ipv6NotSupported.
 */
export { dockerDefaultPools, splitPools, type AddressPool } from './default-pools.js';
export { parseHostRoutes, readHostRoutes, type HostRoute, type RouteReader } from './host-routes.js';
export { cidrsOverlap, formatCidr, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from './ipv4.js';
export { pickSubnet, type SubnetChoice, type SubnetSearch } from './subnet-choice.js';
export { planAddressing, type AddressingContext, type AddressingPlan, type Ipv4Addressing, type TakenSubnet } from './plan-addressing.js';
export { allocateAddress, invalidAddress, type AddressedNetwork } from './allocate-address.js';
export { macAddressFor } from './mac-address.js';
export { ipv6NotSupported } from './ipam-errors.js';
