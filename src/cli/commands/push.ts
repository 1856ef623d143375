import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface PushCommandOptions {
  ignorePushFailures: boolean;
  includeDeps: boolean;
  quiet: boolean;
}

export function registerPush(program: Command): void {
  program
    .command('push')
    .description('Push service images')
    .argument('[services...]', 'only these services')
    .option('--ignore-push-failures', 'push what it can and ignores images with push failures', false)
    .option('--include-deps', 'also push images of services declared as dependencies', false)
    .option('-q, --quiet', 'push without printing progress information', false)
    .action(async (services: string[], options: PushCommandOptions, command: Command) => {
      const { runPush } = await import('./push-run.js');
      await runPush(services, options, readGlobalOptions(command));
    });
}
