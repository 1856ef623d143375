import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect, flagNamedNo } from '../option-parsers.js';

export interface CreateCommandOptions {
  build: boolean;
  noBuild: boolean;
  pull: 'always' | 'missing' | 'never' | 'policy';
  quietPull: boolean;
  forceRecreate: boolean;
  /** False with --no-recreate. */
  recreate: boolean;
  removeOrphans: boolean;
  scale: string[];
  yes: boolean;
}

export function registerCreate(program: Command): void {
  program
    .command('create')
    .description('Creates containers for a service')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('--build', 'build images before starting containers', false)
    .addOption(flagNamedNo('--no-build', "don't build an image, even if it's missing"))
    .addOption(new Option('--pull <policy>', 'pull image before running').choices(['always', 'missing', 'never', 'policy']).default('policy'))
    .option('--quiet-pull', 'pull without printing progress information', false)
    .option('--force-recreate', "recreate containers even if their configuration and image haven't changed", false)
    .option('--no-recreate', "if containers already exist, don't recreate them; incompatible with --force-recreate")
    .option('--remove-orphans', 'remove containers for services not defined in the Compose file', false)
    .option('--scale <service=n>', 'scale SERVICE to NUM instances; overrides the `scale` setting in the Compose file if present', collect, [])
    .option('-y, --yes', 'assume "yes" as answer to all prompts and run non-interactively', false)
    .action(async (services: string[], options: CreateCommandOptions, command: Command) => {
      const { runCreate } = await import('./create-run.js');
      await runCreate(services, options, readGlobalOptions(command));
    });
}
