import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface DownCommandOptions {
  volumes: boolean;
  rmi?: 'local' | 'all';
  removeOrphans: boolean;
  timeout?: number;
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('Stop and remove containers, networks')
    .argument('[services...]', 'only these services')
    .option('-v, --volumes', 'remove named volumes declared in the "volumes" section of the compose file and anonymous volumes attached to containers', false)
    .addOption(new Option('--rmi <type>', 'remove images used by services: "local" only those without a custom tag, "all" every one').choices(['local', 'all']))
    .option('--remove-orphans', 'remove containers for services not defined in the compose file', false)
    .option('-t, --timeout <seconds>', 'specify a shutdown timeout in seconds', nonNegativeInteger)
    .action(async (services: string[], options: DownCommandOptions, command: Command) => {
      const { runDown } = await import('./down-run.js');
      await runDown(services, options, readGlobalOptions(command));
    });
}
