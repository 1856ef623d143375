import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerChain } from '../../../../src/runtime/images/store/index.js';
import { chunks, digestOf, sampleBytes } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

describe('ContentStore.collectGarbage', () => {
  it('removes exactly the blobs and layers nothing reaches', async () => {
    const { store } = tempStore();
    const kept = await store.writeJson({ kept: true });
    const gone = await store.writeJson({ gone: true });
    const layerBlob = digestOf(sampleBytes(5000));
    await store.ingest({ digest: layerBlob }, async () => chunks(sampleBytes(5000), 1000));
    const [base, keptTop] = layerChain(['sha256:' + '11'.repeat(32), 'sha256:' + '22'.repeat(32)]) as [
      ReturnType<typeof layerChain>[number],
      ReturnType<typeof layerChain>[number],
    ];
    const goneTop = layerChain(['sha256:' + '11'.repeat(32), 'sha256:' + '33'.repeat(32)])[1]!;
    for (const link of [base, keptTop, goneTop]) {
      await store.withLayerDirectory(link.chainId, async (directory) => writeFile(join(directory, 'f'), link.diffId), link);
    }

    const removed = await store.collectGarbage(async () => ({ blobs: new Set([kept, layerBlob]), layers: new Set([base.chainId, keptTop.chainId]) }));

    expect(removed.blobs).toEqual([gone]);
    expect(removed.layers).toEqual([goneTop.chainId]);
    expect(await store.has(kept)).toBe(true);
    expect(await store.has(layerBlob)).toBe(true);
    expect(await store.has(gone)).toBe(false);
    expect(await store.hasLayer(base.chainId)).toBe(true);
    expect(await store.hasLayer(keptTop.chainId)).toBe(true);
    expect(await store.hasLayer(goneTop.chainId)).toBe(false);
  });

  it("keeps the records' own manifests and configs even when the caller leaves them out", async () => {
    const { store } = tempStore();
    const config = await store.writeJson({ os: 'linux' });
    const manifest = await store.writeJson({ config: { digest: config } });
    await store.tag('app:latest', manifest, config);
    const removed = await store.collectGarbage(async () => ({ blobs: new Set(), layers: new Set() }));
    expect(removed.blobs).toEqual([]);
    expect(await store.has(manifest)).toBe(true);
  });

  it('removes partial downloads and unfinished layers older than the cutoff, and no newer ones', async () => {
    const { store, root } = tempStore();
    const oldPartial = join(root, 'ingest', `sha256-${'aa'.repeat(32)}`);
    const newPartial = join(root, 'ingest', `sha256-${'bb'.repeat(32)}`);
    const oldUnpack = join(root, 'layers/tmp', `${'cc'.repeat(32)}.1.abc`);
    writeFileSync(oldPartial, 'partial');
    writeFileSync(newPartial, 'partial');
    writeFileSync(oldUnpack, '');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(oldPartial, twoDaysAgo, twoDaysAgo);
    utimesSync(oldUnpack, twoDaysAgo, twoDaysAgo);

    const removed = await store.collectGarbage(async () => ({ blobs: new Set(), layers: new Set() }));

    expect(removed.stale).toEqual([oldPartial, oldUnpack].sort());
    expect(existsSync(newPartial)).toBe(true);
    expect(readdirSync(join(root, 'layers/tmp'))).toEqual([]);
  });

  it('leaves a download in progress alone whatever the cutoff', async () => {
    const { store, root } = tempStore();
    const bytes = sampleBytes(20_000);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, 10_000);
      await gate;
      yield bytes.subarray(10_000);
    }
    let started!: () => void;
    const halfway = new Promise<void>((resolve) => (started = resolve));
    const download = store.ingest({ digest: digestOf(bytes), size: bytes.length }, async () => slow(), (count) => count === 10_000 && started());
    await halfway;
    const removed = await store.collectGarbage(async () => ({ blobs: new Set(), layers: new Set() }), { staleAfterMs: -1000 });
    expect(removed.stale).toEqual([]);
    expect(readdirSync(join(root, 'ingest'))).toHaveLength(1);
    release();
    await download;
    expect(await store.has(digestOf(bytes))).toBe(true);
  });
});
