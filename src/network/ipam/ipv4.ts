/**
 * IPv4 addresses as unsigned 32-bit numbers and networks as a network address plus a prefix
 * length: the arithmetic every allocation below is made of. Parsing is Go's (Docker's): four
 * decimal octets, no leading zeros, so `010.0.0.1` is refused here as dockerd refuses it.
 */

/** A network: `address` is its first address (host bits clear), `prefix` 0 to 32. */
export interface Ipv4Cidr {
  address: number;
  prefix: number;
}

const octetPattern = /^(0|[1-9]\d{0,2})$/;

/** `10.0.0.1` as a number, or undefined when it is not a dotted-decimal IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!octetPattern.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

/** The four bytes of an address, most significant first. */
export function ipv4Octets(address: number): [number, number, number, number] {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255];
}

/**
 * `10.0.0.5/24` as the network it names (10.0.0.0/24) and the address as written (10.0.0.5), or
 * undefined when it is not an IPv4 CIDR. Go's ParseCIDR keeps both; Docker uses the network.
 */
export function parseIpv4Cidr(text: string): { network: Ipv4Cidr; address: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  return { network: { address: (address & netmask(prefix)) >>> 0, prefix }, address };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.address)}/${cidr.prefix}`;
}

/** The mask of a prefix length as a number: 24 → 255.255.255.0. */
export function netmask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function lastAddress(cidr: Ipv4Cidr): number {
  return (cidr.address | (~netmask(cidr.prefix) >>> 0)) >>> 0;
}

export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return ((address & netmask(cidr.prefix)) >>> 0) === cidr.address;
}

/** Whether two networks share an address: one contains the other's first address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrContains(a, b.address) || cidrContains(b, a.address);
}
