import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { rcodes, responseHeader, type Transport } from './answer-query.js';
import { TcpFrames, frame } from './tcp-frames.js';
import { maxUpstreams, type Upstream } from './upstreams.js';

/** Docker's embedded DNS gives each upstream server 4 seconds (its extIOTimeout). */
export const defaultUpstreamTimeoutMs = 4_000;

/**
 * Asks the upstream servers, in order and at most three, the way Docker's embedded DNS does:
 * the client's own bytes over the client's own transport (so its EDNS size and flags carry
 * through, and a truncated UDP answer sends the client back over TCP), a fresh socket per
 * question with `timeoutMs` for each server. A server that fails (timeout, SERVFAIL, REFUSED,
 * another error code, or an NXDOMAIN it is not authoritative for) hands over to the next; a
 * NOERROR answer or an authoritative NXDOMAIN ends the search. Resolves to the answer, the last
 * failure answer if all failed, or undefined when none answered at all (the caller replies
 * SERVFAIL). `signal` ends the search at once (the resolver is closing), with undefined.
 */
export async function forwardQuery(query: Buffer, transport: Transport, upstreams: readonly Upstream[], timeoutMs: number = defaultUpstreamTimeoutMs, signal?: AbortSignal): Promise<Buffer | undefined> {
  const id = query.readUInt16BE(0);
  let last: Buffer | undefined;
  for (const upstream of upstreams.slice(0, maxUpstreams)) {
    if (signal?.aborted === true) return undefined;
    const answer = await (transport === 'udp' ? exchangeUdp : exchangeTcp)(query, upstream, timeoutMs, signal).catch(() => undefined);
    const header = answer === undefined ? undefined : responseHeader(answer);
    if (answer === undefined || header === undefined || header.id !== id || !header.isResponse) continue;
    last = answer;
    // A truncated answer goes to the client as it is: it will ask again over TCP.
    if (header.rcode === rcodes.noError || header.truncated || (header.rcode === rcodes.nxDomain && header.authoritative)) return answer;
  }
  return last;
}

/** One question over UDP from a fresh socket connected to the server, so only its answers arrive. */
function exchangeUdp(query: Buffer, upstream: Upstream, timeoutMs: number, signal: AbortSignal | undefined): Promise<Buffer | undefined> {
  return firstAnswer(timeoutMs, signal, (finish) => {
    const socket = createSocket(isIPv6(upstream.address.replace(/%.*$/, '')) ? 'udp6' : 'udp4');
    // An ICMP port unreachable (nothing listens there) comes back as an error on a connected socket.
    socket.on('error', () => finish(undefined));
    socket.on('message', (message) => {
      // Anything but the answer to this question (a late answer to another) is ignored.
      if (message.length >= 2 && message.readUInt16BE(0) === query.readUInt16BE(0)) finish(message);
    });
    socket.connect(upstream.port, upstream.address, () => socket.send(query, (error) => error && finish(undefined)));
    return () => socket.close();
  });
}

/** One question over a fresh TCP connection, closed after the answer. */
function exchangeTcp(query: Buffer, upstream: Upstream, timeoutMs: number, signal: AbortSignal | undefined): Promise<Buffer | undefined> {
  return firstAnswer(timeoutMs, signal, (finish) => {
    const socket = connect({ host: upstream.address, port: upstream.port });
    const frames = new TcpFrames();
    socket.on('error', () => finish(undefined));
    socket.on('close', () => finish(undefined));
    socket.on('connect', () => socket.write(frame(query)));
    socket.on('data', (chunk) => {
      const [answer] = frames.push(chunk);
      if (answer !== undefined) finish(answer);
    });
    return () => socket.destroy();
  });
}

/**
 * Settles with whichever comes first: the answer `open` reports through `finish`, nothing after
 * `timeoutMs`, or nothing at the abort; then closes what `open` opened (the function it returns).
 */
function firstAnswer(timeoutMs: number, signal: AbortSignal | undefined, open: (finish: (answer: Buffer | undefined) => void) => () => void): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    let done = false;
    let close: (() => void) | undefined;
    const finish = (answer: Buffer | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      close?.();
      resolve(answer);
    };
    const abort = (): void => finish(undefined);
    const timer = setTimeout(abort, timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    close = open(finish);
    if (done) close();
  });
}
