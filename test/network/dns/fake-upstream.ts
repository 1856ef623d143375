import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { decode, encode, type Answer, type Question } from 'dns-packet';
import { TcpFrames, frame } from '../../../src/network/dns/tcp-frames.js';

/** What the fake server does with a question: answer it, or stay silent (a server that never answers). */
export type Behaviour = (question: Question) => { rcode: number; answers?: Answer[]; authoritative?: boolean } | 'silent';

export interface FakeUpstream {
  address: string;
  port: number;
  /** Every question it received, with the transport it came over. */
  received: { name: string; type: string; transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

/** An upstream DNS server on a loopback address (never the real network), on UDP and TCP. */
export async function startFakeUpstream(address: string, behaviour: Behaviour, port = 53): Promise<FakeUpstream> {
  const received: FakeUpstream['received'] = [];
  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined => {
    const query = decode(message);
    const asked = query.questions?.[0];
    if (asked === undefined) return undefined;
    received.push({ name: asked.name, type: asked.type, transport });
    const outcome = behaviour(asked);
    if (outcome === 'silent') return undefined;
    const flags = 0x0080 | (outcome.authoritative === true ? 0x0400 : 0) | ((query.flags ?? 0) & 0x0100) | outcome.rcode;
    return encode({ type: 'response', id: query.id ?? 0, flags, questions: query.questions ?? [], answers: outcome.answers ?? [] });
  };
  const udp = createSocket('udp4');
  udp.on('message', (message, remote) => {
    const answer = respond(message, 'udp');
    if (answer !== undefined) udp.send(answer, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => udp.bind({ address, port }, resolve));
  const connections = new Set<Socket>();
  const tcp = createServer((connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => undefined);
    const frames = new TcpFrames();
    connection.on('data', (chunk) => {
      for (const message of frames.push(chunk)) {
        const answer = respond(message, 'tcp');
        if (answer !== undefined) connection.write(frame(answer));
      }
    });
  });
  await new Promise<void>((resolve) => tcp.listen({ host: address, port }, resolve));
  return {
    address,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.destroy();
        udp.close(() => tcp.close(() => resolve()));
      }),
  };
}
