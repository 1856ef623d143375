import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect } from '../option-parsers.js';

export interface LsCommandOptions {
  all: boolean;
  quiet: boolean;
  filter: string[];
  format: 'table' | 'json';
}

export function registerLs(program: Command): void {
  program
    .command('ls')
    .description('List running compose projects')
    .option('-a, --all', 'show all stopped Compose projects', false)
    .option('-q, --quiet', 'only display project names', false)
    .option('--filter <filter>', 'filter output based on conditions provided (name=VALUE); repeatable', collect, [])
    .addOption(new Option('--format <format>', 'format the output').choices(['table', 'json']).default('table'))
    .action(async (options: LsCommandOptions, command: Command) => {
      const { runLs } = await import('./ls-run.js');
      await runLs(options, readGlobalOptions(command));
    });
}
