import { BerthError } from '../../errors/index.js';
import { formatCidr, parseIpv4Cidr, type Ipv4Cidr } from './ipv4.js';

/** A base network cut into subnets of one size: dockerd's `--default-address-pool base=...,size=...`. */
export interface AddressPool {
  base: string;
  size: number;
}

/**
 * Docker's compiled-in local pools (libnetwork ipamutils, `localScopeDefaultNetworks`, the same in
 * 20.10 and since): 172.17 to 172.31 as /16s, then 192.168.0.0/16 as /20s. 31 subnets in all, the
 * first of which the default bridge takes.
 */
export const dockerDefaultPools: readonly AddressPool[] = [
  { base: '172.17.0.0/16', size: 16 },
  { base: '172.18.0.0/16', size: 16 },
  { base: '172.19.0.0/16', size: 16 },
  { base: '172.20.0.0/14', size: 16 },
  { base: '172.24.0.0/14', size: 16 },
  { base: '172.28.0.0/14', size: 16 },
  { base: '192.168.0.0/16', size: 20 },
];

/** The candidates are kept whole in memory: a pool that makes more than a /8 cut into /24s is a mistake. */
const maxSubnets = 1 << 16;

/** The pools cut into their subnets, in order: the candidates a network without a subnet gets one of. */
export function splitPools(pools: readonly AddressPool[]): Ipv4Cidr[] {
  const subnets: Ipv4Cidr[] = [];
  for (const pool of pools) {
    const base = parseIpv4Cidr(pool.base)?.network;
    if (base === undefined || !Number.isInteger(pool.size) || pool.size < base.prefix || pool.size > 32) {
      throw new BerthError({
        code: 'NETWORK_POOL_INVALID',
        kind: 'usage',
        message: `address pool base=${pool.base},size=${pool.size} is not an IPv4 network cut into subnets no bigger than itself`,
        hint: 'write the base as an IPv4 CIDR (172.80.0.0/16) and the size as a prefix length at least as long as its own (24)',
      });
    }
    const count = 2 ** (pool.size - base.prefix);
    if (subnets.length + count > maxSubnets) {
      throw new BerthError({
        code: 'NETWORK_POOL_TOO_BIG',
        kind: 'usage',
        message: `address pool base=${formatCidr(base)},size=${pool.size} makes ${count} subnets, more than the ${maxSubnets} berth keeps`,
        hint: 'use a larger size (longer prefix) or a smaller base',
      });
    }
    const step = 2 ** (32 - pool.size);
    for (let index = 0; index < count; index++) subnets.push({ address: base.address + index * step, prefix: pool.size });
  }
  return subnets;
}
