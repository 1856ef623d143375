import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect } from '../option-parsers.js';

export interface BuildCommandOptions {
  /** `NAME=value`, or `NAME` for the environment's value; repeatable. */
  buildArg: string[];
  noCache: boolean;
  pull: boolean;
  push: boolean;
  quiet: boolean;
  withDependencies: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Build or rebuild services')
    .argument('[services...]', 'only these services')
    .option('--build-arg <key=value>', 'set build-time variables for services (KEY alone takes the environment\'s value)', collect, [])
    .option('--no-cache', 'do not use cache when building the image')
    .option('--pull', 'always attempt to pull a newer version of the image', false)
    .option('--push', 'push service images', false)
    .option('-q, --quiet', "don't print anything to standard error; print the built images' ids", false)
    .option('--with-dependencies', 'also build dependencies (transitively)', false)
    .action(async (services: string[], options: { cache: boolean } & Omit<BuildCommandOptions, 'noCache'>, command: Command) => {
      const { runBuild } = await import('./build-run.js');
      await runBuild(services, { ...options, noCache: !options.cache }, readGlobalOptions(command));
    });
}
