import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage, type PulledImage } from '../../../../src/runtime/images/pull/index.js';
import { pushImage, type PushProgress } from '../../../../src/runtime/images/push/index.js';
import type { ImageManifest } from '../../../../src/runtime/images/registry/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { startRegistry, useRegistry, type TestRegistry } from '../../../harness/registry.js';

describe('pushing an image whose layer blob the store never downloaded', () => {
  const source = useRegistry();
  const target = useRegistry();
  let root: string;
  let store: ContentStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-push-absent-'));
    store = new ContentStore(join(root, 'store'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /**
   * Pulls `busybox`, then `busybox-zstd` (its layer's tar compressed with zstd), each from
   * `registries.busybox` and `registries.zstd` under `prefix/`: the second pull finds the layer
   * unpacked and never downloads its zstd blob.
   */
  async function pulledBoth(prefix: string, registries: { busybox: TestRegistry; zstd: TestRegistry }): Promise<{ zstd: PulledImage; layer: string }> {
    await pushFixture(registries.busybox, 'busybox', `${prefix}/busybox:1`);
    await pushFixture(registries.zstd, 'busybox-zstd', `${prefix}/busybox-zstd:1`);
    const busybox = await pullImage(store, `${registries.busybox.host}/${prefix}/busybox:1`);
    const zstd = await pullImage(store, `${registries.zstd.host}/${prefix}/busybox-zstd:1`);
    expect(zstd.chainIds).toEqual(busybox.chainIds);
    const layer = (await store.readJson<ImageManifest>(zstd.manifestDigest)).layers[0]!.digest;
    expect(await store.has(layer)).toBe(false);
    return { zstd, layer };
  }

  async function pushAs(reference: string, image: PulledImage): Promise<{ manifestDigest: string; layerEvents: PushProgress[] }> {
    await store.tag(reference, image.manifestDigest, image.configDigest);
    const events: PushProgress[] = [];
    const pushed = await pushImage(store, reference, { onProgress: (event) => events.push(event) });
    return { manifestDigest: pushed.manifestDigest, layerEvents: events.filter((event) => event.kind === 'layer' && event.status !== 'pushing') };
  }

  /** Pulls `reference` into an empty store: the pushed image must come back whole, as it was. */
  async function expectPullsBackWhole(reference: string, original: PulledImage, layer: string): Promise<void> {
    const fresh = new ContentStore(join(root, `fresh-${Math.random().toString(16).slice(2)}`));
    const back = await pullImage(fresh, reference);
    expect(back.manifestDigest).toBe(original.manifestDigest);
    expect(back.chainIds).toEqual(original.chainIds);
    expect(await fresh.has(layer)).toBe(true);
    expect(existsSync(join(fresh.diffPath(back.chainIds[0]!), 'bin/busybox'))).toBe(true);
  }

  test('to another registry, fetches the layer from where it was pulled, checks it, and uploads it', async () => {
    const { zstd, layer } = await pulledBoth('cross', { busybox: source(), zstd: source() });
    const reference = `${target().host}/copied/busybox-zstd:1`;
    const pushed = await pushAs(reference, zstd);

    expect(pushed.manifestDigest).toBe(zstd.manifestDigest);
    expect(pushed.layerEvents).toEqual([{ kind: 'layer', digest: layer, status: 'pushed', current: expect.any(Number), total: expect.any(Number) }]);
    expect(await store.has(layer)).toBe(true);
    await expectPullsBackWhole(reference, zstd, layer);
  });

  test('to another repository of the same registry, mounts the layer without fetching it', async () => {
    const { zstd, layer } = await pulledBoth('mount', { busybox: source(), zstd: source() });
    const reference = `${source().host}/mounted/busybox-zstd:1`;
    const pushed = await pushAs(reference, zstd);

    expect(pushed.manifestDigest).toBe(zstd.manifestDigest);
    expect(pushed.layerEvents).toEqual([{ kind: 'layer', digest: layer, status: 'mounted', from: 'mount/busybox-zstd', current: expect.any(Number), total: expect.any(Number) }]);
    expect(await store.has(layer)).toBe(false);
    await expectPullsBackWhole(reference, zstd, layer);
  });

  test('to a repository that has the layer already, sends nothing for it', async () => {
    const { zstd, layer } = await pulledBoth('present', { busybox: source(), zstd: source() });
    await pushFixture(target(), 'busybox-zstd', 'present/busybox-zstd:0');
    const pushed = await pushAs(`${target().host}/present/busybox-zstd:1`, zstd);

    expect(pushed.layerEvents).toEqual([{ kind: 'layer', digest: layer, status: 'exists', current: expect.any(Number), total: expect.any(Number) }]);
    expect(await store.has(layer)).toBe(false);
  });

  test('when the registry it was pulled from is gone, fails naming the image, the layer and the fix', async () => {
    const gone = await startRegistry();
    let pulled: { zstd: PulledImage; layer: string };
    try {
      pulled = await pulledBoth('gone', { busybox: source(), zstd: gone });
    } finally {
      await gone.stop();
    }
    const reference = `${target().host}/gone/busybox-zstd:1`;
    await store.tag(reference, pulled.zstd.manifestDigest, pulled.zstd.configDigest);

    const failure = pushImage(store, reference, { registry: { retry: { maxAttempts: 1 } } });
    await expect(failure).rejects.toMatchObject({
      code: 'IMAGE_BLOB_MISSING',
      message: expect.stringMatching(new RegExp(`${reference}.*${pulled.layer}.*${gone.host}/gone/busybox-zstd`)),
      hint: expect.stringContaining(`@${pulled.zstd.manifestDigest}`),
    });
  });
});
