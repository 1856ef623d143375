import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Start services')
    .argument('[services...]', 'only these services (and what they depend on)')
    .action(async (services: string[], _options: unknown, command: Command) => {
      const { runStart } = await import('./start-run.js');
      await runStart(services, readGlobalOptions(command));
    });
}
