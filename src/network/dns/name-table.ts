import { isIPv4, isIPv6 } from 'node:net';
import { BerthError } from '../../errors/index.js';
import { canonicalAddress } from './addresses.js';
import type { Upstream } from './upstreams.js';

/** A container's attachment to one network, as the resolver knows it. */
export interface DnsEndpoint {
  networkId: string;
  /** The network's name: PTR answers are `<container name>.<network name>`, and `name.<network name>` resolves on that network only. */
  networkName: string;
  containerId: string;
  /** Without Docker's leading slash, e.g. `shop-web-1`. */
  containerName: string;
  /** Every other name the container answers to on this network: the service name, the network's `aliases`, the short id... */
  aliases: readonly string[];
  ipv4?: string;
  ipv6?: string;
  /**
   * The container's own `dns` servers: questions from this endpoint that the table cannot answer
   * go there instead of the host's servers, as Docker's embedded DNS forwards to the
   * container's configured servers. Absent: the resolver's default upstreams; empty: none
   * (SERVFAIL), for a network that must not resolve outside names.
   */
  upstreams?: readonly Upstream[];
}

/** The container a question came from, found by its source address. */
export interface Requester {
  containerId: string;
  upstreams: readonly Upstream[] | undefined;
}

/**
 * What the table says about a name: its addresses of the family asked (in a fresh random order
 * each time, as Docker's embedded DNS shuffles them); `no-data` when the name exists on the
 * requester's networks but has no address of that family (NOERROR with no answers: asking
 * elsewhere would be wrong); `unknown` when the name is not the table's (forward it).
 */
export type NameLookup = { kind: 'addresses'; addresses: string[] } | { kind: 'no-data' } | { kind: 'unknown' };

export interface NameTableOptions {
  /** A number in [0, 1), for the shuffle; tests pass a seeded one. */
  random?: () => number;
}

interface Entry extends DnsEndpoint {
  /** Lower case, no duplicates: the container name and the aliases. */
  names: string[];
  ipv4Key: string | undefined;
  ipv6Key: string | undefined;
}

interface NetworkNames {
  name: string;
  /** By container id, in registration order. */
  entries: Map<string, Entry>;
  /** Lower-case name -> the ids of the containers answering to it. */
  byName: Map<string, Set<string>>;
  /** canonicalAddress -> container id. */
  byAddress: Map<string, string>;
}

/**
 * The names the resolver answers, kept per network, and nothing else: no sockets, no clock.
 * Entries appear and vanish at once, with nothing cached on either side.
 *
 * Scoping follows Docker's embedded DNS: a question is answered from the networks of the
 * container that asked (all of them, not just the one whose gateway it asked), searched in the
 * order the container joined them, the first network that knows the name giving the answer.
 * `name.<network name>` looks the name up on that network only (Docker tries `a.b.c` on every
 * network, then `a.b` on network `c`, then `a` on network `b.c`). Names are case-insensitive
 * and a trailing dot (the fully qualified form) is ignored.
 */
export class NameTable {
  private readonly networks = new Map<string, NetworkNames>();
  /** Container id -> the ids of its networks, in the order it joined them. */
  private readonly containers = new Map<string, string[]>();
  private readonly random: () => number;

  constructor(options: NameTableOptions = {}) {
    this.random = options.random ?? Math.random;
  }

  /** Adds an endpoint, or replaces the container's entry on that network (new aliases, new address) keeping its place. */
  add(endpoint: DnsEndpoint): void {
    const entry = toEntry(endpoint);
    let network = this.networks.get(entry.networkId);
    if (network === undefined) {
      network = { name: entry.networkName, entries: new Map(), byName: new Map(), byAddress: new Map() };
      this.networks.set(entry.networkId, network);
    }
    const previous = network.entries.get(entry.containerId);
    if (previous !== undefined) unindex(network, previous);
    network.name = entry.networkName;
    network.entries.set(entry.containerId, entry);
    for (const name of entry.names) {
      const ids = network.byName.get(name) ?? new Set<string>();
      ids.add(entry.containerId);
      network.byName.set(name, ids);
    }
    for (const key of [entry.ipv4Key, entry.ipv6Key]) if (key !== undefined) network.byAddress.set(key, entry.containerId);
    const joined = this.containers.get(entry.containerId) ?? [];
    if (!joined.includes(entry.networkId)) joined.push(entry.networkId);
    this.containers.set(entry.containerId, joined);
  }

  /** Removes a container's entry on one network; true if there was one. */
  remove(networkId: string, containerId: string): boolean {
    const network = this.networks.get(networkId);
    const entry = network?.entries.get(containerId);
    if (network === undefined || entry === undefined) return false;
    unindex(network, entry);
    network.entries.delete(containerId);
    if (network.entries.size === 0) this.networks.delete(networkId);
    const joined = (this.containers.get(containerId) ?? []).filter((id) => id !== networkId);
    if (joined.length === 0) this.containers.delete(containerId);
    else this.containers.set(containerId, joined);
    return true;
  }

  /** Removes a container from every network (it stopped). */
  removeContainer(containerId: string): void {
    for (const networkId of [...(this.containers.get(containerId) ?? [])]) this.remove(networkId, containerId);
  }

  /** Removes every entry of a network (it is being deleted). */
  removeNetwork(networkId: string): void {
    for (const containerId of [...(this.networks.get(networkId)?.entries.keys() ?? [])]) this.remove(networkId, containerId);
  }

  /** The endpoints registered, network by network, for inspection and tests. */
  endpoints(): DnsEndpoint[] {
    return [...this.networks.values()].flatMap((network) => [...network.entries.values()].map(toEndpoint));
  }

  /** The container whose address on `networkId` is `source`, or undefined for a stranger (the host, a container not registered yet). */
  requesterAt(networkId: string, source: string): Requester | undefined {
    const key = canonicalAddress(source);
    const network = this.networks.get(networkId);
    const containerId = key === undefined ? undefined : network?.byAddress.get(key);
    const entry = containerId === undefined ? undefined : network?.entries.get(containerId);
    return entry === undefined ? undefined : { containerId: entry.containerId, upstreams: entry.upstreams };
  }

  /** A name's addresses of one family, as `requester` sees them (a stranger sees no names). */
  lookup(requester: Requester | undefined, name: string, family: 4 | 6): NameLookup {
    const joined = requester === undefined ? [] : (this.containers.get(requester.containerId) ?? []);
    for (const { name: wanted, networkName } of candidates(name)) {
      let known = false;
      for (const networkId of joined) {
        const network = this.networks.get(networkId);
        if (network === undefined || (networkName !== undefined && network.name.toLowerCase() !== networkName)) continue;
        const ids = network.byName.get(wanted);
        if (ids === undefined) continue;
        known = true;
        const addresses = new Set<string>();
        for (const id of ids) {
          const entry = network.entries.get(id);
          const address = family === 4 ? entry?.ipv4 : entry?.ipv6;
          if (address !== undefined) addresses.add(address);
        }
        if (addresses.size > 0) return { kind: 'addresses', addresses: this.shuffled([...addresses]) };
      }
      if (known) return { kind: 'no-data' };
    }
    return { kind: 'unknown' };
  }

  /**
   * The name of the container at `address` on one of the requester's networks, as Docker's
   * embedded DNS gives it: `<container name>.<network name>`. Undefined when none has it.
   */
  reverse(requester: Requester | undefined, address: string): string | undefined {
    const key = canonicalAddress(address);
    if (key === undefined || requester === undefined) return undefined;
    for (const networkId of this.containers.get(requester.containerId) ?? []) {
      const network = this.networks.get(networkId);
      const containerId = network?.byAddress.get(key);
      const entry = containerId === undefined ? undefined : network?.entries.get(containerId);
      if (network !== undefined && entry !== undefined) return `${entry.containerName}.${network.name}`;
    }
    return undefined;
  }

  /** Fisher-Yates, as Docker's embedded DNS orders several addresses: each order equally likely. */
  private shuffled(addresses: string[]): string[] {
    for (let index = addresses.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.random() * (index + 1));
      [addresses[index], addresses[other]] = [addresses[other] as string, addresses[index] as string];
    }
    return addresses;
  }
}

/** Takes an entry's names and addresses out of its network's indexes. */
function unindex(network: NetworkNames, entry: Entry): void {
  for (const name of entry.names) {
    const ids = network.byName.get(name);
    ids?.delete(entry.containerId);
    if (ids?.size === 0) network.byName.delete(name);
  }
  for (const key of [entry.ipv4Key, entry.ipv6Key]) if (key !== undefined && network.byAddress.get(key) === entry.containerId) network.byAddress.delete(key);
}

/** `a.b.c`: `a.b.c` on every network, then `a.b` on network `c`, then `a` on network `b.c`. */
function candidates(name: string): { name: string; networkName: string | undefined }[] {
  const full = name.toLowerCase().replace(/\.$/, '');
  const found: { name: string; networkName: string | undefined }[] = [{ name: full, networkName: undefined }];
  for (let dot = full.lastIndexOf('.'); dot > 0; dot = full.lastIndexOf('.', dot - 1)) {
    found.push({ name: full.slice(0, dot), networkName: full.slice(dot + 1) });
  }
  return found;
}

function toEntry(endpoint: DnsEndpoint): Entry {
  const invalid = (what: string): BerthError =>
    new BerthError({
      code: 'DNS_ENDPOINT_INVALID',
      kind: 'internal',
      message: `cannot register container ${endpoint.containerName || endpoint.containerId} on network ${endpoint.networkName || endpoint.networkId} with the DNS resolver: ${what}`,
      hint: 'this is a bug in berth: the engine passed an endpoint it had not validated',
    });
  if (endpoint.networkId === '' || endpoint.containerId === '' || endpoint.containerName === '') throw invalid('the network id, the container id and the container name must not be empty');
  if (endpoint.ipv4 !== undefined && !isIPv4(endpoint.ipv4)) throw invalid(`${JSON.stringify(endpoint.ipv4)} is not an IPv4 address`);
  if (endpoint.ipv6 !== undefined && !isIPv6(endpoint.ipv6)) throw invalid(`${JSON.stringify(endpoint.ipv6)} is not an IPv6 address`);
  const ipv4Key = endpoint.ipv4 === undefined ? undefined : canonicalAddress(endpoint.ipv4);
  const ipv6Key = endpoint.ipv6 === undefined ? undefined : canonicalAddress(endpoint.ipv6);
  const names = [...new Set([endpoint.containerName, ...endpoint.aliases].map((alias) => alias.toLowerCase().replace(/\.$/, '')).filter((alias) => alias !== ''))];
  return { ...toEndpoint(endpoint), names, ipv4Key, ipv6Key };
}

function toEndpoint(endpoint: DnsEndpoint): DnsEndpoint {
  const copy: DnsEndpoint = {
    networkId: endpoint.networkId,
    networkName: endpoint.networkName,
    containerId: endpoint.containerId,
    containerName: endpoint.containerName,
    aliases: [...endpoint.aliases],
  };
  if (endpoint.ipv4 !== undefined) copy.ipv4 = endpoint.ipv4;
  if (endpoint.ipv6 !== undefined) copy.ipv6 = endpoint.ipv6;
  if (endpoint.upstreams !== undefined) copy.upstreams = endpoint.upstreams.map((upstream) => ({ ...upstream }));
  return copy;
}
