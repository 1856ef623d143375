import { answerQuery, serverFailure, type Transport } from './answer-query.js';
import { DnsListener } from './dns-listener.js';
import { defaultUpstreamTimeoutMs, forwardQuery } from './forward.js';
import { NameTable } from './name-table.js';
import { hostUpstreamSource, type Upstream } from './upstreams.js';

export interface DnsResolverOptions {
  /** Where questions the table cannot answer go, unless the asking endpoint has its own servers. Default: the host's, from resolv.conf, kept current. */
  upstreams?: () => readonly Upstream[];
  /** How long each upstream server gets. Default 4 s, as Docker's embedded DNS. */
  upstreamTimeoutMs?: number;
  /** Default 53; tests may move it. */
  port?: number;
  /** For the table's shuffle; tests pass a seeded one. */
  random?: () => number;
  /** Questions being forwarded at once, beyond which new ones get SERVFAIL at once. Default 1024, as Docker's embedded DNS. */
  maxConcurrentForwards?: number;
}

/** Docker's embedded DNS forwards at most 1024 questions at once: a flood cannot exhaust the daemon's file descriptors. */
export const defaultMaxConcurrentForwards = 1024;

/** One address the resolver answers on. */
export interface ListeningAddress {
  networkId: string;
  address: string;
  port: number;
}

/**
 * berth's embedded DNS: one resolver in the daemon, listening on each network's gateway address
 * (UDP and TCP), answering the names in `names` to the containers entitled to them and
 * forwarding the rest. The engine registers endpoints in `names` as containers start and join
 * networks, removes them as they stop and leave, and calls `listen` when a network's bridge has
 * its gateway address and `stopListening` before the bridge goes.
 *
 * Who asks decides what they see: a question arriving on a network's gateway is from the
 * container with that source address on that network, and is answered from that container's
 * networks only; a source the table does not know (the host, a container not registered) sees
 * no names, and its questions are forwarded to the default upstreams.
 */
export class DnsResolver {
  readonly names: NameTable;
  private readonly listeners = new Map<string, DnsListener[]>();
  private readonly upstreams: () => readonly Upstream[];
  private readonly timeoutMs: number;
  private readonly port: number;
  private readonly maxForwards: number;
  private forwarding = 0;
  /** Aborted by close(), so questions still being forwarded let go of their sockets at once. */
  private forwards = new AbortController();

  constructor(options: DnsResolverOptions = {}) {
    this.names = new NameTable(options.random === undefined ? {} : { random: options.random });
    this.upstreams = options.upstreams ?? hostUpstreamSource();
    this.timeoutMs = options.upstreamTimeoutMs ?? defaultUpstreamTimeoutMs;
    this.port = options.port ?? 53;
    this.maxForwards = options.maxConcurrentForwards ?? defaultMaxConcurrentForwards;
  }

  /**
   * Starts answering on `address` (a gateway address of `networkId`, already on its bridge) on
   * UDP and TCP. Several addresses per network are allowed (IPv4 and IPv6 gateways); listening
   * again on the same one does nothing.
   */
  async listen(networkId: string, address: string): Promise<void> {
    const existing = this.listeners.get(networkId) ?? [];
    if (existing.some((listener) => listener.address === address)) return;
    const listener = await DnsListener.open(address, this.port, (message, transport, source) => this.answer(networkId, message, transport, source), `network ${networkId.slice(0, 12)}`);
    this.listeners.set(networkId, [...(this.listeners.get(networkId) ?? []), listener]);
  }

  /** Stops answering on the network's addresses. Its names stay in `names` until removed. */
  async stopListening(networkId: string): Promise<void> {
    const listeners = this.listeners.get(networkId) ?? [];
    this.listeners.delete(networkId);
    await Promise.all(listeners.map((listener) => listener.close()));
  }

  /** Where the resolver answers, network by network. */
  listening(): ListeningAddress[] {
    return [...this.listeners].flatMap(([networkId, listeners]) => listeners.map((listener) => ({ networkId, address: listener.address, port: listener.port })));
  }

  /** Stops answering everywhere, and drops the questions still waiting for an upstream server. */
  async close(): Promise<void> {
    this.forwards.abort();
    this.forwards = new AbortController();
    await Promise.all([...this.listeners.keys()].map((networkId) => this.stopListening(networkId)));
  }

  /** One message from `source` on `networkId`'s gateway: the answer to send back, if any. Never rejects. */
  private async answer(networkId: string, message: Buffer, transport: Transport, source: string): Promise<Buffer | undefined> {
    try {
      const requester = this.names.requesterAt(networkId, source);
      const outcome = answerQuery(message, transport, {
        lookup: (name, family) => this.names.lookup(requester, name, family),
        reverse: (address) => this.names.reverse(requester, address),
      });
      if (outcome.kind === 'reply') return outcome.message;
      if (outcome.kind === 'ignore') return undefined;
      if (this.forwarding >= this.maxForwards) return serverFailure(message, transport);
      this.forwarding += 1;
      try {
        return (await forwardQuery(message, transport, requester?.upstreams ?? this.upstreams(), this.timeoutMs, this.forwards.signal)) ?? serverFailure(message, transport);
      } finally {
        this.forwarding -= 1;
      }
    } catch {
      // A bug here must cost one answer, not the daemon.
      return serverFailure(message, transport);
    }
  }
}
