import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

/**
 * `berth builder prune`: forgets the engine's build cache (Docker's `docker builder prune`), so
 * the next build runs every step. `-a` also removes the RUN --mount=type=cache directories.
 */
export function registerBuilder(program: Command): void {
  const builder = program.command('builder').description('Manage the engine\'s build cache');
  builder
    .command('prune')
    .description('Remove the build cache')
    .option('-a, --all', 'also remove the cache mounts of RUN --mount=type=cache', false)
    .option('-f, --force', 'do not prompt for confirmation (berth never prompts)', false)
    .action(async (options: { all: boolean }, command: Command) => {
      const { runBuilderPrune } = await import('./builder-run.js');
      await runBuilderPrune(options, readGlobalOptions(command));
    });
}
