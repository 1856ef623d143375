import { BerthError } from '../../errors/index.js';

/** The 32-bit value of a dotted IPv4 address, or undefined when `text` is not one. */
export function ipv4Value(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function dotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * `172.18.0.0/16` from `172.18.0.5/16`: the form iptables-save prints, so a subnet written in a
 * rule reads back the same.
 */
export function canonicalSubnet(subnet: string, what: string): string {
  const [address = '', bits = '', ...rest] = subnet.split('/');
  const value = ipv4Value(address);
  const length = /^\d{1,2}$/.test(bits) ? Number(bits) : NaN;
  if (value === undefined || rest.length > 0 || !(length >= 0 && length <= 32)) {
    throw invalidAddress(what, subnet, 'an IPv4 subnet in CIDR form, such as 172.18.0.0/16');
  }
  const size = 2 ** (32 - length);
  return `${dotted(Math.floor(value / size) * size)}/${length}`;
}

/** Checks that `address` is a dotted IPv4 address and returns it. */
export function ipv4Address(address: string, what: string): string {
  if (ipv4Value(address) === undefined) throw invalidAddress(what, address, 'a dotted IPv4 address, such as 172.18.0.2');
  return address;
}

function invalidAddress(what: string, given: string, expected: string): BerthError {
  return new BerthError({
    code: 'FIREWALL_BAD_ADDRESS',
    kind: 'usage',
    message: `${what} ${JSON.stringify(given)} is not ${expected}`,
    hint: 'berth publishes ports and sets up networks over IPv4 only',
  });
}
