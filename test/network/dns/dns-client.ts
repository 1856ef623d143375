import { createSocket } from 'node:dgram';
import { connect, createServer, isIPv6 } from 'node:net';
import { decode, encode, RECURSION_DESIRED, type DecodedPacket, type Packet, type Question } from 'dns-packet';
import { TcpFrames, frame } from '../../../src/network/dns/tcp-frames.js';

export type Reply = DecodedPacket & { rcode?: string };

let nextId = 1;

export function question(name: string, type: Question['type'] = 'A', extra: Partial<Packet> = {}): Buffer {
  nextId = (nextId % 65_535) + 1;
  return encode({ type: 'query', id: nextId, flags: RECURSION_DESIRED, questions: [{ type, name }], ...extra });
}

/** Sends raw bytes over UDP from `localAddress` and resolves to the first datagram back, or undefined after `timeoutMs`. */
export function exchangeUdp(server: string, message: Buffer, options: { localAddress?: string; port?: number; timeoutMs?: number } = {}): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(server) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(undefined), options.timeoutMs ?? 5_000);
    function finish(answer: Buffer | undefined): void {
      clearTimeout(timer);
      socket.close(() => resolve(answer));
    }
    socket.on('error', reject);
    socket.on('message', (answer) => finish(answer));
    socket.bind({ address: options.localAddress ?? (isIPv6(server) ? '::1' : '127.0.0.1'), port: 0 }, () => socket.send(message, options.port ?? 53, server));
  });
}

export async function askUdp(server: string, message: Buffer, options: { localAddress?: string; port?: number } = {}): Promise<Reply> {
  const answer = await exchangeUdp(server, message, options);
  if (answer === undefined) throw new Error(`no UDP answer from ${server}`);
  return decode(answer);
}

/** Sends each message over one TCP connection (from `localAddress`) and resolves to the answers, in the order they came. */
export function askTcp(server: string, messages: Buffer[], options: { localAddress?: string; port?: number } = {}): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server, port: options.port ?? 53, localAddress: options.localAddress ?? (isIPv6(server) ? '::1' : '127.0.0.1') });
    const frames = new TcpFrames();
    const answers: Reply[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no TCP answer from ${server}`)));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(Buffer.concat(messages.map(frame))));
    socket.on('data', (chunk) => {
      answers.push(...frames.push(chunk).map((answer) => decode(answer)));
      if (answers.length === messages.length) {
        socket.end();
        resolve(answers);
      }
    });
  });
}

/** True if nothing holds `port` on `address` over UDP or TCP: what a test must leave behind. */
export async function portIsFree(address: string, port = 53): Promise<boolean> {
  const udpFree = await new Promise<boolean>((resolve) => {
    const socket = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    socket.on('error', () => resolve(false));
    socket.bind({ address, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
  const tcpFree = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.on('error', () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  return udpFree && tcpFree;
}
