import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { parseIpv4Cidr, type AddressPool, type HostRoute } from '../../../src/network/ipam/index.js';
import { NetworkRecords } from '../../../src/network/records/index.js';

const directories: string[] = [];

afterEach(() => {
  while (directories.length > 0) rmSync(directories.pop()!, { recursive: true, force: true });
});

/** An empty state directory, removed after the test. */
export function stateDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'berth-networks-'));
  directories.push(directory);
  return directory;
}

/** Routes written as `ip route` shows them: `172.17.0.0/16 docker0`. */
export function routes(...lines: string[]): HostRoute[] {
  return lines.map((line) => {
    const [destination = '', device = ''] = line.split(' ');
    return { destination: parseIpv4Cidr(destination)!.network, device };
  });
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public time = new Date('2026-11-23T16:00:00.000Z')) {}
  now = (): Date => this.time;
  advance(milliseconds: number): void {
    this.time = new Date(this.time.getTime() + milliseconds);
  }
}

export interface OpenOptions {
  state?: string;
  /** The host's routes (none by default: the host's own do not leak into the tests). */
  hostRoutes?: HostRoute[];
  clock?: TestClock;
  pools?: AddressPool[];
}

/** Network records on a fresh (or the given) state directory, with the host's routes and clock the test says. */
export async function openRecords(options: OpenOptions = {}): Promise<{ records: NetworkRecords; state: string; clock: TestClock }> {
  const state = options.state ?? stateDirectory();
  const clock = options.clock ?? new TestClock();
  const hostRoutes = options.hostRoutes ?? [];
  const records = await NetworkRecords.open(state, { readRoutes: () => Promise.resolve(hostRoutes), now: clock.now, ...(options.pools ? { pools: options.pools } : {}) });
  return { records, state, clock };
}

export { containerId } from './container-id.js';

/** The BerthError a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BerthError)) throw new Error(`expected a BerthError, got ${String(error)}`);
  return error;
}
