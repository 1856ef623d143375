import { afterEach, expect, test } from 'vitest';
import { MediaTypes, openRegistry } from '../../../../src/runtime/images/registry/index.js';
import { addManifest, emptyContent, registryError, serveContent, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

const content = emptyContent();
const { digest } = addManifest(
  content,
  'library/busybox',
  { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests: [] },
  MediaTypes.ociIndex,
  'latest',
);

test('Docker Hub references are read from the first mirror that has them', async () => {
  const failing = await serve((request, response) => (request.url.pathname === '/v2/' ? serveContent(content, request, response) : registryError(response, 500, 'BROKEN', 'disk full')));
  const empty = await serve((request, response) => serveContent(emptyContent(), request, response));
  const full = await serve((request, response) => serveContent(content, request, response));
  const registry = openRegistry('docker.io', { mirrors: [failing.url, empty.url, full.url], retry: { maxAttempts: 1 } });

  const fetched = await registry.getManifest('library/busybox', 'latest');
  const head = await registry.headManifest('library/busybox', 'latest');

  expect(fetched.digest).toBe(digest);
  expect(head?.digest).toBe(digest);
  expect(full.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
    'GET /v2/',
    'GET /v2/library/busybox/manifests/latest',
    'HEAD /v2/library/busybox/manifests/latest',
  ]);
});

test('mirrors apply to Docker Hub only', async () => {
  const mirror = await serve((request, response) => serveContent(content, request, response));
  const other = await serve((request, response) => serveContent(content, request, response));

  await openRegistry(other.host, { mirrors: [mirror.url] }).getManifest('library/busybox', 'latest');

  expect(mirror.requests).toHaveLength(0);
  expect(other.requests).toHaveLength(2);
});

test('a mirror written with a path is refused', () => {
  expect(() => openRegistry('docker.io', { mirrors: ['https://mirror.example/v2/'] })).toThrow(
    expect.objectContaining({ code: 'MIRROR_INVALID', message: 'registry mirror "https://mirror.example/v2/" is not an http:// or https:// URL of a host' }),
  );
});
