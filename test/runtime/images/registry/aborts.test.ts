import { Readable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { json, sha256, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

/** What the caller passes to abort(): the error every aborted call must reject with. */
class ClientWent extends Error {}

/** Aborts after `ms`; resolves to how long `work` took to fail after that, and its error. */
async function abortedAfter(ms: number, work: (signal: AbortSignal) => Promise<unknown>): Promise<{ error: unknown; lateMs: number }> {
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort(new ClientWent('the client went away'));
  }, ms);
  const error = await work(controller.signal).then(() => new Error('expected the call to fail'), (caught: unknown) => caught);
  return { error, lateMs: performance.now() - abortedAt };
}

const blob = Buffer.alloc(64 * 1024, 7);
const digest = sha256(blob);

test('a blob download stalled in the middle of its body stops as soon as the signal aborts, with the signal\'s reason', async () => {
  const registry = await serve((request, response) => {
    if (request.url.pathname === '/v2/') return json(response, 200, {});
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': blob.length });
    response.write(blob.subarray(0, 1000)); // and then silence, as a stalled download
  });
  const client = new RegistryClient(registry.host, { timeoutMs: 60_000 });

  const { error, lateMs } = await abortedAfter(200, async (signal) => {
    for await (const _chunk of await client.getBlob('library/busybox', digest, { size: blob.length, signal })) void _chunk;
  });

  expect(error).toBeInstanceOf(ClientWent);
  expect(lateMs).toBeLessThan(500);
  // No resume was tried: the reset the abort causes is not a network failure.
  expect(registry.requests.filter((request) => request.url.pathname.includes('/blobs/'))).toHaveLength(1);
});

test('a manifest request the registry never answers stops as soon as the signal aborts', async () => {
  const registry = await serve((request, response) => {
    if (request.url.pathname === '/v2/') json(response, 200, {});
  });
  const client = new RegistryClient(registry.host, { timeoutMs: 60_000 });

  const { error, lateMs } = await abortedAfter(200, (signal) => client.getManifest('library/busybox', 'latest', { signal }));

  expect(error).toBeInstanceOf(ClientWent);
  expect(lateMs).toBeLessThan(500);
});

test('a wait for a registry\'s Retry-After stops as soon as the signal aborts, and nothing is asked again', async () => {
  const registry = await serve((request, response) => {
    if (request.url.pathname === '/v2/') return json(response, 200, {});
    json(response, 503, { errors: [{ code: 'UNAVAILABLE', message: 'try later' }] }, { 'retry-after': '30' });
  });
  const client = new RegistryClient(registry.host);

  const { error, lateMs } = await abortedAfter(200, (signal) => client.getManifest('library/busybox', 'latest', { signal }));
  await new Promise((resolve) => setTimeout(resolve, 100));

  expect(error).toBeInstanceOf(ClientWent);
  expect(lateMs).toBeLessThan(500);
  expect(registry.requests.filter((request) => request.url.pathname.includes('/manifests/'))).toHaveLength(1);
});

test('an upload stopped in the middle of its body rejects with the signal\'s reason and sends nothing after it', async () => {
  const registry = await serve((request, response) => {
    if (request.url.pathname === '/v2/') return json(response, 200, {});
    if (request.method === 'HEAD') return json(response, 404, {});
    if (request.method === 'POST') {
      response.writeHead(202, { location: '/v2/team/app/blobs/uploads/one?state=x', 'content-length': 0 });
      return response.end();
    }
    json(response, 201, {});
  });
  const client = new RegistryClient(registry.host);
  // A body that sends its first kilobyte and then waits: an upload in progress.
  const stalled = { size: blob.length, open: () => Readable.from((async function* () {
    yield blob.subarray(0, 1024);
    await new Promise(() => undefined);
  })()) };

  const { error, lateMs } = await abortedAfter(200, (signal) => client.pushBlob('team/app', digest, stalled, { signal }));

  expect(error).toBeInstanceOf(ClientWent);
  expect(lateMs).toBeLessThan(500);
  // The fake server records a request once its body ended, so the aborted PUT never shows.
  expect(registry.requests.map((request) => request.method)).toEqual(['GET', 'HEAD', 'POST']);
});
