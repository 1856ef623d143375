import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface RmCommandOptions {
  force: boolean;
  stop: boolean;
  volumes: boolean;
}

export function registerRm(program: Command): void {
  program
    .command('rm')
    .description('Removes stopped service containers')
    .argument('[services...]', 'only these services')
    .option('-f, --force', "don't ask to confirm removal", false)
    .option('-s, --stop', 'stop the containers, if required, before removing', false)
    .option('-v, --volumes', 'remove any anonymous volumes attached to containers', false)
    .action(async (services: string[], options: RmCommandOptions, command: Command) => {
      const { runRm } = await import('./rm-run.js');
      await runRm(services, options, readGlobalOptions(command));
    });
}
