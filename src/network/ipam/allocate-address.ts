import { BerthError } from '../../errors/index.js';
import { cidrContains, formatIpv4, lastAddress, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from './ipv4.js';
import { firstFree, type Ipv4Addressing } from './plan-addressing.js';

/** The network a container address is asked of, for the messages. */
export interface AddressedNetwork {
  id: string;
  name: string;
  addressing: Ipv4Addressing;
}

/**
 * A container's address on a bridge network, as Docker 20.10's default IPAM gives it: the address
 * asked for (`ipv4_address`) when it is in the subnet and free, else the lowest free address of the
 * ip_range (the subnet without one). An address is free when it is not the network or broadcast
 * address, the gateway, an aux address or another container's (`used`): a container's address is
 * free again as soon as it leaves, and the next container gets the lowest one (Docker allocates
 * first-free, not round-robin, on local networks). Whether the network allows a fixed address at
 * all is the caller's rule (see the records' endpoint rules).
 */
export function allocateAddress(network: AddressedNetwork, used: ReadonlySet<string>, requested?: string): string {
  const subnet = cidr(network.addressing.subnet);
  const taken = takenAddresses(network.addressing, subnet, used);
  if (requested !== undefined) {
    const address = parseIpv4(requested);
    if (address === undefined) throw invalidAddress(requested);
    if (!cidrContains(subnet, address)) throw outsideSubnets(requested);
    if (taken.has(address)) throw addressInUse(requested, network.name);
    return formatIpv4(address);
  }
  const address = firstFree(cidr(network.addressing.range), taken);
  if (address === undefined) throw poolFull(network);
  return formatIpv4(address);
}

function takenAddresses(addressing: Ipv4Addressing, subnet: Ipv4Cidr, used: ReadonlySet<string>): Set<number> {
  const taken = new Set([subnet.address, lastAddress(subnet), parseIpv4(addressing.gateway)!]);
  for (const address of Object.values(addressing.auxiliary)) taken.add(parseIpv4(address)!);
  for (const address of used) taken.add(parseIpv4(address)!);
  return taken;
}

function cidr(text: string): Ipv4Cidr {
  return parseIpv4Cidr(text)!.network;
}

/** Docker's text for an `ipv4_address` that is no address (checked at container create). */
export function invalidAddress(requested: string): BerthError {
  return new BerthError({
    code: 'NETWORK_ADDRESS_INVALID',
    kind: 'usage',
    message: `invalid IPv4 address: ${requested}`,
    hint: 'write ipv4_address as one IPv4 address inside the network\'s subnet, such as 172.28.0.10',
  });
}

function outsideSubnets(requested: string): BerthError {
  return new BerthError({
    code: 'NETWORK_ADDRESS_OUTSIDE',
    kind: 'usage',
    message: `Invalid address ${requested}: It does not belong to any of this network's subnets`,
    hint: 'give an ipv4_address inside the subnet of the network (docker network inspect shows it)',
  });
}

function addressInUse(requested: string, network: string): BerthError {
  return new BerthError({
    code: 'NETWORK_ADDRESS_IN_USE',
    kind: 'conflict',
    message: 'Address already in use',
    hint: `${requested} on network ${network} is another container's, the gateway, an aux address, or the network or broadcast address; pick another`,
  });
}

function poolFull(network: AddressedNetwork): BerthError {
  return new BerthError({
    code: 'NETWORK_ADDRESSES_EXHAUSTED',
    kind: 'conflict',
    message: `no available IPv4 addresses on this network's address pools: ${network.name} (${network.id})`,
    hint: `every address of ${network.addressing.range} is taken: stop a container on ${network.name}, or give the network a bigger subnet or ip_range`,
  });
}
