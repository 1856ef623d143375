// Run by killed-pull.test.ts in its own process, which it kills with SIGKILL mid-download:
//   node --import tsx killed-pull.fixture.ts ROOT REFERENCE
// Prints `<layer digest> <bytes stored>` as each layer's download goes on.
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';

const [root, reference] = process.argv.slice(2);
if (root === undefined || reference === undefined) throw new Error('usage: killed-pull.fixture.ts ROOT REFERENCE');
await pullImage(new ContentStore(root), reference, {
  onProgress: (event) => {
    if (event.kind === 'layer' && event.status === 'downloading') process.stdout.write(`${event.digest} ${event.current}\n`);
  },
});
