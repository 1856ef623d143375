import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  decompressedLayer,
  dockerConfigCredentials,
  MediaTypes,
  openRegistry,
  RegistryClient,
  selectPlatform,
  type FetchedManifest,
  type ImageManifest,
} from '../../../../src/runtime/images/registry/index.js';
import { pushFixture, type FixtureName, type PushOptions } from '../../../harness/fixtures/index.js';
import { useRegistry, type TestRegistry } from '../../../harness/registry.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface ImageConfig {
  architecture: string;
  variant?: string;
  rootfs: { diff_ids: string[] };
}

function asManifest(fetched: FetchedManifest): ImageManifest {
  if (fetched.kind !== 'manifest') throw new Error(`expected an image manifest, got ${fetched.mediaType}`);
  return fetched.json;
}

/** Pulls an image manifest's config and every layer through decompressedLayer, checking each diff_id; returns the compressions seen. */
async function pullLayers(client: RegistryClient, repository: string, manifest: ImageManifest): Promise<{ config: ImageConfig; compressions: string[] }> {
  const configBytes = await readAll(await client.getBlob(repository, manifest.config.digest, { size: manifest.config.size }));
  const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
  const compressions: string[] = [];
  for (const [position, layer] of manifest.layers.entries()) {
    const blob = await client.getBlob(repository, layer.digest, { size: layer.size });
    const tar = decompressedLayer(blob, { diffId: config.rootfs.diff_ids[position]!, subject: `layer ${layer.digest}` });
    const bytes = await readAll(tar.stream);
    expect(bytes.length).toBeGreaterThan(0);
    expect(tar.diffId()).toBe(config.rootfs.diff_ids[position]);
    compressions.push(tar.compression()!);
  }
  return { config, compressions };
}

describe('against a plain docker-registry', () => {
  const registry = useRegistry();
  const client = (): RegistryClient => new RegistryClient(registry().host);
  const push = (name: FixtureName, reference: string, options?: PushOptions) => pushFixture(registry(), name, reference, options);

  test.each([
    ['busybox', 'gzip'],
    ['busybox-zstd', 'zstd'],
    ['busybox-uncompressed', 'none'],
  ] as const)('pulls the %s fixture: manifest digest as pushed, layer decompressed (%s) and its diff_id checked', async (name, compression) => {
    const pushed = await push(name, `pull/${name}:1`);

    const fetched = await client().getManifest(pushed.repository, pushed.tag);

    expect(fetched.digest).toBe(pushed.digest);
    expect(fetched.mediaType).toBe(MediaTypes.ociManifest);
    const { compressions } = await pullLayers(client(), pushed.repository, asManifest(fetched));
    expect(compressions).toEqual([compression]);
  });

  test('pulls every layer of the multi-layer fixture, by digest as well as by tag', async () => {
    const pushed = await push('layered', 'pull/layered:1');

    const byDigest = await client().getManifest(pushed.repository, pushed.digest);

    expect(asManifest(byDigest).layers).toHaveLength(3);
    expect((await pullLayers(client(), pushed.repository, asManifest(byDigest))).compressions).toEqual(['gzip', 'gzip', 'gzip']);
    await expect(client().headManifest(pushed.repository, pushed.tag)).resolves.toEqual({ digest: pushed.digest, mediaType: pushed.mediaType, size: byDigest.bytes.length });
  });

  test.each(['oci', 'docker'] as const)('picks each platform of the two-platform index (%s format)', async (format) => {
    const pushed = await push('multi-platform', `pull/multi-${format}:1`, { format });

    const index = await client().getManifest(pushed.repository, pushed.tag);
    if (index.kind !== 'index') throw new Error(`expected an index, got ${index.mediaType}`);
    expect(index.mediaType).toBe(format === 'oci' ? MediaTypes.ociIndex : MediaTypes.dockerManifestList);
    expect(index.digest).toBe(pushed.digest);

    for (const [asked, architecture, variant] of [
      ['x86_64', 'amd64', undefined],
      ['aarch64', 'arm64', 'v8'],
    ] as const) {
      const entry = selectPlatform(index.json, { os: 'linux', architecture: asked }, pushed.reference);
      const manifest = await client().getManifest(pushed.repository, entry.digest);
      expect(manifest.mediaType).toBe(format === 'oci' ? MediaTypes.ociManifest : MediaTypes.dockerManifest);
      const { config } = await pullLayers(client(), pushed.repository, asManifest(manifest));
      expect(config.architecture).toBe(architecture);
      expect(config.variant).toBe(variant);
    }
    expect(() => selectPlatform(index.json, { os: 'linux', architecture: 's390x' }, pushed.reference)).toThrow(
      `${pushed.reference} has no image for linux/s390x; it offers linux/amd64, linux/arm64/v8`,
    );
  });

  test('resumes a blob with Range from the registry', async () => {
    const pushed = await push('busybox', 'pull/resume:1');
    const layer = asManifest(await client().getManifest(pushed.repository, pushed.tag)).layers[0]!;
    const whole = await readAll(await client().getBlob(pushed.repository, layer.digest));
    const offset = Math.floor(layer.size / 3);

    const rest = await readAll(
      await client().getBlob(pushed.repository, layer.digest, { size: layer.size, resume: { offset, prefixHash: createHash('sha256').update(whole.subarray(0, offset)) } }),
    );

    expect(Buffer.concat([whole.subarray(0, offset), rest]).equals(whole)).toBe(true);
  });

  test('serves library images as the Docker Hub mirror', async () => {
    const pushed = await push('busybox', 'library/busybox:latest');

    const fetched = await openRegistry('docker.io', { mirrors: [registry().url] }).getManifest('library/busybox', 'latest');

    expect(fetched.digest).toBe(pushed.digest);
  });

  test('push round trip: blobs and manifest copied to another repository come back byte for byte', async () => {
    const pushed = await push('layered', 'source/layered:1');
    const source = await client().getManifest(pushed.repository, pushed.tag);
    const manifest = asManifest(source);
    const target = client();

    for (const descriptor of [manifest.config, ...manifest.layers]) {
      const bytes = await readAll(await target.getBlob(pushed.repository, descriptor.digest));
      await expect(target.pushBlob('copies/layered', descriptor.digest, bytes)).resolves.toEqual({ uploaded: true });
      await expect(target.pushBlob('copies/layered', descriptor.digest, bytes)).resolves.toEqual({ uploaded: false });
    }
    const digest = await target.putManifest('copies/layered', 'v1', source.mediaType, source.bytes);

    expect(digest).toBe(source.digest);
    const copied = await client().getManifest('copies/layered', 'v1');
    expect(copied.bytes.equals(source.bytes)).toBe(true);
    await expect(client().blobExists('copies/layered', manifest.layers[2]!.digest)).resolves.toBe(true);
  });
});

describe('against a docker-registry with htpasswd', () => {
  const credentials = { user: 'berth-test', password: 'correct horse battery staple' };
  const registry = useRegistry({ auth: credentials });
  let dockerConfig: string;
  beforeAll(() => {
    dockerConfig = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
  });
  afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

  function loggedIn(registry: TestRegistry): RegistryClient {
    const auth = Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    return new RegistryClient(registry.host, { credentials: dockerConfigCredentials({ DOCKER_CONFIG: dockerConfig }) });
  }

  test('pulls with the credentials of the docker config, and is refused without them', async () => {
    const pushed = await pushFixture(registry(), 'busybox', 'private/busybox:1');
    const client = loggedIn(registry());

    const fetched = await client.getManifest(pushed.repository, pushed.tag);
    await pullLayers(client, pushed.repository, asManifest(fetched));

    await expect(new RegistryClient(registry().host).getManifest(pushed.repository, pushed.tag)).rejects.toMatchObject({
      code: 'REGISTRY_UNAUTHORIZED',
      message: expect.stringContaining(`refused manifest ${registry().host}/private/busybox:1: 401 Unauthorized, UNAUTHORIZED: authentication required`),
    });
  });

  test('verifyLogin tells good credentials from bad ones', async () => {
    await expect(loggedIn(registry()).verifyLogin()).resolves.toBeUndefined();
    const wrong = new RegistryClient(registry().host, { credentials: { get: () => Promise.resolve({ username: credentials.user, password: 'wrong' }) } });
    await expect(wrong.verifyLogin()).rejects.toMatchObject({ code: 'REGISTRY_UNAUTHORIZED' });
  });

  test('pushes with the credentials', async () => {
    const client = loggedIn(registry());
    const blob = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: blob.length }, layers: [] }),
    );

    await client.pushBlob('private/empty', digest, blob);
    const pushed = await client.putManifest('private/empty', 'v1', MediaTypes.ociManifest, manifest);

    expect((await client.getManifest('private/empty', 'v1')).digest).toBe(pushed);
  });
});
