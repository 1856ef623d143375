import { execFileSync } from 'node:child_process';
import { linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BerthError } from '../../src/errors/berth-error.js';

/**
 * Gives each test engine its own /16 to carve network subnets from. Two dockerds that both pick
 * Docker's default 172.18.0.0/16 would put two host routes to the same subnet on this machine, and
 * a published port forwarded by one engine could then reach the other engine's bridge. A lease is
 * a file created exclusively in /tmp that names the process holding it; a lease whose process is
 * gone is taken over, and release deletes the file, so nothing stays behind.
 */
export interface AddressPoolLease {
  /** The `--default-address-pool` value for dockerd. */
  pool: string;
  /** What every address in the pool starts with: `10.N.`. */
  addressPrefix: string;
  release(): void;
}

const firstOctet = 200;
const slots = 50;
const leasePrefix = 'bd-pool-';

export function leaseAddressPool(): AddressPoolLease {
  removeStaleLeases();
  const routed = routedSecondOctets();
  const start = Math.floor(Math.random() * slots); // spread parallel engines so they rarely contend
  for (let index = 0; index < slots; index += 1) {
    const octet = firstOctet + ((start + index) % slots);
    if (routed.has(octet)) continue; // the host already reaches a network there (a VPN, a cloud subnet)
    const path = `/tmp/${leasePrefix}10.${octet}.lease`;
    if (claim(path)) return { pool: `base=10.${octet}.0.0/16,size=24`, addressPrefix: `10.${octet}.`, release: () => rmSync(path, { force: true }) };
  }
  throw new BerthError({
    code: 'TEST_ENGINE_POOLS_EXHAUSTED',
    kind: 'unavailable',
    message: `all ${slots} test engine address pools (10.${firstOctet}.0.0/16 to 10.${firstOctet + slots - 1}.0.0/16) are leased by running test processes`,
    hint: 'run fewer test files in parallel (vitest --maxWorkers), or stop leftover test processes',
  });
}

/** Second octets of the host's routes into 10.0.0.0/8. */
function routedSecondOctets(): Set<number> {
  const routes = JSON.parse(execFileSync('ip', ['-j', 'route', 'show'], { encoding: 'utf8' }) || '[]') as { dst: string }[];
  return new Set(routes.map((route) => /^10\.(\d+)\./.exec(route.dst)?.[1]).filter((octet) => octet !== undefined).map(Number));
}

/** Leases left by test processes that died without releasing them. */
function removeStaleLeases(): void {
  for (const name of readdirSync('/tmp')) {
    const path = `/tmp/${name}`;
    if (name.startsWith(leasePrefix) && name.endsWith('.lease') && !holderIsAlive(path)) rmSync(path, { force: true });
  }
}

/** Links a file holding our pid to the lease path: link() fails if the lease exists, so at most one claim wins. */
function claim(path: string): boolean {
  const proposal = `${path}.${process.pid}`;
  writeFileSync(proposal, `${process.pid}\n`);
  try {
    linkSync(proposal, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(proposal, { force: true });
  }
  if (holderIsAlive(path)) return false;
  // Only a crashed run leaves a stale lease, so two takers racing for the same one is not worth a lock.
  rmSync(path, { force: true });
  return claim(path);
}

function holderIsAlive(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8').trim());
  } catch {
    return true; // released a moment ago: leave it to whoever claims it next
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
