import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface PullCommandOptions {
  ignoreBuildable: boolean;
  ignorePullFailures: boolean;
  includeDeps: boolean;
  quiet: boolean;
  policy?: 'missing' | 'always';
}

export function registerPull(program: Command): void {
  program
    .command('pull')
    .description('Pull service images')
    .argument('[services...]', 'only these services')
    .option('--ignore-buildable', 'ignore images that can be built', false)
    .option('--ignore-pull-failures', 'pull what it can and ignores images with pull failures', false)
    .option('--include-deps', 'also pull services declared as dependencies', false)
    .option('-q, --quiet', 'pull without printing progress information', false)
    .addOption(new Option('--policy <policy>', 'apply pull policy').choices(['missing', 'always']))
    .action(async (services: string[], options: PullCommandOptions, command: Command) => {
      const { runPull } = await import('./pull-run.js');
      await runPull(services, options, readGlobalOptions(command));
    });
}
