import type { Command } from 'commander';
import { berthVersion } from '../version-info.js';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('Show the berth version information')
    .option('--short', 'show only the version number', false)
    .option('--format <format>', 'format the output: pretty or json', 'pretty')
    .action((options: { short: boolean; format: string }) => {
      if (options.short) process.stdout.write(`${berthVersion()}\n`);
      else if (options.format === 'json') process.stdout.write(`${JSON.stringify({ version: berthVersion() })}\n`);
      else process.stdout.write(`berth version v${berthVersion()}\n`);
    });
}
