import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface RestartCommandOptions {
  timeout?: number;
  deps: boolean;
}

export function registerRestart(program: Command): void {
  program
    .command('restart')
    .description('Restart service containers')
    .argument('[services...]', 'only these services (and those that depend on them with restart: true)')
    .option('-t, --timeout <seconds>', 'specify a shutdown timeout in seconds', nonNegativeInteger)
    .option('--no-deps', "don't restart dependent services")
    .action(async (services: string[], options: RestartCommandOptions, command: Command) => {
      const { runRestart } = await import('./restart-run.js');
      await runRestart(services, options, readGlobalOptions(command));
    });
}
