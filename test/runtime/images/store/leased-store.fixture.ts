// Run by leases.test.ts in its own process:
//   node --import tsx leased-store.fixture.ts lease ROOT      stores sampleBytes(leasedBlob) under a lease, prints "leased", then waits to be killed
//   node --import tsx leased-store.fixture.ts collect ROOT    starts a garbage collection that keeps nothing, prints "collecting" once it
//                                                             is under way, and finishes it (printing "collected") when a line arrives on stdin
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { chunks, digestOf, leasedBlob, sampleBytes } from './store-bytes.js';

const [mode, root] = process.argv.slice(2);
if (root === undefined) throw new Error('usage: leased-store.fixture.ts lease|collect ROOT');
const store = new ContentStore(root);

if (mode === 'lease') {
  const bytes = sampleBytes(leasedBlob);
  await using leased = await store.lease();
  await leased.ingest({ digest: digestOf(bytes), size: bytes.length }, async () => chunks(bytes, 4096));
  process.stdout.write('leased\n');
  await sleep(60_000);
} else {
  const lines = createInterface({ input: process.stdin });
  await store.collectGarbage(async () => {
    process.stdout.write('collecting\n');
    await once(lines, 'line');
    return { blobs: new Set(), layers: new Set() };
  });
  process.stdout.write('collected\n');
  lines.close();
}
