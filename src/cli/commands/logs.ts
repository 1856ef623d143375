import { InvalidArgumentError, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface LogsCommandOptions {
  follow: boolean;
  tail: number | 'all';
  timestamps: boolean;
  since?: string;
  until?: string;
  color: boolean;
  logPrefix: boolean;
  index?: number;
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description('View output from containers')
    .argument('[services...]', 'only these services')
    .option('-f, --follow', 'follow log output', false)
    .option('-n, --tail <lines>', 'number of lines to show from the end of the logs for each container', tailLines, 'all')
    .option('-t, --timestamps', 'show timestamps', false)
    .option('--since <time>', 'show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)')
    .option('--until <time>', 'show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)')
    .option('--no-color', 'produce monochrome output')
    .option('--no-log-prefix', "don't print prefix in logs")
    .option('--index <index>', 'index of the container if service has multiple replicas', nonNegativeInteger)
    .action(async (services: string[], options: LogsCommandOptions, command: Command) => {
      const { runLogs } = await import('./logs-run.js');
      process.exitCode = await runLogs(services, options, readGlobalOptions(command));
    });
}

function tailLines(value: string): number | 'all' {
  if (value === 'all') return 'all';
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is neither a number of lines nor "all"`);
  return Number(value);
}
