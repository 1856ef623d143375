import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One GET of a blob as the proxy saw it. */
export interface BlobRequest {
  digest: string;
  /** The `Range` header, when the client asked for part of the blob. */
  range: string | undefined;
}

export interface RegistryProxy {
  /** `127.0.0.1:PORT`, the registry part of references that go through the proxy. */
  host: string;
  /** Every GET of `/v2/<name>/blobs/<digest>`, in the order they came. */
  blobRequests: BlobRequest[];
  /** How many times the blob was fetched. */
  fetches(digest: string): number;
  /** Holds the next GET of the blob until release(); `arrived` settles once it came. */
  hold(digest: string): { arrived: Promise<void>; release(): void };
  /**
   * Sends the first `bytes` of the next GET of the blob and then nothing more, leaving the
   * connection open: a download stopped at a known byte. Settles once those bytes are sent.
   */
  stallAfter(digest: string, bytes: number): Promise<void>;
  close(): Promise<void>;
}

const blobPath = /\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/;

/** A plain HTTP proxy on 127.0.0.1 in front of a test registry that counts, holds or stalls blob downloads. */
export async function registryProxy(registryHost: string): Promise<RegistryProxy> {
  const port = Number(registryHost.slice(registryHost.lastIndexOf(':') + 1));
  const blobRequests: BlobRequest[] = [];
  const holds = new Map<string, { arrived: () => void; released: Promise<void> }>();
  const stalls = new Map<string, { bytes: number; reached: () => void }>();

  const forward = (request: IncomingMessage, response: ServerResponse, stall: { bytes: number; reached: () => void } | undefined): void => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers: { ...request.headers, host: registryHost } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!stall) {
        answer.pipe(response);
        return;
      }
      let sent = 0;
      answer.on('data', (chunk: Buffer) => {
        const part = chunk.subarray(0, stall.bytes - sent);
        response.write(part);
        sent += part.length;
        if (sent < stall.bytes) return;
        answer.pause();
        answer.removeAllListeners('data');
        stall.reached();
      });
    });
    upstream.on('error', (error) => response.destroy(error));
    // A stalled download's registry side ends when its client goes (a killed pull, or close()).
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  };

  const server = createServer((request, response) => {
    const digest = request.method === 'GET' ? blobPath.exec(request.url ?? '')?.[1] : undefined;
    if (digest === undefined) return forward(request, response, undefined);
    blobRequests.push({ digest, range: request.headers.range });
    const gate = holds.get(digest);
    holds.delete(digest);
    const stall = stalls.get(digest);
    stalls.delete(digest);
    if (!gate) return forward(request, response, stall);
    gate.arrived();
    void gate.released.then(() => forward(request, response, stall));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    blobRequests,
    fetches: (digest) => blobRequests.filter((seen) => seen.digest === digest).length,
    hold(digest) {
      let arrived!: () => void;
      let release!: () => void;
      const held = { arrived: new Promise<void>((resolve) => (arrived = resolve)), released: new Promise<void>((resolve) => (release = resolve)) };
      holds.set(digest, { arrived, released: held.released });
      return { arrived: held.arrived, release };
    },
    stallAfter(digest, bytes) {
      return new Promise((reached) => stalls.set(digest, { bytes, reached }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
