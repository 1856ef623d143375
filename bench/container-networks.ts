// What networks add to a container's start, in process as the daemon runs it, median of N each:
// 1. NetworkService.attach and detach alone, for a container on a user-defined network (records,
//    namespace with its veth, address, route, name in the resolver), then the same with one port
//    published on 127.0.0.1 (host socket, DNAT rules), with the firewall on;
// 2. ContainerEngine.start of a busybox `sleep` (returns once it runs) with NetworkMode none and
//    no network side (runc makes the namespace, as before networks), beside the same start on a
//    user-defined network through the network service, interleaved so both see the same machine.
// Target for the difference: under 30 ms. Asserts nothing. Needs root and what the engine's
// integration tests need (runc, conmon, docker-registry). Usage:
// node --import tsx bench/container-networks.ts [runs=20]
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Firewall } from '../src/network/firewall/index.js';
import { NetworkService, type ServiceContainer } from '../src/network/service/index.js';
import { ContainerEngine } from '../src/runtime/containers/engine/index.js';
import { pullImage } from '../src/runtime/images/pull/index.js';
import { ContentStore } from '../src/runtime/images/store/index.js';
import { leaseAddressPool } from '../test/harness/address-pool-lease.js';
import { pushFixture } from '../test/harness/fixtures/index.js';
import { startRegistry } from '../test/harness/registry.js';
import { guardIpForward } from '../test/network/firewall/forwarding-guard.js';

const runs = Number(process.argv[2] ?? 20);

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN).toFixed(1);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${(sorted[0] ?? Number.NaN).toFixed(1)} ms (n=${sorted.length})`;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const root = mkdtempSync(join(tmpdir(), 'berth-bench-net-'));
const guard = guardIpForward();
const lease = leaseAddressPool();
const suffix = randomBytes(3).toString('hex');
const firewall = new Firewall({ chainPrefix: `BN${suffix.toUpperCase()}` });
const registry = await startRegistry();
const images = new ContentStore(join(root, 'images'));
const cgroupParent = `berth-bench-${suffix}`;
let networks: NetworkService | undefined;
const engines: ContainerEngine[] = [];
try {
  networks = await NetworkService.open({
    stateDirectory: join(root, 'net-state'),
    runDirectory: join(root, 'net-run'),
    firewall,
    pools: [{ base: `${lease.addressPrefix}0.0/16`, size: 24 }],
    defaultBridge: `berth-${suffix}`,
    dns: { upstreams: () => [] },
    report: (message) => console.error(message),
  });
  await networks.create({ Name: 'bench' });
  const service = networks;

  const container = (fields: Partial<ServiceContainer> = {}): ServiceContainer => {
    const id = randomBytes(32).toString('hex');
    return { id, name: `/bench-${id.slice(0, 6)}`, networkMode: 'bench', endpoints: {}, portBindings: {}, exposedPorts: [], publishAllPorts: false, ...fields };
  };
  for (const [label, fields] of [
    ['user-defined network', {}],
    ['user-defined network, one port on 127.0.0.1', { portBindings: { '80/tcp': [{ HostIp: '127.0.0.1' }] }, exposedPorts: ['80/tcp'] }],
  ] as const) {
    const attaches: number[] = [];
    const detaches: number[] = [];
    for (let index = 0; index < runs + 2; index += 1) {
      const one = container(fields);
      const attach = await timed(() => service.attach(one));
      const detach = await timed(() => service.detach(one.id));
      if (index < 2) continue; // warm-up
      attaches.push(attach);
      detaches.push(detach);
    }
    console.log(`attach, ${label}: ${summary(attaches)}`);
    console.log(`detach, ${label}: ${summary(detaches)}`);
  }

  const pushed = await pushFixture(registry, 'busybox', 'bench/busybox:1');
  const image = (await pullImage(images, pushed.reference)).reference;
  const plain = await ContainerEngine.open({ stateDirectory: join(root, 'plain-state'), runDirectory: join(root, 'plain-run'), images, cgroupParent });
  const networked = await ContainerEngine.open({ stateDirectory: join(root, 'net-state'), runDirectory: join(root, 'net-run'), images, cgroupParent, networks });
  engines.push(plain, networked);
  const startOf = async (engine: ContainerEngine, mode: string): Promise<number> => {
    const { Id } = await engine.create({ Image: image, Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: mode, Init: true } });
    const time = await timed(() => engine.start(Id));
    await engine.remove(Id, { force: true });
    return time;
  };
  const starts: Record<'plain' | 'networked', number[]> = { plain: [], networked: [] };
  for (let index = 0; index < runs + 2; index += 1) {
    const plainTime = await startOf(plain, 'none');
    const networkedTime = await startOf(networked, 'bench');
    if (index < 2) continue; // warm-up
    starts.plain.push(plainTime);
    starts.networked.push(networkedTime);
  }
  console.log(`engine start, NetworkMode none without a network side: ${summary(starts.plain)}`);
  console.log(`engine start, on a user-defined network:               ${summary(starts.networked)}`);
} finally {
  for (const engine of engines) engine.close();
  await networks?.removeAll().catch((error: unknown) => console.error('cleanup:', error));
  await registry.stop();
  rmSync(root, { recursive: true, force: true });
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const parent = join('/sys/fs/cgroup', controller, cgroupParent);
    if (existsSync(parent)) rmdirSync(parent);
  }
  lease.release();
  guard.release();
}
