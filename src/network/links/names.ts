import { randomBytes } from 'node:crypto';
import { BerthError } from '../../errors/index.js';
import { parseIpv4 } from '../ipam/index.js';

/** A fresh host-side veth name as Docker makes them: `veth` and 7 random hex digits. */
export function newVethName(): string {
  return `veth${randomBytes(4).toString('hex').slice(0, 7)}`;
}

/** The n-th interface inside a container: eth0 for its first network, eth1 for the next... */
export function containerInterfaceName(index: number): string {
  return `eth${index}`;
}

/**
 * Refuses a name the kernel would refuse (more than 15 bytes, `/`, `:`, blanks, `.`/`..`) with a
 * message naming what it was for, before it reaches ip and comes back as "Invalid argument".
 */
export function checkInterfaceName(name: string, role: string): void {
  if (/^[^\s/:"#\\]{1,15}$/.test(name) && Buffer.byteLength(name) <= 15 && name !== '.' && name !== '..') return;
  throw new BerthError({
    code: 'NETWORK_BAD_INTERFACE_NAME',
    kind: 'usage',
    message: `${role} name ${JSON.stringify(name)} is not a valid Linux interface name`,
    hint: 'interface names have 1 to 15 bytes, without blanks, "/", ":", quotes, "#" or backslashes',
  });
}

/** Refuses anything but a unicast MAC address written as six colon-separated hex bytes. */
export function checkMacAddress(mac: string): void {
  const first = /^([0-9a-f]{2})(:[0-9a-f]{2}){5}$/i.exec(mac)?.[1];
  if (first !== undefined && (parseInt(first, 16) & 1) === 0) return;
  throw new BerthError({
    code: 'NETWORK_BAD_MAC_ADDRESS',
    kind: 'usage',
    message: `MAC address ${JSON.stringify(mac)} is not a unicast address like 02:42:ac:11:00:02`,
    hint: 'write six hex bytes separated by colons, with the lowest bit of the first byte clear',
  });
}

/** Refuses anything but a dotted IPv4 address, with a usage error naming it. */
export function checkIPv4(address: string): void {
  if (parseIpv4(address) !== undefined) return;
  throw new BerthError({
    code: 'NETWORK_BAD_ADDRESS',
    kind: 'usage',
    message: `${JSON.stringify(address)} is not an IPv4 address`,
    hint: 'write four decimal numbers from 0 to 255 separated by dots, like 172.18.0.2',
  });
}

/** Refuses a prefix length a bridge network cannot have: it needs room for a gateway and a container, so 1 to 30. */
export function checkPrefixLength(prefixLength: number): void {
  if (Number.isInteger(prefixLength) && prefixLength >= 1 && prefixLength <= 30) return;
  throw new BerthError({
    code: 'NETWORK_BAD_PREFIX',
    kind: 'usage',
    message: `prefix length ${prefixLength} does not fit a bridge network`,
    hint: 'give a prefix length from 1 to 30, such as 16 for 172.18.0.0/16',
  });
}
