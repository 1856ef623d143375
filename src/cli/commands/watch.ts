import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { booleanFlag } from '../option-parsers.js';

export interface WatchCommandOptions {
  /** False with --no-up: watch what runs, without building and starting first. */
  up: boolean;
  /** False with --prune=false (or --no-prune): keep the images rebuilds replace. */
  prune: boolean;
  /** --quiet: leave out the builds' output. */
  quiet: boolean;
  /** -d: keep watching in the background. */
  detach: boolean;
  /** --stop: end the background watch. */
  stop: boolean;
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('Watch build context for service and rebuild/refresh containers when files are updated')
    .argument('[services...]', 'only these services')
    .option('--no-up', 'do not build & start services before watching')
    .addOption(booleanFlag('--prune', 'prune dangling images on rebuild; --prune=false keeps them'))
    .addOption(new Option('--no-prune', 'keep the dangling images a rebuild leaves').hideHelp())
    .option('--quiet', 'hide build output', false)
    .option('-d, --detach', 'keep watching in the background, until `berth watch --stop` or `berth down`', false)
    .option('--stop', 'stop the watch running in the background', false)
    .action(async (services: string[], options: WatchCommandOptions, command: Command) => {
      const { runWatch } = await import('./watch-run.js');
      process.exitCode = await runWatch(services, options, readGlobalOptions(command));
    });
}
