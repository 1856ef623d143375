import { access } from 'node:fs/promises';
import { BerthError, usageError } from '../../errors/index.js';
import { canonicalSubnet, ipv4Address } from './addresses.js';
import { chainNames, type ChainNames } from './chains.js';
import { flushAddress, flushSubnet } from './conntrack.js';
import { iptablesRestore, iptablesSave } from './iptables.js';
import { networkRules } from './network-rules.js';
import { planRestore, planTeardown, type ChangeSet, type RestorePlan } from './plan-restore.js';
import { reservePort, type Reservation } from './port-reservation.js';
import { portRules } from './port-rules.js';
import { parseIptablesSave } from './ruleset.js';
import { enableIpForward, enableRouteLocalnet } from './sysctl.js';
import type { FirewallNetwork, KnownObjects, NetworkSetup, PortOwner, PortRequest, PublishedPort, RepairReport } from './types.js';
import { validatePortRequest } from './validate-ports.js';

export interface FirewallOptions {
  /**
   * What berth's chain names start with (`BERTH-FORWARD`...). Default `BERTH`; an engine started
   * for tests takes its own, so engines side by side never touch each other's rules.
   */
  chainPrefix?: string;
}

/**
 * berth's packet rules, in berth's own iptables chains (see chains.ts and the README). Every call
 * reads the rules once with iptables-save and changes them in one iptables-restore batch; calls
 * run one at a time. Host ports are held by sockets of this process while their mappings exist.
 */
export class Firewall {
  private readonly names: ChainNames;
  /** Host port sockets by `bridge container-id`. */
  private readonly held = new Map<string, HeldPorts>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: FirewallOptions = {}) {
    this.names = chainNames(options.chainPrefix ?? 'BERTH');
  }

  /**
   * Sets up a network's rules (replacing any it had): traffic within the bridge, replies, isolation
   * from other bridges, and unless internal, egress with MASQUERADE, route_localnet on the bridge
   * and IP forwarding. The bridge must exist.
   */
  async setupNetwork(network: FirewallNetwork): Promise<NetworkSetup> {
    checkName(network.bridge, 'bridge');
    const rules = networkRules(this.names, network);
    return this.serial(async () => {
      await bridgeMustExist(network.bridge);
      await this.apply({ remove: (tag) => tag.network === network.bridge && tag.container === undefined, add: rules }, `set up the firewall rules of network ${network.bridge}`);
      if (network.internal) return { enabledIpForward: false };
      // After the rules, so the bridge's loopback guard is in place before loopback routing is on.
      await enableRouteLocalnet(network.bridge);
      return { enabledIpForward: await enableIpForward() };
    });
  }

  /** Removes every rule of the network (its containers' ports too), its held ports and its connection-tracking entries. */
  async removeNetwork(network: FirewallNetwork): Promise<void> {
    checkName(network.bridge, 'bridge');
    const subnet = canonicalSubnet(network.subnet, `the subnet of network ${network.bridge}`);
    return this.serial(async () => {
      await this.apply({ remove: (tag) => tag.network === network.bridge }, `remove the firewall rules of network ${network.bridge}`);
      const released = await this.releaseHeld((entry) => entry.bridge === network.bridge);
      await flushSubnet(subnet);
      for (const entry of released) await flushAddress(entry.containerIp);
    });
  }

  /**
   * Publishes a container's ports on its network (replacing what it published there before): holds
   * each host port, then adds the DNAT and ACCEPT rules in one batch. A taken port fails with
   * Docker's "Bind for 0.0.0.0:8080 failed: port is already allocated" and publishes nothing.
   * Returns the ports as published, with the host port chosen for 0 or a range.
   */
  async publishPorts(owner: PortOwner, requests: PortRequest[]): Promise<PublishedPort[]> {
    checkOwner(owner);
    const valid = requests.map(validatePortRequest);
    if (owner.network.internal && valid.length > 0) {
      throw usageError(`container ${owner.containerId} cannot publish ports on network ${owner.network.bridge}: the network is internal`, 'publish the ports on a network that is not internal, or drop them');
    }
    return this.serial(async () => {
      const key = heldKey(owner.network.bridge, owner.containerId);
      await this.releaseHeld((entry) => heldKey(entry.bridge, entry.containerId) === key);
      const reservations: Reservation[] = [];
      try {
        const ports: PublishedPort[] = [];
        for (const request of valid) {
          const reservation = await reservePort(request.protocol, request.hostIp, request.hostPort);
          reservations.push(reservation);
          ports.push({ containerPort: request.containerPort, protocol: request.protocol, hostIp: request.hostIp, hostPort: reservation.hostPort });
        }
        const rules = ports.flatMap((port) => portRules(this.names, owner, port));
        await this.apply(
          { remove: (tag) => tag.network === owner.network.bridge && tag.container === owner.containerId, add: rules },
          `publish the ports of container ${owner.containerId} on network ${owner.network.bridge}`,
        );
        this.held.set(key, { bridge: owner.network.bridge, containerId: owner.containerId, containerIp: owner.containerIp, reservations });
        return ports;
      } catch (error) {
        await Promise.all(reservations.map((reservation) => reservation.release()));
        throw error;
      }
    });
  }

  /**
   * The container leaves the network (stopped, disconnected or removed): its port rules and held
   * ports go, and so do the connection-tracking entries of its address, so no old flow keeps
   * going to an address that is gone or soon someone else's.
   */
  async releaseContainer(owner: PortOwner): Promise<void> {
    checkOwner(owner);
    return this.serial(async () => {
      await this.apply(
        { remove: (tag) => tag.network === owner.network.bridge && tag.container === owner.containerId },
        `remove the published ports of container ${owner.containerId} on network ${owner.network.bridge}`,
      );
      await this.releaseHeld((entry) => entry.bridge === owner.network.bridge && entry.containerId === owner.containerId);
      await flushAddress(owner.containerIp);
    });
  }

  /**
   * Start-up repair: removes the rules of networks and containers not in `known` (what a crash
   * left) and puts back missing chains and jumps. Then set up each network again and publish the
   * ports of each running container again, with the host ports it had: this process holds none yet.
   */
  async repair(known: KnownObjects): Promise<RepairReport> {
    const networks = new Set(known.networks);
    const containers = new Set(known.containers);
    return this.serial(async () => {
      const plan = await this.apply(
        { remove: (tag) => !networks.has(tag.network) || (tag.container !== undefined && !containers.has(tag.container)) },
        'remove the firewall rules of networks and containers that no longer exist',
      );
      await this.releaseHeld((entry) => !networks.has(entry.bridge) || !containers.has(entry.containerId));
      const sorted = (names: (string | undefined)[]): string[] => [...new Set(names.filter((name): name is string => name !== undefined))].sort();
      return {
        removedRules: plan.removed.length,
        networks: sorted(plan.removed.map(({ tag }) => (tag.container === undefined ? tag.network : undefined))),
        containers: sorted(plan.removed.map(({ tag }) => tag.container)),
      };
    });
  }

  /** Removes berth's chains, the jumps to them and every held port: what removing all of berth's state does. */
  async removeAll(): Promise<void> {
    return this.serial(async () => {
      await this.releaseHeld(() => true);
      const input = planTeardown(this.names, parseIptablesSave(await iptablesSave()));
      if (input !== '') await iptablesRestore(input, "remove berth's firewall chains");
    });
  }

  /**
   * Reads the rules, plans the batch and applies it. A second try reads again: another tool
   * (dockerd moving its DOCKER-USER jump) may change FORWARD between the read and the write.
   */
  private async apply(change: ChangeSet, purpose: string): Promise<RestorePlan> {
    for (let attempt = 1; ; attempt += 1) {
      const plan = planRestore(this.names, parseIptablesSave(await iptablesSave()), change);
      if (plan.input === '') return plan;
      try {
        await iptablesRestore(plan.input, purpose);
        return plan;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  }

  /** Closes the host port sockets of the entries `which` picks; returns those entries. */
  private async releaseHeld(which: (entry: HeldPorts) => boolean): Promise<HeldPorts[]> {
    const released = [...this.held].filter(([, entry]) => which(entry));
    for (const [key] of released) this.held.delete(key);
    await Promise.all(released.flatMap(([, entry]) => entry.reservations.map((reservation) => reservation.release())));
    return released.map(([, entry]) => entry);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

interface HeldPorts {
  bridge: string;
  containerId: string;
  containerIp: string;
  reservations: Reservation[];
}

function heldKey(bridge: string, containerId: string): string {
  return `${bridge} ${containerId}`;
}

/** Names that go into rules and their comments: no spaces, quotes or iptables wildcards. */
const namePattern = /^[A-Za-z0-9_.-]+$/;
const nameLimits = { bridge: 15, container: 128 };

function checkName(name: string, what: keyof typeof nameLimits): void {
  if (!namePattern.test(name) || name.length > nameLimits[what]) {
    throw usageError(`${what} name ${JSON.stringify(name)} cannot be used in firewall rules`, `use up to ${nameLimits[what]} letters, digits, '.', '_' or '-'`);
  }
}

function checkOwner(owner: PortOwner): void {
  checkName(owner.network.bridge, 'bridge');
  checkName(owner.containerId, 'container');
  ipv4Address(owner.containerIp, `the address of container ${owner.containerId}`);
}

async function bridgeMustExist(bridge: string): Promise<void> {
  try {
    // /proc/sys/net follows the netns of the process; /sys/class/net that of whoever mounted sysfs.
    await access(`/proc/sys/net/ipv4/conf/${bridge}`);
  } catch (cause) {
    throw new BerthError({
      code: 'FIREWALL_NO_BRIDGE',
      kind: 'not-found',
      message: `cannot set up the firewall rules of network ${bridge}: the bridge ${bridge} does not exist`,
      hint: "create the network's bridge before its firewall rules",
      cause,
    });
  }
}
