import type { Ipam, IpamConfig } from '../../api/types/networks.js';
import type { HostRoute } from './host-routes.js';
import {
  auxiliaryAddressInUse,
  auxiliaryAddressOutside,
  gatewayUnavailable,
  invalidAuxiliaryAddress,
  invalidGateway,
  invalidIpRange,
  invalidSubnet,
  ipRangeOutsideSubnet,
  ipv6NotSupported,
  multipleSubnets,
  poolOverlaps,
  poolsExhausted,
  subnetOverlapsHostRoute,
  unknownIpamDriver,
} from './ipam-errors.js';
import { cidrContains, cidrsOverlap, formatCidr, formatIpv4, lastAddress, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from './ipv4.js';
import { pickSubnet, type SubnetSearch } from './subnet-choice.js';

/** A bridge network's IPv4 addressing as the records keep it: strings, so it is its own JSON. */
export interface Ipv4Addressing {
  /** Host bits cleared: `172.18.0.0/16`. */
  subnet: string;
  /** Where automatic addresses (the gateway's too) come from: the ip_range, host bits cleared, or the subnet. */
  range: string;
  gateway: string;
  /** aux_addresses: addresses kept off containers, by name. */
  auxiliary: Record<string, string>;
  /** The subnet was the user's: only then may a container ask for a fixed address, as in Docker. */
  userSubnet: boolean;
}

/** Another network of the engine, for the overlap check. */
export interface TakenSubnet {
  subnet: Ipv4Cidr;
  network: string;
}

export interface AddressingContext {
  networkName: string;
  taken: readonly TakenSubnet[];
  /** The host's routes, less those through the engine's own bridges. */
  routes: readonly HostRoute[];
  /** The pools' subnets and where the search starts (SubnetSearch). */
  candidates: readonly Ipv4Cidr[];
  start: number;
}

export interface AddressingPlan {
  addressing: Ipv4Addressing;
  /** `IPAM.Config` as inspect shows it: the user's entry as written, or the chosen subnet and gateway. */
  shown: IpamConfig[];
  /** Where the next automatic search starts (unchanged when the user gave the subnet). */
  next: number;
}

/**
 * A new bridge network's addressing, from its `IPAM` as Docker 20.10 reads it: the subnet given,
 * or the first free one of the pools (pickSubnet); the gateway given, or the first free address of
 * the ip_range (of the subnet without one: `.1`); aux_addresses reserved in name order. Docker's
 * texts for every refusal. Two refusals are berth's own, where dockerd 20.10 goes wrong: an
 * ip_range outside the subnet, and a subnet the host already routes somewhere else.
 */
export function planAddressing(ipam: Ipam | undefined, context: AddressingContext): AddressingPlan {
  const driver = ipam?.Driver ?? '';
  if (driver !== '' && driver !== 'default') throw unknownIpamDriver(driver);
  const configs = ipam?.Config ?? [];
  if (configs.length > 1) throw multipleSubnets();
  const config = configs[0] ?? {};
  const given = { subnet: config.Subnet ?? '', range: config.IPRange ?? '', gateway: config.Gateway ?? '', auxiliary: config.AuxiliaryAddresses ?? {} };
  const auxiliaryKeys = Object.keys(given.auxiliary).sort();
  if (given.subnet === '' && (given.range !== '' || given.gateway !== '' || auxiliaryKeys.length > 0)) throw invalidSubnet('');

  let subnet: Ipv4Cidr;
  let next = context.start;
  if (given.subnet === '') {
    const choice = pickSubnet({ candidates: context.candidates, start: context.start, taken: context.taken.map((taken) => taken.subnet), routes: context.routes } satisfies SubnetSearch);
    if (choice === undefined) throw poolsExhausted();
    subnet = choice.subnet;
    next = choice.next;
  } else {
    subnet = parseSubnet(given.subnet);
  }

  const gateway = given.gateway === '' ? undefined : parseIpv4(given.gateway);
  if (gateway === undefined && given.gateway !== '') throw invalidGateway(given.gateway);
  let range = subnet;
  if (given.range !== '') {
    const parsed = parseIpv4Cidr(given.range)?.network;
    if (parsed === undefined) throw invalidIpRange(given.subnet, given.range);
    if (!cidrContains(subnet, parsed.address) || parsed.prefix < subnet.prefix) throw ipRangeOutsideSubnet(given.subnet, given.range);
    range = parsed;
  }
  const auxiliary = new Map<string, number>();
  for (const key of auxiliaryKeys) {
    const value = given.auxiliary[key]!;
    const address = parseIpv4(value);
    if (address === undefined) throw invalidAuxiliaryAddress(key, value, context.networkName);
    auxiliary.set(key, address);
  }

  if (given.subnet !== '') {
    const other = context.taken.find((taken) => cidrsOverlap(taken.subnet, subnet));
    if (other !== undefined) throw poolOverlaps(formatCidr(subnet), other.network);
    const route = context.routes.find((candidate) => cidrsOverlap(candidate.destination, subnet));
    if (route !== undefined) throw subnetOverlapsHostRoute(formatCidr(subnet), formatCidr(route.destination), route.device);
  }

  // Docker's bit mask: the network and broadcast addresses are taken from the start.
  const used = new Set([subnet.address, lastAddress(subnet)]);
  const chosenGateway = gateway === undefined ? firstFree(range, used) : gateway;
  if (chosenGateway === undefined) throw gatewayUnavailable('', 'none left');
  if (!cidrContains(subnet, chosenGateway)) throw gatewayUnavailable(given.gateway, 'out of range');
  if (used.has(chosenGateway)) throw gatewayUnavailable(given.gateway, 'in use');
  used.add(chosenGateway);
  for (const [key, address] of auxiliary) {
    const value = given.auxiliary[key]!;
    if (!cidrContains(subnet, address)) throw auxiliaryAddressOutside(key, value, given.subnet);
    if (used.has(address)) throw auxiliaryAddressInUse(key, value);
    used.add(address);
  }

  return {
    addressing: {
      subnet: formatCidr(subnet),
      range: formatCidr(range),
      gateway: formatIpv4(chosenGateway),
      auxiliary: Object.fromEntries([...auxiliary].map(([key, address]) => [key, formatIpv4(address)])),
      userSubnet: given.subnet !== '',
    },
    shown: given.subnet === '' ? [{ Subnet: formatCidr(subnet), Gateway: formatIpv4(chosenGateway) }] : [shownAsGiven(config)],
    next,
  };
}

/** The first address of `range` not in `used`, or undefined when all are. */
export function firstFree(range: Ipv4Cidr, used: ReadonlySet<number>): number | undefined {
  const last = lastAddress(range);
  for (let address = range.address; address <= last; address++) if (!used.has(address)) return address;
  return undefined;
}

function parseSubnet(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if (parsed !== undefined) return parsed.network;
  if (text.includes(':')) throw ipv6NotSupported(`subnet ${text}`);
  throw invalidSubnet(text);
}

/** Docker shows a user's entry as it was written, less its empty fields (omitempty). */
function shownAsGiven(config: IpamConfig): IpamConfig {
  const shown: IpamConfig = {};
  if (config.Subnet) shown.Subnet = config.Subnet;
  if (config.IPRange) shown.IPRange = config.IPRange;
  if (config.Gateway) shown.Gateway = config.Gateway;
  if (config.AuxiliaryAddresses && Object.keys(config.AuxiliaryAddresses).length > 0) shown.AuxiliaryAddresses = { ...config.AuxiliaryAddresses };
  return shown;
}
