import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import type { BerthError } from '../../../../src/errors/index.js';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { addBlob, emptyContent, json, registryError, serveContent, sha256, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const streamError = (stream: Promise<Readable>): Promise<BerthError> =>
  stream.then(readAll).then(
    () => Promise.reject(new Error('expected a failure')),
    (error: BerthError) => error,
  );

const quickRetries = { baseDelayMs: 1, maxDelayMs: 5 };
const blob = randomBytes(256 * 1024);
const content = emptyContent();
const digest = addBlob(content, blob);

describe('getBlob', () => {
  test('streams the blob when size and digest match', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));

    const bytes = await readAll(await new RegistryClient(registry.host).getBlob('library/busybox', digest, { size: blob.length }));

    expect(bytes.equals(blob)).toBe(true);
  });

  test('bytes that hash to another digest fail the stream at its end with BLOB_DIGEST_MISMATCH', async () => {
    const tampered = Buffer.from(blob);
    tampered.writeUInt8(tampered.readUInt8(1000) ^ 0xff, 1000);
    const registry = await serve((request, response) => {
      if (request.url.pathname === '/v2/') return json(response, 200, {});
      response.writeHead(200, { 'content-length': tampered.length });
      response.end(tampered);
    });

    const error = await streamError(new RegistryClient(registry.host).getBlob('library/busybox', digest, { size: blob.length }));

    expect(error.code).toBe('BLOB_DIGEST_MISMATCH');
    expect(error.message).toBe(`blob ${digest} of ${registry.host}/library/busybox: received bytes hash to ${sha256(tampered)}`);
  });

  test('more bytes than the descriptor size fail with BLOB_SIZE_MISMATCH', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));

    const error = await streamError(new RegistryClient(registry.host).getBlob('library/busybox', digest, { size: 1000 }));

    expect(error.code).toBe('BLOB_SIZE_MISMATCH');
    expect(error.message).toBe(`blob ${digest} of ${registry.host}/library/busybox: expected 1000 bytes, received more than 1000`);
  });

  test('a missing blob rejects before any stream exists', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));

    const error = (await new RegistryClient(registry.host).getBlob('library/busybox', sha256('absent')).catch((caught: unknown) => caught)) as BerthError;

    expect(error.code).toBe('REGISTRY_NOT_FOUND');
    expect(error.message).toBe(`registry ${registry.host} refused blob ${sha256('absent')} of ${registry.host}/library/busybox: 404 Not Found, BLOB_UNKNOWN: blob unknown to registry`);
  });

  test('resume asks for the rest with Range and checks the digest over the whole blob', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));
    const offset = 100_000;
    const prefixHash = createHash('sha256').update(blob.subarray(0, offset));

    const rest = await readAll(await new RegistryClient(registry.host).getBlob('library/busybox', digest, { size: blob.length, resume: { offset, prefixHash } }));

    expect(rest.equals(blob.subarray(offset))).toBe(true);
    expect(registry.requests.at(-1)!.headers.range).toBe(`bytes=${offset}-`);
  });

  test('a registry that ignores Range has the bytes already held skipped', async () => {
    const registry = await serve((request, response) => {
      if (request.url.pathname === '/v2/') return json(response, 200, {});
      response.writeHead(200, { 'content-length': blob.length });
      response.end(blob);
    });
    const offset = 12_345;
    const prefixHash = createHash('sha256').update(blob.subarray(0, offset));

    const rest = await readAll(await new RegistryClient(registry.host).getBlob('library/busybox', digest, { size: blob.length, resume: { offset, prefixHash } }));

    expect(rest.equals(blob.subarray(offset))).toBe(true);
  });

  test('a connection reset in the middle of the body is resumed from the byte reached', async () => {
    let cut = false;
    const registry = await serve((request, response, raw) => {
      if (!cut && request.url.pathname.includes('/blobs/')) {
        cut = true;
        response.writeHead(200, { 'content-length': blob.length });
        response.write(blob.subarray(0, 50_000), () => setTimeout(() => raw.socket.destroy(), 20));
        return;
      }
      serveContent(content, request, response);
    });

    const bytes = await readAll(await new RegistryClient(registry.host, { retry: quickRetries }).getBlob('library/busybox', digest, { size: blob.length }));

    expect(bytes.equals(blob)).toBe(true);
    const blobRequests = registry.requests.filter((request) => request.url.pathname.includes('/blobs/'));
    expect(blobRequests).toHaveLength(2);
    expect(blobRequests[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(String(blobRequests[1]!.headers.range))![0])).toBeGreaterThan(0);
  });

  test('blobExists is a HEAD: true for a present blob, false for an absent one', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));
    const client = new RegistryClient(registry.host);

    await expect(client.blobExists('library/busybox', digest)).resolves.toBe(true);
    await expect(client.blobExists('library/busybox', sha256('absent'))).resolves.toBe(false);
    expect(registry.requests.slice(1).map((request) => request.method)).toEqual(['HEAD', 'HEAD']);
  });
});

describe('push', () => {
  test('a new blob is uploaded by POST then one PUT with digest= added to the Location query', async () => {
    const stored = new Map<string, Buffer>();
    const registry = await serve((request, response) => {
      const path = request.url.pathname;
      if (path === '/v2/') return json(response, 200, {});
      if (request.method === 'HEAD') return registryError(response, 404, 'BLOB_UNKNOWN', 'blob unknown');
      if (request.method === 'POST' && path === '/v2/team/app/blobs/uploads/') {
        response.writeHead(202, { location: '/v2/team/app/blobs/uploads/u-1?_state=opaque', 'content-length': 0 });
        return response.end();
      }
      if (request.method === 'PUT' && path === '/v2/team/app/blobs/uploads/u-1' && request.url.searchParams.get('_state') === 'opaque') {
        stored.set(request.url.searchParams.get('digest')!, request.body);
        response.writeHead(201, { location: `/v2/team/app/blobs/${request.url.searchParams.get('digest')}` });
        return response.end();
      }
      registryError(response, 400, 'UNSUPPORTED', `${request.method} ${request.url.href}`);
    });

    const result = await new RegistryClient(registry.host).pushBlob('team/app', digest, blob);

    expect(result).toEqual({ uploaded: true });
    expect(stored.get(digest)?.equals(blob)).toBe(true);
    const put = registry.requests.find((request) => request.method === 'PUT')!;
    expect(put.headers['content-type']).toBe('application/octet-stream');
    expect(put.headers['content-length']).toBe(String(blob.length));
  });

  test('a blob the registry has is not uploaded again', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));

    await expect(new RegistryClient(registry.host).pushBlob('library/busybox', digest, blob)).resolves.toEqual({ uploaded: false });
    expect(registry.requests.map((request) => request.method)).toEqual(['GET', 'HEAD']);
  });

  test('a manifest is PUT with its media type and its digest returned; an upload refusal shows the registry error', async () => {
    const registry = await serve((request, response) => {
      if (request.url.pathname === '/v2/') return json(response, 200, {});
      if (request.url.pathname.endsWith('/manifests/v1')) {
        response.writeHead(201, { 'docker-content-digest': sha256(request.body) });
        return response.end();
      }
      registryError(response, 400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry');
    });
    const client = new RegistryClient(registry.host);
    const bytes = Buffer.from('{"schemaVersion":2}');

    await expect(client.putManifest('team/app', 'v1', 'application/vnd.oci.image.manifest.v1+json', bytes)).resolves.toBe(sha256(bytes));
    expect(registry.requests.at(-1)!.headers['content-type']).toBe('application/vnd.oci.image.manifest.v1+json');
    await expect(client.putManifest('team/app', 'v2', 'application/vnd.oci.image.manifest.v1+json', bytes)).rejects.toMatchObject({
      code: 'REGISTRY_ERROR',
      message: `registry ${registry.host} refused manifest ${registry.host}/team/app:v2: 400 Bad Request, MANIFEST_BLOB_UNKNOWN: blob unknown to registry`,
    });
  });
});
