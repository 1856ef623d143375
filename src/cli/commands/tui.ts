import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface TuiCommandOptions {
  tail: number;
}

export function registerTui(program: Command): void {
  program
    .command('tui')
    .description('Open the terminal UI on a running project: states, health, logs and one-key actions')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('-n, --tail <lines>', "lines of each container's earlier output to show first", nonNegativeInteger, 200)
    .action(async (services: string[], options: TuiCommandOptions, command: Command) => {
      const { runTui } = await import('./tui-run.js');
      process.exitCode = await runTui(services, options, readGlobalOptions(command));
    });
}
