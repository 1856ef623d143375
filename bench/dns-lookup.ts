// Service-name lookup latency: berth's resolver (src/network/dns) beside Docker's embedded DNS,
// in the same run, the same client for both, median and p99 of N lookups of a registered name:
// 1. berth, the client on the host asking the resolver on a loopback address;
// 2. berth, the client in a network namespace on a bridge, asking the resolver on the bridge's
//    gateway address, the path a container's question takes;
// 3. Docker's embedded DNS (Debian's dockerd on a private socket, a user-defined network), the
//    same client run in a busybox container's network namespace (nsenter -n), asking 127.0.0.11;
// 4. and 5. busybox nslookup in a shell loop, in berth's namespace and in Docker's container:
//    the mean per lookup, process start included (a busybox exec costs more than the lookup).
// The client (bench/dns-lookup-client.mjs) is node:dns's Resolver (c-ares, no cache) in its own
// process, one lookup at a time. The resolver (bench/dns-lookup-server.ts) runs in a process of
// its own, as in the daemon.
// 1 to 3 run in 5 interleaved rounds of N/5 lookups each, so each sees the same machine; then the
// ratio of the medians, berth (1 and 2) / Docker (3).
// Asserts nothing. Needs root, iproute2, util-linux, busybox-static and docker.io; uses a leased
// test subnet and removes the bridge, veth and namespace it made.
// Usage: node --import tsx bench/dns-lookup.ts [lookups=1000] [--no-docker]
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { leaseAddressPool } from '../test/harness/address-pool-lease.js';
import { startDockerEngine, type DockerTestEngine } from '../test/harness/docker-engine.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';

const lookups = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 1000);
const withDocker = !process.argv.includes('--no-docker');
const run = promisify(execFile);
const client = fileURLToPath(new URL('./dns-lookup-client.mjs', import.meta.url));
const server = fileURLToPath(new URL('./dns-lookup-server.ts', import.meta.url));
const namespace = 'berth-dns-bench';
const bridge = 'bdnsbench0';
const hostVeth = 'bdnsbench1';
const loopbackGateway = '127.77.200.1';

interface Measured {
  samples: number[];
  failures: number;
}

function summary(label: string, { samples, failures }: Measured): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): string => (sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN).toFixed(3);
  return `${label}: median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms (n=${sorted.length}, failures ${failures})`;
}

/** Runs the client under `prefix` (nothing, ip netns exec, nsenter) and returns its samples. */
async function measure(prefix: string[], server: string, count: number): Promise<Measured> {
  const [file = process.execPath, ...args] = [...prefix, process.execPath, client, server, 'db', String(count)];
  const { stdout } = await run(file, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Measured;
}

/** busybox nslookup `lookups` times in one shell under `prefix`: the mean per lookup. */
async function nslookupLoop(prefix: string[], server: string): Promise<string> {
  const script = `i=0; while [ $i -lt ${lookups} ]; do busybox nslookup -type=a db ${server} >/dev/null || exit 1; i=$((i+1)); done`;
  const [file = 'sh', ...args] = [...prefix, 'sh', '-c', script];
  const started = performance.now();
  await run(file, args);
  return `${((performance.now() - started) / lookups).toFixed(3)} ms per lookup (mean of ${lookups}, busybox start included)`;
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

const lease = leaseAddressPool();
const subnet = `${lease.addressPrefix}77`;
let resolver: ChildProcess | undefined;
let docker: DockerTestEngine | undefined;
const lines: string[] = [];
try {
  // berth on a bridge: a namespace with a veth on it, as a container on a berth network.
  await ip('link', 'add', bridge, 'type', 'bridge');
  await ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
  await ip('link', 'set', bridge, 'up');
  await ip('netns', 'add', namespace);
  await ip('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace);
  await ip('link', 'set', hostVeth, 'master', bridge, 'up');
  await ip('-n', namespace, 'addr', 'add', `${subnet}.2/24`, 'dev', 'eth0');
  await ip('-n', namespace, 'link', 'set', 'eth0', 'up');
  await ip('-n', namespace, 'link', 'set', 'lo', 'up');
  // On loopback the client asks from 127.0.0.1, registered as the asking container.
  const started = spawn(process.execPath, ['--import', 'tsx', server, `${loopbackGateway},127.0.0.1,127.77.200.3`, `${subnet}.1,${subnet}.2,${subnet}.3`], { stdio: ['pipe', 'pipe', 'inherit'] });
  resolver = started;
  await new Promise<void>((resolve, reject) => {
    started.once('exit', (code) => reject(new Error(`the resolver exited (${code}) before it was ready`)));
    started.stdout?.once('data', () => resolve());
  });
  const inNamespace = ['ip', 'netns', 'exec', namespace];

  let dockerExec: string[] | undefined;
  const variants: { label: string; prefix: string[]; server: string; measured: Measured }[] = [
    { label: `berth, client on the host (loopback, ${loopbackGateway})`, prefix: [], server: loopbackGateway, measured: { samples: [], failures: 0 } },
    { label: `berth, client in a namespace on a bridge (${subnet}.1)`, prefix: inNamespace, server: `${subnet}.1`, measured: { samples: [], failures: 0 } },
  ];
  if (withDocker) {
    docker = await startDockerEngine();
    const image = await ensureBusyboxImage(docker);
    if (docker.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
    const env = { ...process.env, DOCKER_HOST: `unix://${docker.endpoint.socketPath}` };
    const cli = (...args: string[]) => run('docker', args, { env });
    await cli('network', 'create', 'bench_default');
    await cli('run', '-d', '--name', 'bench-db-1', '--network', 'bench_default', '--network-alias', 'db', image, 'sleep', '3600');
    await cli('run', '-d', '--name', 'bench-client-1', '--network', 'bench_default', image, 'sleep', '3600');
    const pid = (await cli('inspect', '-f', '{{.State.Pid}}', 'bench-client-1')).stdout.trim();
    dockerExec = ['docker', '-H', `unix://${docker.endpoint.socketPath}`, 'exec', 'bench-client-1'];
    const label = "Docker's embedded DNS, the same client in a container's namespace (127.0.0.11)";
    variants.push({ label, prefix: ['nsenter', '-t', pid, '-n'], server: '127.0.0.11', measured: { samples: [], failures: 0 } });
  }
  const rounds = 5;
  for (let round = 0; round < rounds; round += 1) {
    for (const variant of variants) {
      const measured = await measure(variant.prefix, variant.server, Math.ceil(lookups / rounds));
      variant.measured.samples.push(...measured.samples);
      variant.measured.failures += measured.failures;
    }
  }
  for (const variant of variants) lines.push(summary(variant.label, variant.measured));
  const [host, bridged, embedded] = variants.map((variant) => [...variant.measured.samples].sort((a, b) => a - b)[Math.ceil(variant.measured.samples.length / 2) - 1] ?? Number.NaN);
  if (embedded !== undefined) lines.push(`berth / Docker, median lookup: ${(host! / embedded).toFixed(2)} (client on the host), ${(bridged! / embedded).toFixed(2)} (client in a namespace)`);
  if (!withDocker) lines.push("Docker's embedded DNS: skipped (--no-docker)");

  lines.push(`berth, busybox nslookup in the namespace: ${await nslookupLoop(inNamespace, `${subnet}.1`)}`);
  if (dockerExec !== undefined) lines.push(`Docker, busybox nslookup in the container: ${await nslookupLoop(dockerExec, '127.0.0.11')}`);
} finally {
  const stopping = resolver;
  if (stopping !== undefined && stopping.exitCode === null) {
    const exited = new Promise((resolve) => stopping.once('exit', resolve));
    stopping.stdin?.end();
    await exited;
  }
  await docker?.stop();
  await ip('netns', 'del', namespace).catch(() => undefined);
  await ip('link', 'del', bridge).catch(() => undefined);
  lease.release();
}
process.stdout.write(`${lines.join('\n')}\n`);
