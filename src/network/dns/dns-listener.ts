import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import { BerthError } from '../../errors/index.js';
import type { Transport } from './answer-query.js';
import { TcpFrames, frame } from './tcp-frames.js';

/** Answers one message from `source`; undefined sends nothing back. */
export type MessageHandler = (message: Buffer, transport: Transport, source: string) => Promise<Buffer | undefined>;

/** A TCP connection with nothing to say for this long is closed (RFC 7766 suggests seconds, not minutes). */
const tcpIdleMs = 10_000;

/**
 * UDP and TCP port 53 (or `port`) on one address, each message handed to `handler` and its
 * answer sent back from the same address. Errors on one client's socket, and answers that
 * cannot be sent, are that client's problem: the listener carries on.
 */
export class DnsListener {
  private readonly connections = new Set<Socket>();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly address: string,
    readonly port: number,
    private readonly udp: UdpSocket,
    private readonly tcp: Server,
  ) {}

  /** Binds both sockets; fails with a BerthError naming the address when either cannot be bound (and leaves neither bound). */
  static async open(address: string, port: number, handler: MessageHandler, purpose: string): Promise<DnsListener> {
    const udp = createSocket({ type: isIPv6(address.replace(/%.*$/, '')) ? 'udp6' : 'udp4' });
    const tcp = createServer({ noDelay: true });
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind({ address, port, exclusive: true }, () => {
          udp.off('error', reject);
          resolve();
        });
      }).catch((cause: unknown) => {
        throw listenFailure(address, port, 'UDP', purpose, cause);
      });
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ host: address, port, exclusive: true }, () => {
          tcp.off('error', reject);
          resolve();
        });
      }).catch((cause: unknown) => {
        throw listenFailure(address, port, 'TCP', purpose, cause);
      });
    } catch (error) {
      closeQuietly(udp);
      tcp.close();
      throw error;
    }
    const listener = new DnsListener(address, port, udp, tcp);
    listener.serveUdp(handler);
    listener.serveTcp(handler);
    return listener;
  }

  /** Stops answering: both sockets closed and every open TCP connection dropped. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const connection of this.connections) connection.destroy();
      this.udp.close(() => this.tcp.close(() => resolve()));
    });
    return this.closing;
  }

  private serveUdp(handler: MessageHandler): void {
    // Without a listener an 'error' event would end the process; a UDP socket's errors are per send.
    this.udp.on('error', () => undefined);
    this.udp.on('message', (message, remote) => {
      void handler(message, 'udp', remote.address)
        .then((answer) => {
          if (answer !== undefined && this.closing === undefined) this.udp.send(answer, remote.port, remote.address, () => undefined);
        })
        .catch(() => undefined);
    });
  }

  private serveTcp(handler: MessageHandler): void {
    this.tcp.on('error', () => undefined);
    this.tcp.on('connection', (connection) => {
      this.connections.add(connection);
      const frames = new TcpFrames();
      const source = connection.remoteAddress ?? '';
      connection.setTimeout(tcpIdleMs, () => connection.destroy());
      connection.on('error', () => undefined);
      connection.on('close', () => this.connections.delete(connection));
      connection.on('data', (chunk) => {
        // Several questions on one connection are answered as each is ready, in any order (RFC 7766).
        for (const message of frames.push(chunk)) {
          void handler(message, 'tcp', source)
            .then((answer) => {
              if (answer !== undefined && !connection.destroyed) connection.write(frame(answer));
            })
            .catch(() => undefined);
        }
      });
    });
  }
}

/** Closes a socket whose bind may have failed (and so may be closed already). */
function closeQuietly(socket: UdpSocket): void {
  try {
    socket.close();
  } catch {
    // Already closed: nothing holds the port.
  }
}

function listenFailure(address: string, port: number, protocol: string, purpose: string, cause: unknown): BerthError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'EADDRINUSE'
      ? 'the port is taken'
      : code === 'EADDRNOTAVAIL'
        ? 'no interface has that address'
        : code === 'EACCES'
          ? 'binding a port under 1024 needs root'
          : cause instanceof Error
            ? cause.message
            : String(cause);
  const hint =
    code === 'EADDRINUSE'
      ? `find the program holding port ${port} with \`ss -lunp 'sport = :${port}'\` and \`ss -ltnp 'sport = :${port}'\`: a DNS server (dnsmasq, bind) listening on every address takes it from berth; make it listen on its own addresses only`
      : code === 'EADDRNOTAVAIL'
        ? 'the network bridge must carry its gateway address before the resolver starts; this is a bug in berth if it happens during `berth up`'
        : code === 'EACCES'
          ? 'run the berth daemon as root'
          : undefined;
  return new BerthError({ code: 'DNS_LISTEN', kind: 'unavailable', message: `cannot answer DNS for ${purpose} on ${address}:${port} (${protocol}): ${reason}`, hint, cause });
}
