import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface WaitCommandOptions {
  downProject: boolean;
}

export function registerWait(program: Command): void {
  program
    .command('wait')
    .description('Block until containers of all (or specified) services stop')
    .argument('<services...>', 'the services whose containers to wait for')
    .option('--down-project', 'drops project when the first container stops', false)
    .action(async (services: string[], options: WaitCommandOptions, command: Command) => {
      const { runWait } = await import('./wait-run.js');
      process.exitCode = await runWait(services, options, readGlobalOptions(command));
    });
}
