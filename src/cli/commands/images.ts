import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

export interface ImagesCommandOptions {
  quiet: boolean;
  format: 'table' | 'json';
}

export function registerImages(program: Command): void {
  program
    .command('images')
    .description('List images used by the created containers')
    .argument('[services...]', 'only these services')
    .option('-q, --quiet', 'only display IDs', false)
    .addOption(new Option('--format <format>', 'format the output').choices(['table', 'json']).default('table'))
    .action(async (services: string[], options: ImagesCommandOptions, command: Command) => {
      const { runImages } = await import('./images-run.js');
      await runImages(services, options, readGlobalOptions(command));
    });
}
