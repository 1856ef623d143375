import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { chunks, digestOf, killedBlob, sampleBytes } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

const chainId = 'sha256:' + '44'.repeat(32);

/** Runs the fixture against `root` in its own process and kills it with SIGKILL once it is halfway. */
async function killHalfway(mode: 'ingest' | 'layer', root: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'killed-store.fixture.ts'), mode, root, chainId], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let said: string | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    said = line;
    break;
  }
  child.kill('SIGKILL');
  await exited;
  if (said !== 'halfway') throw new Error(`the ${mode} fixture exited before it was halfway`);
}

describe('a store whose process is killed', () => {
  it('shows no blob after a kill mid-download, and the next process continues the partial file', async () => {
    const { root } = tempStore();
    await killHalfway('ingest', root);
    const bytes = sampleBytes(killedBlob.size);
    const digest = digestOf(bytes);
    const store = new ContentStore(root);
    expect(await store.has(digest)).toBe(false);
    const partialSize = statSync(join(root, 'ingest', `sha256-${digest.slice('sha256:'.length)}`)).size;
    expect(partialSize).toBeGreaterThanOrEqual(4 * killedBlob.chunk);
    expect(partialSize).toBeLessThan(killedBlob.size);

    const offsets: number[] = [];
    const path = await store.ingest({ digest, size: bytes.length }, async (offset) => {
      offsets.push(offset);
      return chunks(bytes.subarray(offset), killedBlob.chunk);
    });
    expect(offsets).toEqual([partialSize]);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('shows no layer after a kill mid-unpack, and the next process unpacks it afresh', async () => {
    const { root } = tempStore();
    await killHalfway('layer', root);
    const store = new ContentStore(root);
    expect(await store.hasLayer(chainId)).toBe(false);
    expect(readdirSync(join(root, 'layers/sha256'))).toEqual([]);

    await store.withLayerDirectory(chainId, async (directory) => writeFile(join(directory, 'whole'), 'yes'), { diffId: chainId });
    expect(readdirSync(store.diffPath(chainId))).toEqual(['whole']);
    const { stale } = await store.collectGarbage(async () => ({ blobs: new Set(), layers: new Set([chainId]) }), { staleAfterMs: 0 });
    expect(stale).toHaveLength(1);
    expect(readdirSync(join(root, 'layers/tmp'))).toEqual([]);
  });
});
