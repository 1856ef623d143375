import { BerthError } from '../../errors/index.js';

/**
 * Docker 20.10's texts for IPAM problems, word for word where a client may match on them (the
 * like-Docker tests compare them with dockerd's), each with a hint that says what to do.
 */

export function invalidSubnet(subnet: string): BerthError {
  return new BerthError({
    code: 'NETWORK_SUBNET_INVALID',
    kind: 'usage',
    message: `Invalid subnet ${subnet} : invalid CIDR address: ${subnet}`,
    hint: subnet === '' ? 'an ip_range, gateway or aux_addresses needs the subnet they belong to: add subnet (172.28.0.0/16)' : 'write the subnet as an IPv4 CIDR, such as 172.28.0.0/16',
  });
}

export function invalidGateway(gateway: string): BerthError {
  return new BerthError({
    code: 'NETWORK_GATEWAY_INVALID',
    kind: 'usage',
    message: `invalid gateway address ${gateway} in Ipam configuration`,
    hint: 'write the gateway as one IPv4 address inside the subnet, without a prefix length: 172.28.0.1',
  });
}

export function invalidIpRange(subnet: string, range: string): BerthError {
  return new BerthError({
    code: 'NETWORK_IP_RANGE_INVALID',
    kind: 'usage',
    message: `failed to parse pool request for address space "LocalDefault" pool "${subnet}" subpool "${range}": Invalid Address SubPool`,
    hint: 'write ip_range as an IPv4 CIDR inside the subnet, such as 172.28.5.0/24',
  });
}

/** berth's own: Docker 20.10 accepts such a range and hands out addresses outside the subnet. */
export function ipRangeOutsideSubnet(subnet: string, range: string): BerthError {
  return new BerthError({
    code: 'NETWORK_IP_RANGE_OUTSIDE',
    kind: 'usage',
    message: `ip_range ${range} is not inside subnet ${subnet}`,
    hint: 'containers get their addresses from the ip_range, so it must be part of the subnet: shrink it or widen the subnet',
  });
}

export function invalidAuxiliaryAddress(key: string, value: string, networkName: string): BerthError {
  return new BerthError({
    code: 'NETWORK_AUX_ADDRESS_INVALID',
    kind: 'usage',
    message: `non parsable secondary ip address (${key}:${value}) passed for network ${networkName}`,
    hint: 'each aux_addresses entry maps a name to one IPv4 address inside the subnet',
  });
}

export function auxiliaryAddressOutside(key: string, value: string, subnet: string): BerthError {
  return new BerthError({
    code: 'NETWORK_AUX_ADDRESS_OUTSIDE',
    kind: 'usage',
    message: `auxiliary address: (${key}:${value}) must belong to the master pool: ${subnet}`,
    hint: `give ${key} an address inside ${subnet}`,
  });
}

export function auxiliaryAddressInUse(key: string, value: string): BerthError {
  return new BerthError({
    code: 'NETWORK_AUX_ADDRESS_IN_USE',
    kind: 'conflict',
    message: `failed to allocate secondary ip address (${key}:${value}): Address already in use`,
    hint: 'the network and broadcast addresses, the gateway and the other aux_addresses are taken already; pick another address',
  });
}

export function gatewayUnavailable(gateway: string, reason: 'out of range' | 'in use' | 'none left'): BerthError {
  const texts = {
    'out of range': ['Requested address is out of range', 'give a gateway inside the subnet'],
    'in use': ['Address already in use', 'the network and broadcast addresses cannot be the gateway; the first address after the network address is the usual one'],
    'none left': ['No available addresses on this pool', 'the subnet has no address left for a gateway: a bridge network needs at least a /30'],
  } as const;
  const [text, hint] = texts[reason];
  return new BerthError({ code: 'NETWORK_GATEWAY_UNAVAILABLE', kind: 'usage', message: `failed to allocate gateway (${gateway}): ${text}`, hint });
}

export function poolOverlaps(subnet: string, other: string): BerthError {
  return new BerthError({
    code: 'NETWORK_SUBNET_OVERLAPS',
    kind: 'conflict',
    message: 'Pool overlaps with other one on this address space',
    hint: `${subnet} overlaps network ${other}'s subnet; give a subnet no other network uses, or leave it out and let the engine choose`,
  });
}

/** berth's own: Docker 20.10 takes such a subnet, and its bridge then steals the host's traffic to that network. */
export function subnetOverlapsHostRoute(subnet: string, route: string, device: string): BerthError {
  return new BerthError({
    code: 'NETWORK_SUBNET_ROUTED',
    kind: 'conflict',
    message: `subnet ${subnet} overlaps the host's route to ${route}${device === '' ? '' : ` (dev ${device})`}`,
    hint: 'the host reaches that network already (a LAN, a VPN, another engine); a bridge on it would cut the host off from it: give another subnet, or leave it out and let the engine choose',
  });
}

export function poolsExhausted(): BerthError {
  return new BerthError({
    code: 'NETWORK_POOLS_EXHAUSTED',
    kind: 'conflict',
    message: 'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network',
    hint: 'every default subnet is used by a network or routed on the host: remove unused networks (docker network prune) or give the network a subnet',
  });
}

export function unknownIpamDriver(driver: string): BerthError {
  return new BerthError({
    code: 'NETWORK_IPAM_DRIVER_NOT_FOUND',
    kind: 'not-found',
    message: `plugin "${driver}" not found`,
    hint: 'berth has the default IPAM driver only; leave ipam.driver out or write "default"',
  });
}

export function multipleSubnets(): BerthError {
  return new BerthError({
    code: 'NETWORK_MULTIPLE_SUBNETS',
    kind: 'usage',
    message: "bridge driver doesn't support multiple subnets",
    hint: 'give one ipam.config entry per network',
  });
}

export function ipv6NotSupported(what: string): BerthError {
  return new BerthError({
    code: 'NETWORK_IPV6_UNSUPPORTED',
    kind: 'usage',
    message: `${what}: berth's engine has no IPv6 networks yet`,
    hint: 'leave enable_ipv6, IPv6 subnets and ipv6_address out; containers get IPv4 addresses',
  });
}
