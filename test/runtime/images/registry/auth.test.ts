import { afterEach, describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { fixedCredentials, MediaTypes, RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { addBlob, addManifest, emptyContent, json, registryError, serveContent, startFakeServer, type FakeServer, type SeenRequest } from './fake-server.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(...args: Parameters<typeof startFakeServer>): Promise<FakeServer> {
  const server = await startFakeServer(...args);
  servers.push(server);
  return server;
}

const content = emptyContent();
const layer = addBlob(content, Buffer.from('layer bytes'));
const config = addBlob(content, Buffer.from('{}'));
const manifest = {
  schemaVersion: 2,
  mediaType: MediaTypes.ociManifest,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 2 },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer, size: 11 }],
};
addManifest(content, 'library/busybox', manifest, MediaTypes.ociManifest, 'latest');
addManifest(content, 'team/app', manifest, MediaTypes.ociManifest, 'v1');

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A registry whose token service hands out `token-<scope>` and which wants that token for the request's repository. */
async function bearerRegistry(tokenAnswer: (request: SeenRequest) => Record<string, unknown> = (request) => ({ token: `token-${request.url.searchParams.get('scope') ?? ''}` })): Promise<FakeServer> {
  let url = '';
  const server = await serve((request, response) => {
    if (request.url.pathname === '/token') return json(response, 200, tokenAnswer(request));
    const repository = /^\/v2\/(.+?)\/(manifests|blobs)\//.exec(request.url.pathname)?.[1];
    const wanted = repository === undefined ? undefined : `Bearer token-repository:${repository}:pull`;
    if (request.headers.authorization === undefined || (wanted !== undefined && request.headers.authorization !== wanted)) {
      return registryError(response, 401, 'UNAUTHORIZED', 'authentication required', {
        'www-authenticate': `Bearer realm="${url}/token",service="fake-registry"${repository === undefined ? '' : `,scope="repository:${repository}:pull"`}`,
      });
    }
    serveContent(content, request, response);
  });
  url = server.url;
  return server;
}

describe('Bearer token authentication', () => {
  test('an anonymous pull gets a token for the repository scope from the realm and sends it', async () => {
    const registry = await bearerRegistry();
    const client = new RegistryClient(registry.host);

    const fetched = await client.getManifest('library/busybox', 'latest');

    expect(fetched.kind).toBe('manifest');
    const tokenRequest = registry.requests.find((request) => request.url.pathname === '/token')!;
    expect(tokenRequest.url.searchParams.get('service')).toBe('fake-registry');
    expect(tokenRequest.url.searchParams.get('scope')).toBe('repository:library/busybox:pull');
    expect(tokenRequest.headers.authorization).toBeUndefined();
  });

  test('a token is cached per scope: a second request reuses it, another repository gets its own', async () => {
    const registry = await bearerRegistry();
    const client = new RegistryClient(registry.host);

    await client.getManifest('library/busybox', 'latest');
    await client.blobExists('library/busybox', layer);
    await client.getManifest('team/app', 'v1');

    const scopes = registry.requests.filter((request) => request.url.pathname === '/token').map((request) => request.url.searchParams.get('scope'));
    expect(scopes).toEqual(['repository:library/busybox:pull', 'repository:team/app:pull']);
  });

  test('a token past its expires_in is requested again', async () => {
    // 1 s is inside the renewal margin, so the token counts as expired at once.
    const registry = await bearerRegistry((request) => ({ token: `token-${request.url.searchParams.get('scope')}`, expires_in: 1 }));
    const client = new RegistryClient(registry.host);

    await client.getManifest('library/busybox', 'latest');
    await client.getManifest('library/busybox', 'latest');

    expect(registry.requests.filter((request) => request.url.pathname === '/token')).toHaveLength(2);
  });

  test('access_token is read when the answer has no token', async () => {
    const registry = await bearerRegistry((request) => ({ access_token: `token-${request.url.searchParams.get('scope')}` }));
    await expect(new RegistryClient(registry.host).getManifest('library/busybox', 'latest')).resolves.toMatchObject({ kind: 'manifest' });
  });

  test('a username and password go to the token service as Basic, never to the registry', async () => {
    const registry = await bearerRegistry();
    const client = new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 's3cret' }) });

    await client.getManifest('library/busybox', 'latest');

    const tokenRequest = registry.requests.find((request) => request.url.pathname === '/token')!;
    expect(tokenRequest.headers.authorization).toBe(basic('ann', 's3cret'));
    const manifestRequest = registry.requests.find((request) => request.url.pathname.includes('/manifests/') && request.headers.authorization)!;
    expect(manifestRequest.headers.authorization).toBe('Bearer token-repository:library/busybox:pull');
  });

  test('an identity token is exchanged with an OAuth2 refresh_token POST', async () => {
    const registry = await bearerRegistry((request) => {
      const form = new URLSearchParams(request.body.toString());
      return request.method === 'POST' && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'refresh-me' ? { access_token: `token-${form.get('scope')}` } : {};
    });
    const client = new RegistryClient(registry.host, { credentials: fixedCredentials({ identityToken: 'refresh-me' }) });

    await expect(client.getManifest('library/busybox', 'latest')).resolves.toMatchObject({ kind: 'manifest' });
  });

  test('a token service that refuses the credentials is a REGISTRY_UNAUTHORIZED naming the scope and how to log in', async () => {
    let url = '';
    const registry = await serve((request, response) => {
      if (request.url.pathname === '/token') return registryError(response, 401, 'UNAUTHORIZED', 'incorrect username or password');
      registryError(response, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': `Bearer realm="${url}/token",service="fake"` });
    });
    url = registry.url;
    const client = new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 'wrong' }) });

    const error = await client.getManifest('library/busybox', 'latest').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('REGISTRY_UNAUTHORIZED');
    expect((error as BerthError).message).toBe(
      `registry ${registry.host} refused a token for repository:library/busybox:pull: 401 Unauthorized, UNAUTHORIZED: incorrect username or password`,
    );
    expect((error as BerthError).hint).toContain(`berth login ${registry.host}`);
  });

  test('a 401 with a challenge for a wider scope gets a fresh token covering it and the request is sent again', async () => {
    let url = '';
    const registry = await serve((request, response) => {
      if (request.url.pathname === '/token') return json(response, 200, { token: `token-${request.url.searchParams.getAll('scope').join('+')}` });
      if (request.url.pathname === '/v2/') return json(response, 200, {});
      if (request.headers.authorization !== 'Bearer token-registry:catalog:*+repository:library/busybox:pull') {
        return registryError(response, 401, 'UNAUTHORIZED', 'authentication required', {
          'www-authenticate': `Bearer realm="${url}/token",service="fake",scope="registry:catalog:*",error="insufficient_scope"`,
        });
      }
      serveContent(content, request, response);
    });
    url = registry.url;

    await expect(new RegistryClient(registry.host).getManifest('library/busybox', 'latest')).resolves.toMatchObject({ kind: 'manifest' });
  });
});

describe('Basic authentication', () => {
  async function basicRegistry(): Promise<FakeServer> {
    return serve((request, response) => {
      if (request.headers.authorization !== basic('ann', 's3cret')) {
        return registryError(response, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="fake"' });
      }
      serveContent(content, request, response);
    });
  }

  test('the credentials are sent with every request', async () => {
    const registry = await basicRegistry();
    const client = new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 's3cret' }) });

    await client.getManifest('library/busybox', 'latest');
    const blob = await client.getBlob('library/busybox', layer);
    for await (const chunk of blob) void chunk;

    const afterProbe = registry.requests.slice(1);
    expect(afterProbe.map((request) => request.headers.authorization)).toEqual([basic('ann', 's3cret'), basic('ann', 's3cret')]);
  });

  test('without credentials the pull fails with the registry error and a login hint', async () => {
    const registry = await basicRegistry();

    const error = (await new RegistryClient(registry.host).getManifest('library/busybox', 'latest').catch((caught: unknown) => caught)) as BerthError;

    expect(error.code).toBe('REGISTRY_UNAUTHORIZED');
    expect(error.message).toBe(`registry ${registry.host} refused manifest ${registry.host}/library/busybox:latest: 401 Unauthorized, UNAUTHORIZED: authentication required`);
    expect(error.hint).toContain(`berth login ${registry.host}`);
  });

  test('verifyLogin accepts good credentials and refuses bad ones', async () => {
    const registry = await basicRegistry();
    await expect(new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 's3cret' }) }).verifyLogin()).resolves.toBeUndefined();
    await expect(new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 'nope' }) }).verifyLogin()).rejects.toMatchObject({ code: 'REGISTRY_UNAUTHORIZED' });
  });
});

describe('redirects', () => {
  test('a blob redirected to storage on another host is fetched without the registry Authorization', async () => {
    const storage = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(content.blobs.get(request.url.pathname.slice(1)));
    }, '127.0.0.2');
    const registry = await serve((request, response) => {
      if (request.headers.authorization !== basic('ann', 's3cret')) {
        return registryError(response, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="fake"' });
      }
      const blob = /\/blobs\/(sha256:.+)$/.exec(request.url.pathname)?.[1];
      if (blob) {
        response.writeHead(307, { location: `${storage.url}/${blob}?signature=abc` });
        return response.end();
      }
      serveContent(content, request, response);
    });
    const client = new RegistryClient(registry.host, { credentials: fixedCredentials({ username: 'ann', password: 's3cret' }) });

    const chunks: Buffer[] = [];
    for await (const chunk of await client.getBlob('library/busybox', layer, { size: 11 })) chunks.push(chunk as Buffer);

    expect(Buffer.concat(chunks).toString()).toBe('layer bytes');
    expect(registry.requests.at(-1)!.headers.authorization).toBe(basic('ann', 's3cret'));
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]!.url.searchParams.get('signature')).toBe('abc');
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
  });
});
