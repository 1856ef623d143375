import { afterEach, describe, expect, test } from 'vitest';
import type { BerthError } from '../../../../src/errors/index.js';
import { MediaTypes, RegistryClient } from '../../../../src/runtime/images/registry/index.js';
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
const manifest = {
  schemaVersion: 2,
  mediaType: MediaTypes.dockerManifest,
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 2 },
  layers: [],
};
addManifest(content, 'library/busybox', manifest, MediaTypes.dockerManifest, 'latest');

const quickRetries = { baseDelayMs: 1, maxDelayMs: 5 };
const manifestRequests = (server: FakeServer): number => server.requests.filter((request) => request.url.pathname.includes('/manifests/')).length;

/** A registry that answers the first `failures` manifest requests with `fail`, then serves. */
async function flaky(failures: number, fail: Handler): Promise<FakeServer> {
  let failed = 0;
  return serve((request, response, raw) => {
    if (request.url.pathname.includes('/manifests/') && failed < failures) {
      failed++;
      return fail(request, response, raw);
    }
    serveContent(content, request, response);
  });
}

const errorOf = (promise: Promise<unknown>): Promise<BerthError> => promise.then(() => Promise.reject(new Error('expected a failure')), (error: BerthError) => error);

describe('retries', () => {
  test('a 503 is retried with back-off until the registry answers', async () => {
    const registry = await flaky(2, (_request, response) => registryError(response, 503, 'UNAVAILABLE', 'try later'));

    await new RegistryClient(registry.host, { retry: quickRetries }).getManifest('library/busybox', 'latest');

    expect(manifestRequests(registry)).toBe(3);
  });

  test('a 429 waits for Retry-After before trying again', async () => {
    const registry = await flaky(1, (_request, response) => registryError(response, 429, 'TOOMANYREQUESTS', 'slow down', { 'retry-after': '1' }));
    const started = Date.now();

    await new RegistryClient(registry.host, { retry: quickRetries }).getManifest('library/busybox', 'latest');

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(manifestRequests(registry)).toBe(2);
  });

  test('a connection reset before the answer is retried', async () => {
    const registry = await flaky(1, (_request, _response, raw) => raw.socket.destroy());

    await new RegistryClient(registry.host, { retry: quickRetries }).getManifest('library/busybox', 'latest');

    expect(manifestRequests(registry)).toBe(2);
  });

  test('after maxAttempts the last answer is the error', async () => {
    const registry = await flaky(10, (_request, response) => registryError(response, 502, 'BAD_GATEWAY', 'upstream down'));

    const error = await errorOf(new RegistryClient(registry.host, { retry: { ...quickRetries, maxAttempts: 3 } }).getManifest('library/busybox', 'latest'));

    expect(manifestRequests(registry)).toBe(3);
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toBe(`registry ${registry.host} refused manifest ${registry.host}/library/busybox:latest: 502 Bad Gateway, BAD_GATEWAY: upstream down`);
  });

  test('a connection that is refused fails at once as REGISTRY_UNREACHABLE', async () => {
    const registry = await serve(() => undefined);
    await registry.stop();
    servers.pop();

    const error = await errorOf(new RegistryClient(registry.host, { retry: quickRetries }).getManifest('library/busybox', 'latest'));

    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toContain(`cannot reach registry ${registry.host}`);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('refusals', () => {
  test("a 429 asking to wait for hours fails at once and shows Docker Hub's rate-limit headers", async () => {
    const registry = await flaky(1, (_request, response) =>
      registryError(response, 429, 'TOOMANYREQUESTS', 'You have reached your pull rate limit.', {
        'retry-after': '21600',
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '0;w=21600',
      }),
    );

    const error = await errorOf(new RegistryClient(registry.host, { retry: quickRetries }).getManifest('library/busybox', 'latest'));

    expect(manifestRequests(registry)).toBe(1);
    expect(error.code).toBe('REGISTRY_RATE_LIMITED');
    expect(error.message).toBe(
      `registry ${registry.host} refused manifest ${registry.host}/library/busybox:latest: 429 Too Many Requests, TOOMANYREQUESTS: You have reached your pull rate limit., rate limit: 0 of 100 pulls left per 6 h`,
    );
    expect(error.hint).toContain('registry mirror');
  });

  test('a 404 shows the registry error codes with the repository and reference', async () => {
    const registry = await serve((request, response) => serveContent(content, request, response));

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/nothing', 'v9'));

    expect(error.code).toBe('REGISTRY_NOT_FOUND');
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(`registry ${registry.host} refused manifest ${registry.host}/library/nothing:v9: 404 Not Found, MANIFEST_UNKNOWN: manifest unknown`);
  });

  test('a host without the v2 API is named as such', async () => {
    const registry = await serve((_request, response) => {
      response.writeHead(404);
      response.end();
    });

    const error = await errorOf(new RegistryClient(registry.host).getManifest('library/busybox', 'latest'));

    expect(error.code).toBe('REGISTRY_NOT_V2');
    expect(error.message).toBe(`http://${registry.host} does not serve the registry API v2 (GET /v2/ answered 404)`);
  });
});
