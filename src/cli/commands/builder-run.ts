import type { GlobalOptions } from '../global-options.js';
import { dryRunPrefix } from '../output/progress-frame.js';
import { connectEngine } from '../project-session.js';

/** Prunes the build cache, printing what went as `docker builder prune` does. */
export async function runBuilderPrune(options: { all: boolean }, global: GlobalOptions): Promise<void> {
  const client = await connectEngine(global);
  try {
    if (global.dryRun) {
      process.stderr.write(`${dryRunPrefix}the build cache would be removed\n`);
      return;
    }
    const answer = await client.images.pruneBuilder({ all: options.all });
    const deleted = answer.CachesDeleted ?? [];
    if (deleted.length > 0) process.stdout.write(`Deleted build cache objects:\n${deleted.map((id) => `${id}\n`).join('')}\n`);
    process.stdout.write(`Total reclaimed space: ${answer.SpaceReclaimed}B\n`);
  } finally {
    client.close();
  }
}
