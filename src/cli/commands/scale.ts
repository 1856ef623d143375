import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface ScaleCommandOptions {
  deps: boolean;
}

export function registerScale(program: Command): void {
  program
    .command('scale')
    .description('Scale services')
    .argument('<service=replicas...>', 'each service and the number of containers it should have: web=3')
    .option('--no-deps', "don't start linked services")
    .action(async (entries: string[], options: ScaleCommandOptions, command: Command) => {
      const { runScale } = await import('./scale-run.js');
      await runScale(entries, options, readGlobalOptions(command));
    });
}
