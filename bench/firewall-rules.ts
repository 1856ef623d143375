// The firewall's costs, median of N each, on this machine (root; what the firewall integration
// tests need, and docker.io for the last part):
// 1. set up one network's rules (Firewall.setupNetwork: one iptables-save, one iptables-restore
//    batch, two sysctl writes) and remove them; beside it, the same rules written the way the
//    batch replaces, one `iptables -A` process per rule;
// 2. publish one port (Firewall.publishPorts with HostPort 0: the host socket, one save, one
//    batch) and release it (one save, one batch, two `conntrack -D`);
// 3. TCP throughput of 1 GiB from /dev/zero through a port published on 127.0.0.1: berth's DNAT
//    in the kernel, the container's own address with no NAT, and Docker's engine (docker-proxy,
//    its userland proxy), each to a busybox `nc -e dd of=/dev/null` in the container. 3 runs each,
//    and the ratio of the medians, berth's DNAT / docker-proxy.
// Asserts nothing. Usage: node --import tsx bench/firewall-rules.ts [runs=20] [--no-throughput]
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Firewall } from '../src/network/firewall/index.js';
import { chainNames } from '../src/network/firewall/chains.js';
import { networkRules } from '../src/network/firewall/network-rules.js';
import { appendLine } from '../src/network/firewall/rule.js';
import { startDockerEngine } from '../test/harness/docker-engine.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';
import { call } from '../test/harness/raw-calls.js';
import { guardIpForward } from '../test/network/firewall/forwarding-guard.js';
import { createLab } from '../test/network/firewall/lab.js';

const runs = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 20);
const throughput = !process.argv.includes('--no-throughput');
const run = promisify(execFile);
const prefix = 'BENCH';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const report = (label: string, values: number[], unit = 'ms'): void =>
  console.log(`${label.padEnd(62)} median ${median(values).toFixed(1)} ${unit} (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}, n=${values.length})`);

/** Seconds for socat to push 1 GiB of zeros to host:port. */
async function pushGibibyte(host: string, port: number): Promise<number> {
  const seconds = await timed(() => run('socat', ['-u', '-b', '131072', 'OPEN:/dev/zero,readbytes=1073741824', `TCP:${host}:${port}`]));
  return seconds / 1000;
}

const guard = guardIpForward();
const lab = createLab();
const firewall = new Firewall({ chainPrefix: prefix });
try {
  const setups: number[] = [];
  const removals: number[] = [];
  const perRule: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const network = lab.network();
    setups.push(await timed(() => firewall.setupNetwork(network)));
    removals.push(await timed(() => firewall.removeNetwork(network)));
    // The same rules, one iptables process each, into the chains that now exist.
    const rules = networkRules(chainNames(prefix), network);
    perRule.push(await timed(async () => {
      for (const rule of rules) await run('iptables', ['-w', '-t', rule.table, ...splitArguments(appendLine(rule))]);
    }));
    await firewall.removeNetwork(network);
  }
  report('set up one network (one save + one restore batch)', setups);
  report(`the same ${networkRules(chainNames(prefix), lab.network()).length} rules, one iptables process each`, perRule);
  report('remove one network', removals);

  const network = lab.network();
  const container = lab.container(network);
  await firewall.setupNetwork(network);
  const publishes: number[] = [];
  const releases: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    publishes.push(await timed(() => firewall.publishPorts(container, [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }])));
    releases.push(await timed(() => firewall.releaseContainer(container)));
  }
  report('publish one port (HostPort 0)', publishes);
  report('release it (rules and conntrack entries)', releases);

  if (throughput) {
    let berthMedian = Number.NaN;
    const sink = spawn('ip', ['netns', 'exec', container.namespace, 'busybox', 'nc', '-ll', '-p', '5001', '-e', 'dd', 'of=/dev/null', 'bs=131072'], { stdio: 'ignore', detached: true });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [port] = await firewall.publishPorts(container, [{ containerPort: 5001, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0 }]);
      const viaBerth: number[] = [];
      const direct: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        viaBerth.push(1024 / (await pushGibibyte('127.0.0.1', port?.hostPort ?? 0)));
        direct.push(1024 / (await pushGibibyte(container.containerIp, 5001)));
      }
      report("1 GiB to 127.0.0.1:PORT, berth's DNAT", viaBerth, 'MiB/s');
      berthMedian = median(viaBerth);
      report("1 GiB to the container's address, no NAT", direct, 'MiB/s');
      await firewall.releaseContainer(container);
    } finally {
      if (sink.pid !== undefined) process.kill(-sink.pid, 'SIGKILL');
    }
    const engine = await startDockerEngine();
    try {
      const image = await ensureBusyboxImage(engine);
      await call(engine, 'POST', '/networks/create', { Name: 'bench', Driver: 'bridge' });
      const { Id } = JSON.parse(
        await call(engine, 'POST', '/containers/create', {
          Image: image,
          Cmd: ['nc', '-ll', '-p', '5001', '-e', 'dd', 'of=/dev/null', 'bs=131072'],
          ExposedPorts: { '5001/tcp': {} },
          HostConfig: { NetworkMode: 'bench', PortBindings: { '5001/tcp': [{ HostIp: '127.0.0.1', HostPort: '0' }] } },
        }),
      ) as { Id: string };
      await call(engine, 'POST', `/containers/${Id}/start`);
      const inspect = JSON.parse(await call(engine, 'GET', `/containers/${Id}/json`)) as { NetworkSettings: { Ports: Record<string, { HostPort: string }[]> } };
      const dockerPort = Number(inspect.NetworkSettings.Ports['5001/tcp']?.[0]?.HostPort);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const viaProxy: number[] = [];
      for (let index = 0; index < 3; index += 1) viaProxy.push(1024 / (await pushGibibyte('127.0.0.1', dockerPort)));
      report("1 GiB to 127.0.0.1:PORT, Docker's engine (docker-proxy)", viaProxy, 'MiB/s');
      console.log(`${'published-port throughput, berth / docker (medians)'.padEnd(62)} ${(berthMedian / median(viaProxy)).toFixed(2)}`);
    } finally {
      await engine.stop();
    }
  }
} finally {
  for (const network of lab.networks()) await firewall.removeNetwork(network).catch(() => undefined);
  await firewall.removeAll();
  await lab.destroy();
  guard.release();
}

/** `-A CHAIN args...` as an argument list (the only quoted word berth writes is the comment). */
function splitArguments(line: string): string[] {
  return (line.match(/"[^"]*"|\S+/g) ?? []).map((word) => word.replace(/^"(.*)"$/, '$1'));
}
