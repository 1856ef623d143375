import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { reservePort, type Reservation } from '../../../src/network/firewall/port-reservation.js';
import { validatePortRequest } from '../../../src/network/firewall/validate-ports.js';
import { berthErrorOf } from '../../helpers/error-of.js';

const held: Reservation[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((reservation) => reservation.release()));
  for (const server of servers.splice(0)) server.close();
});

async function reserve(...args: Parameters<typeof reservePort>): Promise<Reservation> {
  const reservation = await reservePort(...args);
  held.push(reservation);
  return reservation;
}

async function listen(port: number, host = '0.0.0.0'): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

async function failure(action: Promise<unknown>): Promise<BerthError> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BerthError)) throw new Error(`expected a BerthError, got ${String(error)}`);
  return error;
}

describe('holding host ports', () => {
  test('HostPort 0 takes a free TCP port, which nobody else can listen on until it is released', async () => {
    const reservation = await reserve('tcp', '0.0.0.0', 0);
    expect(reservation.hostPort).toBeGreaterThan(0);
    await expect(listen(reservation.hostPort)).rejects.toThrow(/EADDRINUSE/);
    await reservation.release();
    expect(await listen(reservation.hostPort)).toBe(reservation.hostPort);
  });

  test('a UDP port is held by a bound socket', async () => {
    const reservation = await reserve('udp', '127.0.0.1', 0);
    const other = createSocket('udp4');
    const bound = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      other.once('error', resolve);
      other.bind(reservation.hostPort, '127.0.0.1', () => resolve(undefined));
    });
    other.close();
    expect(bound?.code).toBe('EADDRINUSE');
  });

  test("a taken port fails with Docker's text, and the hint says how to find the process", async () => {
    const port = await listen(0);
    const error = await failure(reserve('tcp', '0.0.0.0', port));
    expect(error.message).toBe(`Bind for 0.0.0.0:${port} failed: port is already allocated`);
    expect(error.code).toBe('PORT_ALREADY_ALLOCATED');
    expect(error.hint).toBe(
      `another process holds tcp port ${port} on this host; \`ss -ltnp 'sport = :${port}'\` shows the process (berth's daemon itself holds the ports its containers publish), or publish another host port`,
    );
  });

  test('a port held on all addresses is taken for 127.0.0.1 too', async () => {
    const port = await listen(0, '0.0.0.0');
    expect((await failure(reserve('tcp', '127.0.0.1', port))).message).toBe(`Bind for 127.0.0.1:${port} failed: port is already allocated`);
  });

  test('a range whose ports are all taken fails naming the range', async () => {
    const port = await listen(0);
    const error = await failure(reserve('tcp', '0.0.0.0', { first: port, last: port }));
    expect(error.message).toBe(`Bind for 0.0.0.0:${port}-${port} failed: all ports are allocated`);
  });

  test('a host address that is not one of this host\'s fails saying so', async () => {
    const error = await failure(reserve('tcp', '203.0.113.7', 0));
    expect(error.code).toBe('PORT_HOST_IP_NOT_LOCAL');
    expect(error.message).toBe('Bind for 203.0.113.7:0 failed: 203.0.113.7 is not an address of this host');
  });
});

describe('checking published ports', () => {
  test('the host address defaults to 0.0.0.0', () => {
    expect(validatePortRequest({ containerPort: 80, protocol: 'tcp', hostPort: 8080 })).toEqual({ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 });
  });

  test('sctp, reversed ranges, port 0 in the container and IPv6 host addresses are refused with what to do', () => {
    expect(berthErrorOf(() => validatePortRequest({ containerPort: 80, protocol: 'sctp' as 'tcp', hostPort: 80 })).message).toBe('published port 80:80/sctp: protocol "sctp" is not supported');
    expect(berthErrorOf(() => validatePortRequest({ containerPort: 80, protocol: 'tcp', hostPort: { first: 9000, last: 8000 } })).message).toBe(
      'published port 9000-8000:80/tcp: host port 9000-8000 is not a port or a range of ports',
    );
    expect(berthErrorOf(() => validatePortRequest({ containerPort: 0, protocol: 'udp', hostPort: 0 })).hint).toBe('use a port from 1 to 65535');
    expect(berthErrorOf(() => validatePortRequest({ containerPort: 80, protocol: 'tcp', hostIp: '::', hostPort: 0 })).message).toBe(
      'the host address of published port 80/tcp "::" is not a dotted IPv4 address, such as 172.18.0.2',
    );
  });
});
