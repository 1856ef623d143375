import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

interface ConfigOptions {
  format: 'yaml' | 'json';
  quiet: boolean;
  services: boolean;
  volumes: boolean;
  networks: boolean;
  images: boolean;
  profiles: boolean;
  variables: boolean;
  environment: boolean;
  hash?: string;
  interpolate: boolean;
  normalize: boolean;
  pathResolution: boolean;
  consistency: boolean;
  envResolution: boolean;
  output?: string;
}

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('Parse, resolve and render the compose file in canonical format')
    .argument('[services...]', 'only these services (and what they depend on)')
    .addOption(new Option('--format <format>', 'format the output').choices(['yaml', 'json']).default('yaml'))
    .option('-q, --quiet', 'only validate the configuration, print nothing', false)
    .option('--services', 'print the service names, one per line', false)
    .option('--volumes', 'print the volume names, one per line', false)
    .option('--networks', 'print the network names, one per line', false)
    .option('--images', 'print the image names, one per line', false)
    .option('--profiles', 'print the profile names, one per line', false)
    .option('--variables', 'print the model variables and their default values', false)
    .option('--environment', 'print the environment used for interpolation', false)
    .option('--hash <services>', 'print the config hash of these services ("*" for all, or a comma-separated list)')
    .option('--no-interpolate', "don't interpolate environment variables")
    .option('--no-normalize', "don't normalize the compose model")
    .option('--no-path-resolution', "don't resolve file paths")
    .option('--no-consistency', "don't check the model's consistency (references, cycles, collisions)")
    .option('--no-env-resolution', "don't resolve service env files and bare environment names")
    .option('-o, --output <file>', 'save to this file instead of printing')
    .action(async (services: string[], options: ConfigOptions, command: Command) => {
      // Loaded here, not at start-up: `berth --help` and `berth version` need none of it.
      const { runConfig } = await import('./config-run.js');
      const text = await runConfig(services, options, readGlobalOptions(command));
      if (text === undefined) return;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}

export type { ConfigOptions };
