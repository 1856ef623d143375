import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface KillCommandOptions {
  signal: string;
  removeOrphans: boolean;
}

export function registerKill(program: Command): void {
  program
    .command('kill')
    .description('Force stop service containers')
    .argument('[services...]', 'only these services')
    .option('-s, --signal <signal>', 'SIGNAL to send to the container', 'SIGKILL')
    // Compose reads the default from COMPOSE_REMOVE_ORPHANS too.
    .option('--remove-orphans', 'remove containers for services not defined in the Compose file', envFlag('COMPOSE_REMOVE_ORPHANS'))
    .action(async (services: string[], options: KillCommandOptions, command: Command) => {
      const { runKill } = await import('./kill-run.js');
      await runKill(services, options, readGlobalOptions(command));
    });
}

function envFlag(name: string): boolean {
  const value = (process.env[name] ?? '').trim().toLowerCase();
  return value === '1' || value === 't' || value === 'true';
}
