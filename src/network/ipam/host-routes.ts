import { execFile } from 'node:child_process';
import { BerthError } from '../../errors/index.js';
import { lastLines } from '../../runtime/tools/index.js';
import { parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from './ipv4.js';

/** A route of the host's main IPv4 table to a network, and the interface it leaves by ('' for blackhole and the like). */
export interface HostRoute {
  destination: Ipv4Cidr;
  device: string;
}

/**
 * How the records learn the host's routes: `readHostRoutes` in the engine, a fixed list in tests.
 * Injected so that choosing a subnet stays a pure function of what it is given.
 */
export type RouteReader = () => Promise<HostRoute[]>;

/**
 * The routes of the main table, as Docker reads them (netlink RouteList, main table) to keep its
 * automatic subnets off networks the host already reaches: a VPN, a cloud subnet, another
 * engine's bridge. Default routes lead everywhere and count for nothing, as in Docker.
 */
export function readHostRoutes(): Promise<HostRoute[]> {
  const args = ['-json', '-4', 'route', 'show', 'table', 'main'];
  return new Promise((resolve, reject) => {
    execFile('ip', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new BerthError({
            code: 'HOST_ROUTES_UNREADABLE',
            kind: 'unavailable',
            message: `cannot read the host's routes (ip ${args.join(' ')}): ${missing ? 'ip is not installed' : lastLines(stderr) || error.message}`,
            hint: missing ? 'install iproute2 (apt-get install iproute2)' : 'berth needs the routes to choose subnets no other network uses; run the engine as root',
            cause: error,
          }),
        );
        return;
      }
      resolve(parseHostRoutes(stdout));
    });
  });
}

/** `ip -json route` output as routes: `dst` is `default`, `10.1.0.0/16`, or a bare address for a host route. */
export function parseHostRoutes(json: string): HostRoute[] {
  const entries = JSON.parse(json.trim() === '' ? '[]' : json) as { dst?: unknown; dev?: unknown }[];
  const routes: HostRoute[] = [];
  for (const entry of entries) {
    if (typeof entry.dst !== 'string' || entry.dst === 'default') continue;
    const destination = entry.dst.includes('/') ? parseIpv4Cidr(entry.dst)?.network : hostRoute(entry.dst);
    if (destination === undefined || destination.prefix === 0) continue;
    routes.push({ destination, device: typeof entry.dev === 'string' ? entry.dev : '' });
  }
  return routes;
}

function hostRoute(text: string): Ipv4Cidr | undefined {
  const address = parseIpv4(text);
  return address === undefined ? undefined : { address, prefix: 32 };
}
