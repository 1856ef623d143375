import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerChain } from '../../../../src/runtime/images/store/index.js';
import { tempStore } from './store-fixtures.js';

const [base, top] = layerChain(['sha256:' + '11'.repeat(32), 'sha256:' + '22'.repeat(32)]) as [
  ReturnType<typeof layerChain>[number],
  ReturnType<typeof layerChain>[number],
];

describe('ContentStore.withLayerDirectory', () => {
  it('makes layers/sha256/<chain hex> with diff/, diff-id and parent', async () => {
    const { store, root } = tempStore();
    await store.withLayerDirectory(base.chainId, async (directory) => writeFile(join(directory, 'hello'), 'base'), base);
    await store.withLayerDirectory(top.chainId, async (directory) => writeFile(join(directory, 'hello'), 'top'), top);
    const layer = join(root, 'layers/sha256', top.chainId.slice('sha256:'.length));
    expect(store.layerPath(top.chainId)).toBe(layer);
    expect(readFileSync(join(store.diffPath(top.chainId), 'hello'), 'utf8')).toBe('top');
    expect(readFileSync(join(layer, 'diff-id'), 'utf8')).toBe(top.diffId);
    expect(readFileSync(join(layer, 'parent'), 'utf8')).toBe(base.chainId);
    expect(existsSync(join(store.layerPath(base.chainId), 'parent'))).toBe(false);
    expect(await store.hasLayer(top.chainId)).toBe(true);
    expect(readdirSync(join(root, 'layers/tmp'))).toEqual([]);
  });

  it('hands the filler an empty directory', async () => {
    const { store } = tempStore();
    await store.withLayerDirectory(base.chainId, async (directory) => expect(readdirSync(directory)).toEqual([]), base);
  });

  it('leaves nothing visible when the filler fails halfway', async () => {
    const { store, root } = tempStore();
    const failing = store.withLayerDirectory(
      base.chainId,
      async (directory) => {
        await mkdir(join(directory, 'usr/bin'), { recursive: true });
        await writeFile(join(directory, 'usr/bin/half'), 'x');
        throw new Error('layer sha256:abc: member ../escape leaves the layer');
      },
      base,
    );
    await expect(failing).rejects.toThrow('member ../escape leaves the layer');
    expect(await store.hasLayer(base.chainId)).toBe(false);
    expect(readdirSync(join(root, 'layers/sha256'))).toEqual([]);
    expect(readdirSync(join(root, 'layers/tmp'))).toEqual([]);
  });

  it('fills a layer once for concurrent callers, and not again once it exists', async () => {
    const { store } = tempStore();
    let fills = 0;
    const fill = async (directory: string): Promise<void> => {
      fills += 1;
      await writeFile(join(directory, 'file'), 'content');
    };
    await Promise.all([store.withLayerDirectory(base.chainId, fill, base), store.withLayerDirectory(base.chainId, fill, base)]);
    await store.withLayerDirectory(base.chainId, fill, base);
    expect(fills).toBe(1);
  });

  it('refuses a DiffID and parent that do not give the ChainID', async () => {
    const { store } = tempStore();
    await expect(store.withLayerDirectory(top.chainId, async () => undefined, { diffId: top.diffId })).rejects.toMatchObject({
      code: 'LAYER_CHAIN_MISMATCH',
    });
    expect(await store.hasLayer(top.chainId)).toBe(false);
  });
});
