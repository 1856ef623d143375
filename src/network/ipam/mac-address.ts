import { ipv4Octets, parseIpv4 } from './ipv4.js';

/**
 * Docker 20.10's MAC address for a container address: `02:42` (locally administered, unicast) and
 * the four bytes of the IPv4 address, so 172.18.0.2 is 02:42:ac:12:00:02. Two containers never
 * share one while their addresses differ, and the address can be read back from the MAC.
 */
export function macAddressFor(ipv4: string): string {
  const address = parseIpv4(ipv4);
  if (address === undefined) throw new TypeError(`macAddressFor: ${JSON.stringify(ipv4)} is not an IPv4 address`);
  return ['02', '42', ...ipv4Octets(address).map((octet) => octet.toString(16).padStart(2, '0'))].join(':');
}
