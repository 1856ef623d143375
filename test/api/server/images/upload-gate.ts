import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadGate {
  /** `127.0.0.1:PORT`, the registry part of references pushed through the gate. */
  host: string;
  /** Settles when the first blob upload (`PUT .../blobs/uploads/...`) arrives; it is held, never forwarded. */
  arrived: Promise<void>;
  /** Settles when the pusher closes the held upload's connection: it gave up on the upload. */
  abandoned: Promise<void>;
  close(): Promise<void>;
}

const uploadPath = /^\/v2\/.+\/blobs\/uploads\/[^?]+/;

/**
 * A plain HTTP proxy on 127.0.0.1 in front of a test registry that forwards everything except the
 * first blob upload's PUT, which it holds open without answering: a push stuck in the middle of
 * an upload, as on a slow link.
 */
export async function uploadGate(registryHost: string): Promise<UploadGate> {
  const port = Number(registryHost.slice(registryHost.lastIndexOf(':') + 1));
  let arrive!: () => void;
  let abandon!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const abandoned = new Promise<void>((resolve) => (abandon = resolve));
  let holding = false;

  const forward = (request: IncomingMessage, response: ServerResponse): void => {
    // The Host header stays the gate's: the registry builds an upload's Location from it.
    const upstream = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => response.destroy(error));
    request.pipe(upstream);
  };

  const server = createServer((request, response) => {
    if (holding || request.method !== 'PUT' || !uploadPath.test(request.url ?? '')) return forward(request, response);
    holding = true;
    request.resume();
    request.socket.once('close', abandon);
    arrive();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    abandoned,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
