import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { leaseAddressPool, type AddressPoolLease } from '../../harness/address-pool-lease.js';
import { waitUntil } from '../../helpers/wait-until.js';
import type { FirewallNetwork, PortOwner } from '../../../src/network/firewall/index.js';

/**
 * The firewall tests' own bridges, network namespaces with veths, and servers inside them: plain
 * `ip` and `socat` calls, because src/network/links is written beside this code. Subnets come from
 * the harness's per-process address-pool lease (10.N.0.0/16, N in 200..249), so nothing collides
 * with a test engine or another test file. `destroy()` removes all of it.
 */
export interface LabNetwork extends FirewallNetwork {
  gateway: string;
}

export interface LabContainer extends PortOwner {
  namespace: string;
  hostVeth: string;
}

export interface Lab {
  /** The /16 the lab's subnets come from, as `10.N.`. */
  addressPrefix: string;
  network(options?: { internal?: boolean }): LabNetwork;
  container(network: LabNetwork): LabContainer;
  /** A namespace on a point-to-point veth: a host beyond this one that traffic must be forwarded to. */
  outside(): { namespace: string; address: string; hostAddress: string };
  /** A socat server in the namespace that answers each TCP connection or UDP datagram with the peer address it saw. */
  servePeerAddress(namespace: string, protocol: 'tcp' | 'udp', port: number): Promise<void>;
  /** The networks and containers made so far. */
  networks(): LabNetwork[];
  containers(): LabContainer[];
  /** The addresses given to containers so far. */
  containerAddresses(): string[];
  destroy(): Promise<void>;
}

const peerServer = fileURLToPath(new URL('./peer-server.fixture.mjs', import.meta.url));

export function createLab(): Lab {
  const lease: AddressPoolLease = leaseAddressPool();
  let nextSubnet = 1;
  const bridges: string[] = [];
  const namespaces: string[] = [];
  const links: string[] = [];
  const servers: ChildProcess[] = [];

  const netns = (name: string, ...command: string[]): void => void execFileSync('ip', ['netns', 'exec', name, ...command], { stdio: ['ignore', 'ignore', 'pipe'] });
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

  function newNamespace(): string {
    const name = `bfw-${hex(4)}`;
    execFileSync('ip', ['netns', 'add', name]);
    namespaces.push(name);
    netns(name, 'ip', 'link', 'set', 'lo', 'up');
    return name;
  }

  /** A veth with one end in `namespace` as eth0; returns the host end's name. */
  function veth(namespace: string): string {
    const hostEnd = `bfv${hex(4)}`;
    execFileSync('ip', ['link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    links.push(hostEnd);
    return hostEnd;
  }

  const leftovers = (): string[] => {
    const present = new Set((JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).map((link) => link.ifname));
    const namespacesNow = new Set(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((line) => line.split(' ')[0]));
    return [...bridges, ...links].filter((name) => present.has(name)).concat(namespaces.filter((name) => namespacesNow.has(name)));
  };
  const hostsPerSubnet = new Map<string, number>();
  const madeNetworks: LabNetwork[] = [];
  const madeContainers: LabContainer[] = [];
  const lab: Lab = {
    addressPrefix: lease.addressPrefix,
    network(options = {}) {
      const base = `${lease.addressPrefix}${nextSubnet++}`;
      const bridge = `br-${hex(6)}`;
      execFileSync('ip', ['link', 'add', bridge, 'type', 'bridge']);
      bridges.push(bridge);
      execFileSync('ip', ['address', 'add', `${base}.1/24`, 'dev', bridge]);
      execFileSync('ip', ['link', 'set', bridge, 'up']);
      hostsPerSubnet.set(bridge, 1);
      const network = { bridge, subnet: `${base}.0/24`, gateway: `${base}.1`, internal: options.internal ?? false };
      madeNetworks.push(network);
      return network;
    },
    container(network) {
      const namespace = newNamespace();
      const hostVeth = veth(namespace);
      const host = (hostsPerSubnet.get(network.bridge) ?? 1) + 1;
      hostsPerSubnet.set(network.bridge, host);
      const containerIp = network.gateway.replace(/\.1$/, `.${host}`);
      execFileSync('ip', ['link', 'set', hostVeth, 'master', network.bridge, 'up']);
      // What the firewall README asks of the links layer: a container reaching its own published
      // port through a host address gets the packet back on the port it came from.
      execFileSync('ip', ['link', 'set', hostVeth, 'type', 'bridge_slave', 'hairpin', 'on']);
      netns(namespace, 'ip', 'address', 'add', `${containerIp}/24`, 'dev', 'eth0');
      netns(namespace, 'ip', 'link', 'set', 'eth0', 'up');
      netns(namespace, 'ip', 'route', 'add', 'default', 'via', network.gateway);
      const container = { namespace, hostVeth, network, containerId: `ctr${hex(6)}`, containerIp };
      madeContainers.push(container);
      return container;
    },
    outside() {
      const base = `${lease.addressPrefix}${nextSubnet++}`;
      const namespace = newNamespace();
      const hostEnd = veth(namespace);
      execFileSync('ip', ['address', 'add', `${base}.1/24`, 'dev', hostEnd]);
      execFileSync('ip', ['link', 'set', hostEnd, 'up']);
      netns(namespace, 'ip', 'address', 'add', `${base}.2/24`, 'dev', 'eth0');
      netns(namespace, 'ip', 'link', 'set', 'eth0', 'up');
      netns(namespace, 'ip', 'route', 'add', 'default', 'via', `${base}.1`);
      return { namespace, address: `${base}.2`, hostAddress: `${base}.1` };
    },
    async servePeerAddress(namespace, protocol, port) {
      // detached: its own process group, which destroy() kills.
      const server = spawn('ip', ['netns', 'exec', namespace, process.execPath, peerServer, protocol, String(port)], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.stdout?.setEncoding('utf8').on('data', (text: string) => text.includes('ready') && resolve());
        server.on('exit', (code) => reject(new Error(`the ${protocol} server on port ${port} in ${namespace} exited with ${code}`)));
      });
    },
    networks: () => [...madeNetworks],
    containers: () => [...madeContainers],
    containerAddresses: () => madeContainers.map((container) => container.containerIp),
    async destroy() {
      await Promise.all(
        servers.map(async (server) => {
          if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return;
          const exited = new Promise((resolve) => server.once('exit', resolve));
          process.kill(-server.pid, 'SIGKILL');
          await exited;
        }),
      );
      // Deleting a namespace with nothing running in it deletes its veth ends, and their host ends with them.
      for (const name of namespaces) execFileSync('ip', ['netns', 'delete', name]);
      for (const bridge of bridges) execFileSync('ip', ['link', 'delete', bridge]);
      lease.release();
      await waitUntil(() => leftovers().length === 0, 'the lab\'s links and namespaces to be gone', 5_000).catch(() => {
        throw new Error(`the firewall lab left ${leftovers().join(', ')}`);
      });
    },
  };
  return lab;
}

/** An address of this host that is not loopback (192.0.2.2 here): the first of its default route's interface. */
export function hostAddress(): string {
  const routes = JSON.parse(execFileSync('ip', ['-j', 'route', 'show', 'default'], { encoding: 'utf8' })) as { dev?: string }[];
  const dev = routes[0]?.dev;
  if (!dev) throw new Error('the host has no default route to take its own address from');
  const links = JSON.parse(execFileSync('ip', ['-j', '-4', 'address', 'show', 'dev', dev], { encoding: 'utf8' })) as { addr_info: { local: string }[] }[];
  const address = links[0]?.addr_info[0]?.local;
  if (!address) throw new Error(`${dev} has no IPv4 address`);
  return address;
}
