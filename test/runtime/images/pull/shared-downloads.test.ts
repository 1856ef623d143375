import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage, type PullProgress } from '../../../../src/runtime/images/pull/index.js';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { registryProxy, type RegistryProxy } from '../../../harness/registry-proxy.js';

/** A pull's progress listener, and a promise that settles once the pull says it is to fetch `layer`. */
function waitForPending(layer: string): { needed: Promise<void>; onProgress: (event: PullProgress) => void } {
  let needed!: () => void;
  const promise = new Promise<void>((resolve) => (needed = resolve));
  return { needed: promise, onProgress: (event) => event.kind === 'layer' && event.digest === layer && event.status === 'pending' && needed() };
}

describe('pulls running at once', () => {
  const registry = useRegistry();
  let root: string;
  let store: ContentStore;
  let proxy: RegistryProxy;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-pull-shared-'));
    store = new ContentStore(root);
    proxy = await registryProxy(registry().host);
  });
  afterEach(async () => {
    await proxy.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** The config and layer digests of a pushed image. */
  async function blobsOf(repository: string, tag: string): Promise<{ config: string; layers: string[] }> {
    const fetched = await new RegistryClient(registry().host).getManifest(repository, tag);
    if (fetched.kind !== 'manifest') throw new Error(`${repository}:${tag} is not a single image`);
    return { config: fetched.json.config.digest, layers: fetched.json.layers.map((layer) => layer.digest) };
  }

  test('two pulls of one image fetch each blob from the registry once, and both get the whole image', async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    const blobs = await blobsOf('library/busybox', 'latest');
    const base = blobs.layers[0]!;
    // The layer's download waits until both pulls have asked for it, so the second must join the first.
    const held = proxy.hold(base);
    const [one, two] = [waitForPending(base), waitForPending(base)];
    const name = `${proxy.host}/library/busybox:latest`;
    const pulls = Promise.all([pullImage(store, name, { onProgress: one.onProgress }), pullImage(store, name, { onProgress: two.onProgress })]);
    await Promise.all([held.arrived, one.needed, two.needed]);
    held.release();
    const [first, second] = await pulls;

    expect(proxy.blobRequests.map((request) => request.digest).sort()).toEqual([blobs.config, base].sort());
    expect(second).toEqual(first);
    expect(await store.resolve(name)).toEqual({ manifestDigest: first.manifestDigest, configDigest: first.configDigest });
    expect(existsSync(join(store.diffPath(first.chainIds[0]!), 'bin/busybox'))).toBe(true);
  });

  test('two images sharing a layer, pulled at once, fetch the shared layer once', async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    await pushFixture(registry(), 'layered', 'app/layered:1');
    const busybox = await blobsOf('library/busybox', 'latest');
    const layered = await blobsOf('app/layered', '1');
    const base = busybox.layers[0]!;
    expect(layered.layers[0]).toBe(base);
    const held = proxy.hold(base);
    const [one, two] = [waitForPending(base), waitForPending(base)];
    const pulls = Promise.all([
      pullImage(store, `${proxy.host}/library/busybox:latest`, { onProgress: one.onProgress }),
      pullImage(store, `${proxy.host}/app/layered:1`, { onProgress: two.onProgress }),
    ]);
    await Promise.all([held.arrived, one.needed, two.needed]);
    held.release();
    const [small, large] = await pulls;

    expect(proxy.blobRequests.map((request) => request.digest).sort()).toEqual([busybox.config, layered.config, ...layered.layers].sort());
    expect(large.chainIds[0]).toBe(small.chainIds[0]);
    expect(existsSync(join(store.diffPath(small.chainIds[0]!), 'bin/busybox'))).toBe(true);
    expect(existsSync(join(store.diffPath(large.chainIds[1]!), 'etc/berth/greeting.txt'))).toBe(true);
    expect((await store.images()).map((record) => record.reference)).toEqual([`${proxy.host}/app/layered:1`, `${proxy.host}/library/busybox:latest`]);
  });
});
