// Run by kill.test.ts in its own process, which it kills with SIGKILL once this prints "halfway":
//   node --import tsx killed-store.fixture.ts ingest|layer ROOT CHAIN_ID DIFF_ID
// `ingest` downloads sampleBytes(killedBlob.size) slowly; `layer` unpacks a layer that never finishes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { digestOf, killedBlob, sampleBytes } from './store-bytes.js';

const [mode, root, chainId] = process.argv.slice(2);
if (root === undefined || chainId === undefined) throw new Error('usage: killed-store.fixture.ts ingest|layer ROOT CHAIN_ID');
const store = new ContentStore(root);
const halfway = (): boolean => process.stdout.write('halfway\n');

if (mode === 'ingest') {
  const bytes = sampleBytes(killedBlob.size);
  async function* slowly(): AsyncGenerator<Buffer> {
    for (let start = 0; start < bytes.length; start += killedBlob.chunk) {
      yield bytes.subarray(start, start + killedBlob.chunk);
      // Fast at first, then slow enough that the kill lands while chunks are still being written.
      if (start >= 4 * killedBlob.chunk) await sleep(50);
    }
  }
  await store.ingest({ digest: digestOf(bytes), size: bytes.length }, async () => slowly(), (stored) => stored === 4 * killedBlob.chunk && halfway());
} else {
  await store.withLayerDirectory(
    chainId,
    async (directory) => {
      await writeFile(join(directory, 'first'), 'written before the kill');
      halfway();
      await sleep(60_000);
    },
    { diffId: chainId },
  );
}
