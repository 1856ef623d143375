import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface StopCommandOptions {
  timeout?: number;
}

export function registerStop(program: Command): void {
  program
    .command('stop')
    .description('Stop services')
    .argument('[services...]', 'only these services')
    .option('-t, --timeout <seconds>', 'specify a shutdown timeout in seconds', nonNegativeInteger)
    .action(async (services: string[], options: StopCommandOptions, command: Command) => {
      const { runStop } = await import('./stop-run.js');
      await runStop(services, options, readGlobalOptions(command));
    });
}
