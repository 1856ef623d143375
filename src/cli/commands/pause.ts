import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export function registerPause(program: Command): void {
  program
    .command('pause')
    .description('Pause services')
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _options: unknown, command: Command) => {
      const { runPause } = await import('./pause-run.js');
      await runPause(services, readGlobalOptions(command));
    });
}
