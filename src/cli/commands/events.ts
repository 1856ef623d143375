import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface EventsCommandOptions {
  json: boolean;
  since?: string;
  until?: string;
}

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('Receive real time events from containers')
    .argument('[services...]', 'only these services')
    .option('--json', 'output events as a stream of json objects', false)
    .option('--since <time>', 'show all events created since timestamp')
    .option('--until <time>', 'stream events until this timestamp')
    .action(async (services: string[], options: EventsCommandOptions, command: Command) => {
      const { runEvents } = await import('./events-run.js');
      process.exitCode = await runEvents(services, options, readGlobalOptions(command));
    });
}
