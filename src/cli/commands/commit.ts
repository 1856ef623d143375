import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { booleanFlag, collect, nonNegativeInteger } from '../option-parsers.js';

export interface CommitCommandOptions {
  /** -a: the image's author. */
  author?: string;
  /** -c: Dockerfile instructions for the image's config, in order. */
  change: string[];
  /** -m: the history entry's comment. */
  message?: string;
  /** -p: pause the container while its changes are read (`--pause=false` does not). */
  pause: boolean;
  /** The replica; 0 or left out: the service's first running container. */
  index?: number;
}

export function registerCommit(program: Command): void {
  program
    .command('commit')
    .description("Create a new image from a service container's changes")
    .usage('[options] SERVICE [REPOSITORY[:TAG]]')
    .argument('<service>', 'the service')
    .argument('[reference]', 'REPOSITORY[:TAG] to name the image')
    .option('-a, --author <author>', 'author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
    .option('-c, --change <instruction>', 'apply Dockerfile instruction to the created image; repeatable', collect, [])
    .option('-m, --message <message>', 'commit message')
    .addOption(booleanFlag('-p, --pause', 'pause container during commit; --pause=false does not'))
    .option('--index <n>', 'index of the container if service has multiple replicas', nonNegativeInteger)
    .action(async (service: string, reference: string | undefined, options: CommitCommandOptions, command: Command) => {
      const { runCommit } = await import('./commit-run.js');
      await runCommit(service, reference, options, readGlobalOptions(command));
    });
}
