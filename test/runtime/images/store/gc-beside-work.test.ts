import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadImages, saveImages } from '../../../../src/runtime/images/operations/index.js';
import { readImageConfig } from '../../../../src/runtime/images/operations/image-config.js';
import { reachableContent } from '../../../../src/runtime/images/operations/reachable-content.js';
import { removeImage } from '../../../../src/runtime/images/operations/remove-image.js';
import { pullImage, type PullProgress } from '../../../../src/runtime/images/pull/index.js';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { chainIds, ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { registryProxy, type RegistryProxy } from '../../../harness/registry-proxy.js';

describe('garbage collection while a pull, a load or a save is under way', () => {
  const registry = useRegistry();
  let root: string;
  let store: ContentStore;
  let proxy: RegistryProxy | undefined;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-gc-pull-'));
    store = new ContentStore(root);
  });
  afterEach(async () => {
    await proxy?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('removing another image mid-pull collects nothing the pull stored or found, and the pulled image is whole', async () => {
    // `layered` sits on the busybox layer, which the store first holds for another image only.
    await pushFixture(registry(), 'busybox', 'library/other:1');
    await pushFixture(registry(), 'layered', 'app/layered:1');
    const other = await pullImage(store, `${registry().host}/library/other:1`);
    const fetched = await new RegistryClient(registry().host).getManifest('app/layered', '1');
    const layers = fetched.kind === 'manifest' ? fetched.json.layers : [];
    expect(layers).toHaveLength(3);

    proxy = await registryProxy(registry().host);
    const top = proxy.hold(layers[2]!.digest);
    let lowerDone!: () => void;
    const lowerLayersDone = new Promise<void>((resolve) => (lowerDone = resolve));
    const settled = new Set<string>();
    const onProgress = (event: PullProgress): void => {
      if (event.kind !== 'layer' || (event.status !== 'exists' && event.status !== 'complete')) return;
      settled.add(event.digest);
      if (settled.has(layers[0]!.digest) && settled.has(layers[1]!.digest)) lowerDone();
    };
    const pulling = pullImage(store, `${proxy.host}/app/layered:1`, { onProgress });
    await Promise.all([top.arrived, lowerLayersDone]);

    // The base layer now belongs to no tagged image; the pull's manifest, config and middle layer to none yet.
    const removed = await removeImage(store, `${registry().host}/library/other:1`);
    // The image went, but not the base layer the pull found unpacked.
    expect(removed.filter((item) => 'Deleted' in item)).toEqual([{ Deleted: other.configDigest }]);
    top.release();
    const pulled = await pulling;

    expect(await store.resolve(pulled.reference)).toEqual({ manifestDigest: pulled.manifestDigest, configDigest: pulled.configDigest });
    for (const chainId of pulled.chainIds) expect(await store.hasLayer(chainId)).toBe(true);
    expect(await store.has(pulled.manifestDigest)).toBe(true);
    expect(await store.has(pulled.configDigest)).toBe(true);
    const afterwards = await store.collectGarbage(() => reachableContent(store));
    expect(afterwards.layers).toEqual([]);
  });

  test('a collection while a load is half read keeps what the load stored, and the loaded image is whole', async () => {
    await pushFixture(registry(), 'layered', 'app/saved:1');
    const saved = await pullImage(store, `${registry().host}/app/saved:1`);
    const archive = join(root, 'saved.tar');
    await saveImages(store, [saved.reference], createWriteStream(archive));
    const diffIds = (await readImageConfig(store, saved.configDigest, saved.reference)).diffIds;

    const other = new ContentStore(join(root, 'other'));
    const bytes = readFileSync(archive);
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    // The archive up to its last 4 KiB (inside the top layer), then the rest once the collection ran.
    async function* heldBack(): AsyncGenerator<Buffer> {
      const cut = bytes.length - 4096;
      for (let start = 0; start < cut; start += 65_536) yield bytes.subarray(start, Math.min(start + 65_536, cut));
      await gate;
      yield bytes.subarray(cut);
    }
    const loading = loadImages(other, heldBack());
    await until(async () => (await other.has(diffIds[0]!)) && (await other.has(diffIds[1]!)));

    const collected = await other.collectGarbage(() => reachableContent(other));
    expect(collected.blobs).toEqual([]);
    resume();
    const [loaded] = await loading;

    expect(loaded?.id).toBe(saved.configDigest);
    for (const chainId of chainIds(diffIds)) expect(await other.hasLayer(chainId)).toBe(true);
    expect((await other.collectGarbage(() => reachableContent(other))).blobs).toEqual([]);
  });

  test('removing an image while its save is written keeps its content until the archive is done, and the archive loads whole', async () => {
    await pushFixture(registry(), 'layered', 'app/saved:1');
    const saved = await pullImage(store, `${registry().host}/app/saved:1`);
    const chunks: Buffer[] = [];
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    let writing!: () => void;
    const firstChunk = new Promise<void>((resolve) => (writing = resolve));
    // Takes the archive's first chunk, then holds the save there until the collection ran.
    const heldOutput = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        if (chunks.length > 1) return done();
        writing();
        void gate.then(() => done());
      },
    });
    const saving = saveImages(store, [saved.reference], heldOutput);
    await firstChunk;

    await store.untag(saved.reference);
    const during = await store.collectGarbage(() => reachableContent(store));
    resume();
    await saving;
    const after = await store.collectGarbage(() => reachableContent(store));

    expect(during.blobs).toEqual([]);
    expect(after.blobs).toContain(saved.configDigest);
    const [loaded] = await loadImages(new ContentStore(join(root, 'other')), Readable.from([Buffer.concat(chunks)]));
    expect(loaded?.id).toBe(saved.configDigest);
  });
});

/** Waits until `condition` holds, looking again every 10 ms, for at most 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await condition()); tries += 1) {
    if (tries === 1000) throw new Error('the condition did not come true within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
