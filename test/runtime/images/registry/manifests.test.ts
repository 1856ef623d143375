import { afterEach, describe, expect, test } from 'vitest';
import type { BerthError } from '../../../../src/errors/index.js';
import { MediaTypes, RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { addManifest, emptyContent, serveContent, sha256, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

const errorOf = (promise: Promise<unknown>): Promise<BerthError> => promise.then(() => Promise.reject(new Error('expected a failure')), (error: BerthError) => error);

const descriptor = (digestChar: string, size: number, mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip') => ({ mediaType, digest: `sha256:${digestChar.repeat(64)}`, size });
const ociManifest = { schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: descriptor('c', 10, 'application/vnd.oci.image.config.v1+json'), layers: [descriptor('1', 100)] };
const dockerList = {
  schemaVersion: 2,
  mediaType: MediaTypes.dockerManifestList,
  manifests: [{ ...descriptor('a', 500, MediaTypes.dockerManifest), platform: { os: 'linux', architecture: 'amd64' } }],
};

/** A registry that answers every manifest request with `bytes` and `headers`. */
async function answering(bytes: Buffer | string, headers: Record<string, string>): Promise<FakeServer> {
  return serve((request, response) => {
    if (request.url.pathname === '/v2/') return serveContent(emptyContent(), request, response);
    response.writeHead(200, headers);
    response.end(bytes);
  });
}

describe('getManifest', () => {
  test('asks for all four media types and returns the exact bytes with their digest', async () => {
    const content = emptyContent();
    const { digest, bytes } = addManifest(content, 'library/busybox', ociManifest, MediaTypes.ociManifest, 'latest');
    const registry = await serve((request, response) => serveContent(content, request, response));

    const fetched = await new RegistryClient(registry.host).getManifest('library/busybox', 'latest');

    expect(fetched).toMatchObject({ kind: 'manifest', mediaType: MediaTypes.ociManifest, digest, json: ociManifest });
    expect(fetched.bytes.equals(bytes)).toBe(true);
    const accept = String(registry.requests.at(-1)!.headers.accept).split(', ');
    expect(accept.sort()).toEqual([MediaTypes.dockerManifest, MediaTypes.dockerManifestList, MediaTypes.ociIndex, MediaTypes.ociManifest].sort());
  });

  test('a manifest list is returned as an index', async () => {
    const content = emptyContent();
    addManifest(content, 'library/busybox', dockerList, MediaTypes.dockerManifestList, 'latest');
    const registry = await serve((request, response) => serveContent(content, request, response));

    const fetched = await new RegistryClient(registry.host).getManifest('library/busybox', 'latest');

    expect(fetched.kind).toBe('index');
    expect(fetched.mediaType).toBe(MediaTypes.dockerManifestList);
  });

  test('an OCI manifest served as application/json is recognized by its mediaType field', async () => {
    const bytes = JSON.stringify(ociManifest);
    const registry = await answering(bytes, { 'content-type': 'application/json' });

    await expect(new RegistryClient(registry.host).getManifest('library/busybox', 'latest')).resolves.toMatchObject({ kind: 'manifest', mediaType: MediaTypes.ociManifest });
  });

  test('a schema 1 manifest is refused with a clear error', async () => {
    const registry = await answering(JSON.stringify({ schemaVersion: 1, name: 'library/busybox', fsLayers: [] }), {
      'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws',
    });

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/busybox', 'old'));

    expect(error.code).toBe('MANIFEST_SCHEMA1_UNSUPPORTED');
    expect(error.message).toBe(`${registry.host}/library/busybox:old is stored in the Docker image manifest schema 1 format, which berth does not support (Docker dropped it too)`);
    expect(error.hint).toContain('push the image again');
  });

  test('bytes that do not match Docker-Content-Digest are refused', async () => {
    const bytes = JSON.stringify(ociManifest);
    const registry = await answering(bytes, { 'content-type': MediaTypes.ociManifest, 'docker-content-digest': sha256('something else') });

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/busybox', 'latest'));

    expect(error.code).toBe('MANIFEST_DIGEST_MISMATCH');
    expect(error.message).toBe(
      `manifest of ${registry.host}/library/busybox:latest does not match Docker-Content-Digest: expected ${sha256('something else')}, received bytes hash to ${sha256(bytes)}`,
    );
  });

  test('bytes that do not match the digest asked for are refused, even without Docker-Content-Digest', async () => {
    const bytes = JSON.stringify(ociManifest);
    const asked = sha256('the manifest I meant');
    const registry = await answering(bytes, { 'content-type': MediaTypes.ociManifest });

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/busybox', asked));

    expect(error.code).toBe('MANIFEST_DIGEST_MISMATCH');
    expect(error.message).toContain(`${registry.host}/library/busybox@${asked} does not match the digest asked for`);
  });

  test('a manifest whose layers lack a digest is malformed', async () => {
    const registry = await answering(JSON.stringify({ ...ociManifest, layers: [{ mediaType: 'x', size: 1 }] }), { 'content-type': MediaTypes.ociManifest });

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/busybox', 'latest'));

    expect(error.code).toBe('MANIFEST_INVALID');
    expect(error.message).toBe(`manifest of ${registry.host}/library/busybox:latest is malformed: layers[0] has no valid digest (undefined)`);
  });
});

describe('headManifest', () => {
  test('tells the digest, media type and size without a body, and undefined for an unknown tag', async () => {
    const content = emptyContent();
    const { digest, bytes } = addManifest(content, 'library/busybox', ociManifest, MediaTypes.ociManifest, 'latest');
    const registry = await serve((request, response) => serveContent(content, request, response));
    const client = new RegistryClient(registry.host);

    await expect(client.headManifest('library/busybox', 'latest')).resolves.toEqual({ digest, mediaType: MediaTypes.ociManifest, size: bytes.length });
    await expect(client.headManifest('library/busybox', 'nope')).resolves.toBeUndefined();
    expect(registry.requests.filter((request) => request.method === 'HEAD')).toHaveLength(2);
  });
});
