import { createServer } from 'node:net';

/** A TCP port nothing on 127.0.0.1 listens on now: the kernel picks it, and it is free once the probe closes. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `size` consecutive TCP ports nothing on 127.0.0.1 listens on now, for a published port range. */
export async function freePortRange(size: number): Promise<{ first: number; last: number }> {
  for (;;) {
    const first = await freePort();
    const rest = Array.from({ length: size - 1 }, (_, offset) => first + 1 + offset);
    if (first + size - 1 <= 65_535 && (await Promise.all(rest.map(isFree))).every(Boolean)) return { first, last: first + size - 1 };
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
