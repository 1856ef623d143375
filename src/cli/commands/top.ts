import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export function registerTop(program: Command): void {
  program
    .command('top')
    .description('Display the running processes')
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _options: unknown, command: Command) => {
      const { runTop } = await import('./top-run.js');
      await runTop(services, readGlobalOptions(command));
    });
}
