import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { BerthError } from '../../errors/index.js';
import type { HostPortRequest, Protocol } from './types.js';

/**
 * A host port held by a socket of berth's own while a mapping exists, as docker-proxy holds one:
 * a port another process uses fails the mapping clearly instead of stealing its traffic, and
 * nothing else can take the port later. The socket never sees a packet: DNAT, in PREROUTING and
 * OUTPUT, sends the port's traffic to the container before local delivery.
 */
export interface Reservation {
  protocol: Protocol;
  hostIp: string;
  hostPort: number;
  release(): Promise<void>;
}

/** Takes `request` on `hostIp`: the port itself, any free port for 0, or the first free port of a range. */
export async function reservePort(protocol: Protocol, hostIp: string, request: HostPortRequest): Promise<Reservation> {
  if (typeof request === 'number') return bind(protocol, hostIp, request);
  for (let port = request.first; port <= request.last; port += 1) {
    try {
      return await bind(protocol, hostIp, port);
    } catch (error) {
      if (!(error instanceof BerthError && error.code === 'PORT_ALREADY_ALLOCATED')) throw error;
    }
  }
  throw new BerthError({
    code: 'PORT_ALREADY_ALLOCATED',
    kind: 'conflict',
    message: `Bind for ${hostIp}:${request.first}-${request.last} failed: all ports are allocated`,
    hint: `every ${protocol} port from ${request.first} to ${request.last} on ${hostIp} is taken; ${findHolder(protocol, `${request.first}-${request.last}`)}, or publish a wider range`,
  });
}

async function bind(protocol: Protocol, hostIp: string, port: number): Promise<Reservation> {
  try {
    const held = protocol === 'tcp' ? await listenTcp(hostIp, port) : await bindUdp(hostIp, port);
    return { protocol, hostIp, hostPort: held.port, release: held.close };
  } catch (error) {
    throw bindFailure(protocol, hostIp, port, error as NodeJS.ErrnoException);
  }
}

interface Held {
  port: number;
  close(): Promise<void>;
}

function listenTcp(host: string, port: number): Promise<Held> {
  return new Promise((resolve, reject) => {
    // Should a connection ever arrive (a rule removed by hand), close it rather than hang it.
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ host, port, exclusive: true, backlog: 1 }, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      server.unref();
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function bindUdp(address: string, port: number): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4' });
    socket.once('error', reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      socket.unref();
      resolve({ port: socket.address().port, close: () => new Promise((done) => socket.close(() => done())) });
    });
  });
}

function bindFailure(protocol: Protocol, hostIp: string, port: number, error: NodeJS.ErrnoException): BerthError {
  if (error.code === 'EADDRINUSE') {
    return new BerthError({
      code: 'PORT_ALREADY_ALLOCATED',
      kind: 'conflict',
      // Docker's own words, which users and scripts know.
      message: `Bind for ${hostIp}:${port} failed: port is already allocated`,
      hint: `another process holds ${protocol} port ${port} on ${hostIp === '0.0.0.0' ? 'this host' : hostIp}; ${findHolder(protocol, String(port))}, or publish another host port`,
      cause: error,
    });
  }
  if (error.code === 'EADDRNOTAVAIL') {
    return new BerthError({
      code: 'PORT_HOST_IP_NOT_LOCAL',
      kind: 'usage',
      message: `Bind for ${hostIp}:${port} failed: ${hostIp} is not an address of this host`,
      hint: 'publish on one of the addresses `ip -brief address` lists, or on 0.0.0.0 for all of them',
      cause: error,
    });
  }
  return new BerthError({
    code: 'PORT_BIND_FAILED',
    kind: 'internal',
    message: `Bind for ${hostIp}:${port} failed: ${error.message}`,
    hint: 'berth needs root to publish ports',
    cause: error,
  });
}

/** How to find who holds a port: ss's filter on the local port (berth's daemon holds the ports of its own containers). */
function findHolder(protocol: Protocol, ports: string): string {
  const flags = protocol === 'tcp' ? '-ltnp' : '-lunp';
  const [first, last] = ports.split('-');
  const filter = last === undefined ? `sport = :${first}` : `( sport >= :${first} and sport <= :${last} )`;
  return `\`ss ${flags} '${filter}'\` shows the process (berth's daemon itself holds the ports its containers publish)`;
}
