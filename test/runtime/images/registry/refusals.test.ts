import { afterEach, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { MirroredRegistry, RegistryClient, RegistryRefusal } from '../../../../src/runtime/images/registry/index.js';
import { json, startFakeServer, type FakeServer, type Handler } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

/** A registry whose `/v2/` answers and whose every other path gets `status` with `body`. */
function refusing(status: number, body: unknown): Promise<FakeServer> {
  return serve((request, response) => {
    if (request.url.pathname === '/v2/') return json(response, 200, {});
    if (typeof body === 'string') {
      response.writeHead(status, { 'content-type': 'text/plain' });
      return response.end(body);
    }
    return json(response, status, body);
  });
}

const failureOf = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => Promise.reject(new Error('expected a failure')), (error: unknown) => error);

test('a refusal carries the HTTP status and every error entry the registry sent, in its order', async () => {
  const registry = await refusing(403, {
    errors: [
      { code: 'DENIED', message: 'requested access to the resource is denied', detail: { reason: 'policy' } },
      { code: 'UNAUTHORIZED', message: 'authentication required' },
      { code: 'NAMELESS' },
    ],
  });

  const error = await failureOf(new RegistryClient(registry.host).getManifest('team/app', '1'));

  expect(error).toBeInstanceOf(RegistryRefusal);
  expect(error).toBeInstanceOf(BerthError);
  expect(error).toMatchObject({
    code: 'REGISTRY_DENIED',
    status: 403,
    registryErrors: [
      { code: 'DENIED', message: 'requested access to the resource is denied' },
      { code: 'UNAUTHORIZED', message: 'authentication required' },
      { code: 'NAMELESS', message: '' },
    ],
  });
  // The sentence still says it all, for the CLI.
  expect((error as RegistryRefusal).message).toBe(
    `registry ${registry.host} refused manifest ${registry.host}/team/app:1: 403 Forbidden, DENIED: requested access to the resource is denied; UNAUTHORIZED: authentication required; NAMELESS`,
  );
});

test('a refusal whose body is not the distribution error format has the status and no entries', async () => {
  const registry = await refusing(418, 'I am a teapot, not a registry');

  const error = await failureOf(new RegistryClient(registry.host, { retry: { maxAttempts: 1 } }).blobExists('team/app', `sha256:${'b'.repeat(64)}`));

  expect(error).toMatchObject({ code: 'REGISTRY_ERROR', status: 418, registryErrors: [] });
});

test('the hub\'s refusal behind mirrors keeps its status and entries, with each mirror\'s reason in the message', async () => {
  const mirror = await refusing(500, { errors: [{ code: 'UNKNOWN', message: 'disk full' }] });
  const hub = await refusing(404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  const registry = new MirroredRegistry([new RegistryClient(new URL(mirror.url), { retry: { maxAttempts: 1 } })], new RegistryClient(new URL(hub.url)));

  const error = await failureOf(registry.getManifest('library/busybox', 'nope'));

  expect(error).toBeInstanceOf(RegistryRefusal);
  expect(error).toMatchObject({ code: 'REGISTRY_NOT_FOUND', kind: 'not-found', status: 404, registryErrors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  expect((error as RegistryRefusal).message).toContain(`(mirrors tried first: ${mirror.host}: registry ${mirror.host} refused manifest`);
});
