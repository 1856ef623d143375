import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Answers a request; whatever it returns is ignored (handlers `return` a helper's result to end early). */
export type Handler = (request: SeenRequest, response: ServerResponse, raw: IncomingMessage) => unknown;

export interface FakeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, as a registry host in a reference. */
  readonly host: string;
  readonly requests: SeenRequest[];
  stop(): Promise<void>;
}

/**
 * A scripted HTTP server on a loopback address, recording every request: the registry, token
 * service or object storage a test needs, without a network. `address` may be another loopback
 * address (127.0.0.2) to stand for another host.
 */
export async function startFakeServer(handler: Handler, address = '127.0.0.1'): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const seen = { method: raw.method ?? '', url: new URL(raw.url ?? '/', `http://${raw.headers.host}`), headers: raw.headers, body: Buffer.concat(chunks) };
      requests.push(seen);
      Promise.resolve(handler(seen, response, raw)).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    host: `${address}:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers });
  response.end(bytes);
}

export function registryError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  json(response, status, { errors: [{ code, message }] }, headers);
}

/** Content a fake registry serves: manifests by tag or digest, blobs by digest. */
export interface Content {
  readonly manifests: Map<string, { mediaType: string; bytes: Buffer }>;
  readonly blobs: Map<string, Buffer>;
}

export function emptyContent(): Content {
  return { manifests: new Map(), blobs: new Map() };
}

/** Stores a manifest under its digest and, when given, a tag; returns the digest. */
export function addManifest(content: Content, repository: string, manifest: unknown, mediaType: string, tag?: string): { digest: string; bytes: Buffer } {
  const bytes = Buffer.from(JSON.stringify(manifest, null, 3));
  const digest = sha256(bytes);
  content.manifests.set(`${repository}@${digest}`, { mediaType, bytes });
  if (tag !== undefined) content.manifests.set(`${repository}:${tag}`, { mediaType, bytes });
  return { digest, bytes };
}

export function addBlob(content: Content, bytes: Buffer): string {
  const digest = sha256(bytes);
  content.blobs.set(digest, bytes);
  return digest;
}

/**
 * The read side of a registry over `content`: `/v2/`, manifests (GET, HEAD) and blobs (GET with
 * `Range`, HEAD). Returns false for paths it does not know, so a test can add its own.
 */
export function serveContent(content: Content, request: SeenRequest, response: ServerResponse): boolean {
  const path = request.url.pathname;
  if (path === '/v2/') {
    json(response, 200, {});
    return true;
  }
  const manifest = /^\/v2\/(.+)\/manifests\/(.+)$/.exec(path);
  if (manifest) {
    const [, repository, reference] = manifest;
    const found = content.manifests.get(`${repository}${reference!.includes(':') ? '@' : ':'}${reference}`);
    if (!found) {
      registryError(response, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      return true;
    }
    response.writeHead(200, { 'content-type': found.mediaType, 'content-length': found.bytes.length, 'docker-content-digest': sha256(found.bytes) });
    response.end(request.method === 'HEAD' ? undefined : found.bytes);
    return true;
  }
  const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path);
  if (blob) {
    const bytes = content.blobs.get(blob[2]!);
    if (!bytes) {
      registryError(response, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      return true;
    }
    const range = /^bytes=(\d+)-$/.exec(String(request.headers.range ?? ''));
    const start = range ? Number(range[1]) : 0;
    const headers = { 'content-type': 'application/octet-stream', 'content-length': bytes.length - start, 'docker-content-digest': blob[2]! };
    if (range) response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` });
    else response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : bytes.subarray(start));
    return true;
  }
  return false;
}
