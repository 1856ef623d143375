import { InvalidArgumentError, Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect, nonNegativeInteger } from '../option-parsers.js';

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
    // Compose's boolean flags take `=false`; `-p` alone is the default.
    .addOption(new Option('-p, --pause [bool]', 'pause container during commit; --pause=false does not').argParser(booleanValue).default(true))
    .option('--index <n>', 'index of the container if service has multiple replicas', nonNegativeInteger)
    .action(async (service: string, reference: string | undefined, options: CommitCommandOptions, command: Command) => {
      const { runCommit } = await import('./commit-run.js');
      await runCommit(service, reference, options, readGlobalOptions(command));
    });
}

function booleanValue(value: string): boolean {
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  throw new InvalidArgumentError(`"${value}" is not true or false; write --pause=false`);
}
