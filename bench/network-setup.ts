// Network setup time per container, in process as the daemon will run it, median of N each:
// 1. a container's namespace with its first endpoint: the namespace file, `unshare --net=FILE
//    ip -batch -` (namespace, lo up, veth pair, MAC, address, default route) and the host's
//    `ip -batch -` (the veth on the bridge, marked, up, hairpin);
// 2. one more network connected to that live namespace (eth1): `nsenter --net=FILE ip -batch -`
//    and the host's batch;
// 3. the teardown: the namespace unmounted and removed (`umount`), and the wait until the kernel,
//    freeing it, has deleted both veths.
// Target for 1: under 30 ms. Asserts nothing. Needs root, iproute2 and util-linux; uses two
// bridges on a leased test subnet and removes everything it made.
// Usage: node --import tsx bench/network-setup.ts [runs=20]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import {
  attachEndpoint,
  containerInterfaceName,
  createNetworkNamespace,
  deleteBridge,
  ensureBridge,
  linkHost,
  newVethName,
  prepareNamespaceDirectory,
  removeNamespaceDirectory,
  removeNetworkNamespace,
  repairLinks,
  type EndpointSpec,
} from '../src/network/links/index.js';
import { macAddressFor } from '../src/network/ipam/index.js';
import { leaseAddressPool } from '../test/harness/address-pool-lease.js';

const runs = Number(process.argv[2] ?? 20);
const warmUp = 2;

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN).toFixed(1);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${(sorted[0] ?? Number.NaN).toFixed(1)} ms (n=${sorted.length})`;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

const lease = leaseAddressPool();
const runDirectory = mkdtempSync('/tmp/berth-bench-net-');
const host = linkHost(runDirectory);
const front = { name: `br-${randomBytes(6).toString('hex')}`, gateway: `${lease.addressPrefix}1.1` };
const back = { name: `br-${randomBytes(6).toString('hex')}`, gateway: `${lease.addressPrefix}2.1` };
const bridges = [front, back];

function endpointOn(bridge: typeof front, index: number, hostNumber: number): EndpointSpec {
  const address = bridge.gateway.replace(/\.1$/, `.${hostNumber}`);
  return {
    hostName: newVethName(),
    containerName: containerInterfaceName(index),
    bridge: bridge.name,
    macAddress: macAddressFor(address),
    address,
    prefixLength: 24,
    ...(index === 0 ? { defaultGateway: bridge.gateway } : {}),
  };
}

try {
  await prepareNamespaceDirectory(host);
  for (const bridge of bridges) await ensureBridge(host, { name: bridge.name, gateway: bridge.gateway, prefixLength: 24 });
  const first: number[] = [];
  const connect: number[] = [];
  const teardown: number[] = [];
  for (let run = 0; run < runs + warmUp; run += 1) {
    const id = `bench-${run}`;
    const eth0 = endpointOn(front, 0, 2 + (run % 200));
    const eth1 = endpointOn(back, 1, 2 + (run % 200));
    const [created, path] = await timed(() => createNetworkNamespace(host, id, [eth0]));
    const [connected] = await timed(() => attachEndpoint(host, path, eth1));
    const [removed] = await timed(() => removeNetworkNamespace(host, id, [eth0.hostName, eth1.hostName]));
    if (run < warmUp) continue;
    first.push(created);
    connect.push(connected);
    teardown.push(removed);
  }
  console.log(`namespace + first endpoint (2 processes): ${summary(first)}`);
  console.log(`connect a second network, eth1 (2 processes): ${summary(connect)}`);
  console.log(`teardown until both veths are gone (1 process): ${summary(teardown)}`);
} finally {
  await repairLinks(host, { namespaces: new Set(), bridges: new Set(), endpoints: new Set() });
  for (const bridge of bridges) await deleteBridge(host, bridge.name);
  await removeNamespaceDirectory(host);
  rmSync(runDirectory, { recursive: true, force: true });
  lease.release();
}
