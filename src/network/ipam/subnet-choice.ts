import type { HostRoute } from './host-routes.js';
import { cidrsOverlap, type Ipv4Cidr } from './ipv4.js';

/** What choosing a subnet for a network that names none looks at. */
export interface SubnetSearch {
  /** The pools' subnets in order (splitPools). */
  candidates: readonly Ipv4Cidr[];
  /**
   * Where the search starts. Docker goes on after the subnet it handed out last, round the list,
   * so a subnet just freed is not handed out again at once (a stale ARP entry or conntrack flow
   * would reach the new network); the position lives in memory only and starts at 0 with the engine.
   */
  start: number;
  /** The subnets of the engine's own networks. */
  taken: readonly Ipv4Cidr[];
  /** The host's routes, less those through the engine's own bridges. */
  routes: readonly HostRoute[];
}

export interface SubnetChoice {
  subnet: Ipv4Cidr;
  /** Where the next search starts: just after this subnet. */
  next: number;
}

/**
 * Docker's choice of a subnet: the first candidate, from `start` round the list, that overlaps
 * neither a network of the engine nor a route of the host. Undefined when every one does.
 */
export function pickSubnet(search: SubnetSearch): SubnetChoice | undefined {
  const count = search.candidates.length;
  const start = search.start >= 0 && search.start < count ? search.start : 0;
  for (let step = 0; step < count; step++) {
    const index = (start + step) % count;
    const candidate = search.candidates[index]!;
    if (search.taken.some((subnet) => cidrsOverlap(subnet, candidate))) continue;
    if (search.routes.some((route) => cidrsOverlap(route.destination, candidate))) continue;
    return { subnet: candidate, next: (index + 1) % count };
  }
  return undefined;
}
