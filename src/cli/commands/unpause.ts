import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export function registerUnpause(program: Command): void {
  program
    .command('unpause')
    .description('Unpause services')
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _options: unknown, command: Command) => {
      const { runUnpause } = await import('./unpause-run.js');
      await runUnpause(services, readGlobalOptions(command));
    });
}
