import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { buildFixture, pushFixture, type FixtureName } from './fixtures/index.js';
import { useRegistry, type TestRegistry } from './registry.js';

const credentials = { user: 'berth-test', password: 'correct horse battery staple' };

/** A GET with the registry's own credentials when it has some, unless `anonymous`. */
function get(registry: TestRegistry, path: string, headers: Record<string, string> = {}, anonymous = false): Promise<Response> {
  const auth: Record<string, string> = registry.auth && !anonymous ? { authorization: basic(registry.auth.user, registry.auth.password) } : {};
  return fetch(`${registry.url}${path}`, { headers: { ...auth, ...headers } });
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('a registry without auth', () => {
  const registry = useRegistry();

  test('answers GET /v2/ with 200 and the distribution API version', async () => {
    const answer = await get(registry(), '/v2/');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(registry().url).toBe(`http://${registry().host}`);
    expect(registry().host).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe('a registry with Basic auth', () => {
  const registry = useRegistry({ auth: credentials });

  test('answers 401 with a Basic challenge when no credentials come', async () => {
    const answer = await get(registry(), '/v2/', {}, true);

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
  });

  test('answers 200 to the right credentials and 401 to a wrong password', async () => {
    const right = await get(registry(), '/v2/');
    const wrong = await get(registry(), '/v2/', { authorization: basic(credentials.user, 'wrong') }, true);

    expect(right.status).toBe(200);
    expect(wrong.status).toBe(401);
  });

  test('takes a fixture push with its credentials and serves it only to them', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'private/busybox:1');

    const withCredentials = await get(registry(), `/v2/private/busybox/manifests/1`, { accept: pushed.mediaType });
    const anonymous = await get(registry(), `/v2/private/busybox/manifests/1`, { accept: pushed.mediaType }, true);

    expect(withCredentials.status).toBe(200);
    expect(anonymous.status).toBe(401);
  });
});

describe('fixture images pushed to a registry', () => {
  const registry = useRegistry();

  /**
   * Every single-image fixture, with its layers' media types (the type makes a new fixture join
   * here). The Debian-based images have their own files in fixtures/, since their first build
   * takes minutes.
   */
  const layerTypes: Record<Exclude<FixtureName, 'multi-platform' | 'debian-bookworm-slim' | 'postgres' | 'node' | 'redis'>, string[]> = {
    busybox: ['application/vnd.oci.image.layer.v1.tar+gzip'],
    'busybox-zstd': ['application/vnd.oci.image.layer.v1.tar+zstd'],
    'busybox-uncompressed': ['application/vnd.oci.image.layer.v1.tar'],
    layered: Array(3).fill('application/vnd.oci.image.layer.v1.tar+gzip') as string[],
  };

  test.each(Object.keys(layerTypes).sort() as (keyof typeof layerTypes)[])('%s is tagged and served as an OCI manifest with the layout digest and its layer types', async (name) => {
    const pushed = await pushFixture(registry(), name, `library/${name}:1`);

    const tags = (await (await get(registry(), `/v2/library/${name}/tags/list`)).json()) as { tags: string[] };
    const answer = await get(registry(), `/v2/library/${name}/manifests/1`, { accept: pushed.mediaType });
    const manifest = (await answer.json()) as { layers: { mediaType: string }[] };

    expect(tags.tags).toEqual(['1']);
    expect(answer.headers.get('content-type')).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(answer.headers.get('docker-content-digest')).toBe(buildFixture(name).digest);
    expect(pushed.digest).toBe(buildFixture(name).digest);
    expect(manifest.layers.map((layer) => layer.mediaType)).toEqual(layerTypes[name]);
  });

  test('multi-platform is served as an OCI index of linux/amd64 and linux/arm64/v8, each config naming its architecture', async () => {
    const pushed = await pushFixture(registry(), 'multi-platform', 'library/multi-platform:1');

    const answer = await get(registry(), '/v2/library/multi-platform/manifests/1', { accept: pushed.mediaType });
    const index = (await answer.json()) as { manifests: { digest: string; platform: { os: string; architecture: string; variant?: string } }[] };
    const architectures = await Promise.all(
      index.manifests.map(async ({ digest }) => {
        const manifest = (await (await get(registry(), `/v2/library/multi-platform/manifests/${digest}`, { accept: 'application/vnd.oci.image.manifest.v1+json' })).json()) as { config: { digest: string } };
        return ((await (await get(registry(), `/v2/library/multi-platform/blobs/${manifest.config.digest}`)).json()) as { architecture: string }).architecture;
      }),
    );

    expect(answer.headers.get('content-type')).toBe('application/vnd.oci.image.index.v1+json');
    expect(answer.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(index.manifests.map(({ platform }) => [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/'))).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(architectures).toEqual(['amd64', 'arm64']);
  });

  test("layered's top layer arrives with its whiteout and opaque-directory markers", async () => {
    await pushFixture(registry(), 'layered', 'library/layered:markers');

    const manifest = (await (await get(registry(), '/v2/library/layered/manifests/markers', { accept: 'application/vnd.oci.image.manifest.v1+json' })).json()) as { layers: { digest: string }[] };
    const top = Buffer.from(await (await get(registry(), `/v2/library/layered/blobs/${manifest.layers[2]!.digest}`)).arrayBuffer());
    const members = execFileSync('tar', ['--list', '--file=-'], { input: gunzipSync(top), encoding: 'utf8' }).split('\n');

    expect(members).toEqual(expect.arrayContaining(['etc/berth/.wh.removed.txt', 'opt/app/.wh..wh..opq', 'usr/bin/.wh.wget']));
  });

  test('a docker-format push serves a Docker manifest list whose images keep the OCI layer bytes', async () => {
    const pushed = await pushFixture(registry(), 'multi-platform', 'docker/multi-platform:1', { format: 'docker' });

    const answer = await get(registry(), '/v2/docker/multi-platform/manifests/1', { accept: pushed.mediaType });
    const list = (await answer.json()) as { manifests: { digest: string; mediaType: string }[] };
    const first = (await (await get(registry(), `/v2/docker/multi-platform/manifests/${list.manifests[0]!.digest}`, { accept: list.manifests[0]!.mediaType })).json()) as { layers: { mediaType: string; digest: string }[] };
    const busybox = buildFixture('busybox');
    const oci = JSON.parse(readFileSync(join(busybox.directory, 'blobs/sha256', busybox.digest.slice('sha256:'.length)), 'utf8')) as { layers: { digest: string }[] };

    expect(answer.headers.get('content-type')).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(answer.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(list.manifests.map((manifest) => manifest.mediaType)).toEqual(Array(2).fill('application/vnd.docker.distribution.manifest.v2+json'));
    expect(first.layers).toEqual([{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: oci.layers[0]!.digest, size: expect.any(Number) }]);
  });
});
