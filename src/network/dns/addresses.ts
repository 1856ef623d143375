import { isIPv4, isIPv6 } from 'node:net';

/**
 * One spelling per address, so the table can key on it: IPv4 as written (Node accepts only the
 * dotted-quad form), IPv6 as its 32 lower-case hex nibbles. An IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.2`, what a dual-stack socket reports) is the IPv4 address it carries.
 * Anything else is undefined.
 */
export function canonicalAddress(address: string): string | undefined {
  if (isIPv4(address)) return address;
  const nibbles = ipv6Nibbles(address);
  if (nibbles === undefined) return undefined;
  if (nibbles.startsWith('00000000000000000000ffff')) {
    const tail = nibbles.slice(24);
    return [0, 2, 4, 6].map((at) => parseInt(tail.slice(at, at + 2), 16)).join('.');
  }
  return nibbles;
}

/** The 32 hex nibbles of an IPv6 address (zone and embedded IPv4 tail allowed), or undefined. */
function ipv6Nibbles(address: string): string | undefined {
  const unzoned = address.replace(/%.*$/, '');
  if (!isIPv6(unzoned)) return undefined;
  let text = unzoned.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const octets = dotted[1].split('.').map(Number);
    const hex = (high: number, low: number): string => ((high << 8) | low).toString(16);
    text = `${text.slice(0, dotted.index)}${hex(octets[0] ?? 0, octets[1] ?? 0)}:${hex(octets[2] ?? 0, octets[3] ?? 0)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.map((group) => group.padStart(4, '0')).join('');
}

/**
 * The address a PTR question asks about: `4.3.2.1.in-addr.arpa` is 1.2.3.4 and
 * `b.a.9.8...ip6.arpa` (32 nibbles, least significant first) an IPv6 address, written out in
 * full. Partial names (a whole /24's zone) and anything else: undefined.
 */
export function addressOfPtrName(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.endsWith('.in-addr.arpa')) {
    const labels = lower.slice(0, -'.in-addr.arpa'.length).split('.');
    if (labels.length !== 4 || !labels.every((label) => /^(0|[1-9]\d{0,2})$/.test(label) && Number(label) <= 255)) return undefined;
    return labels.reverse().join('.');
  }
  if (lower.endsWith('.ip6.arpa')) {
    const labels = lower.slice(0, -'.ip6.arpa'.length).split('.');
    if (labels.length !== 32 || !labels.every((label) => /^[0-9a-f]$/.test(label))) return undefined;
    return labels
      .reverse()
      .join('')
      .replace(/(.{4})(?!$)/g, '$1:');
  }
  return undefined;
}
