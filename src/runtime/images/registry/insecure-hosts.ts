import { isIPv4 } from 'node:net';

/**
 * Which hosts may be reached over plain HTTP (with unverified TLS tried first), as Docker's
 * `insecure-registries` setting works: loopback always, other hosts only when listed, by exact
 * `name[:port]` or by an IPv4 CIDR that contains a literal address.
 */
export class InsecureHosts {
  private readonly exact = new Set<string>();
  private readonly ranges: { network: number; mask: number }[] = [];

  constructor(entries: readonly string[] = []) {
    for (const entry of ['127.0.0.0/8', ...entries]) {
      const range = parseCidr(entry);
      if (range) this.ranges.push(range);
      else this.exact.add(entry.toLowerCase());
    }
  }

  /** `host` is `name[:port]`, IPv6 in brackets (`[::1]:5000`). */
  allows(host: string): boolean {
    const lowered = host.toLowerCase();
    if (this.exact.has(lowered)) return true;
    const name = hostname(lowered);
    if (name === 'localhost' || name === '::1') return true;
    if (!isIPv4(name)) return false;
    const address = ipv4Number(name);
    return this.ranges.some((range) => ((address & range.mask) >>> 0) === range.network);
  }
}

/** `name[:port]` → `name`, and `[v6]:port` → `v6`. */
function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function parseCidr(entry: string): { network: number; mask: number } | undefined {
  const [address, bits, extra] = entry.split('/');
  if (address === undefined || bits === undefined || extra !== undefined || !isIPv4(address) || !/^\d{1,2}$/.test(bits)) return undefined;
  const length = Number(bits);
  if (length > 32) return undefined;
  const mask = length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
  return { network: (ipv4Number(address) & mask) >>> 0, mask };
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}
