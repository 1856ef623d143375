import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect, flagNamedNo, nonNegativeInteger, repeatableNoOption } from '../option-parsers.js';

export interface UpCommandOptions {
  detach: boolean;
  build: boolean;
  noBuild: boolean;
  pull: 'always' | 'missing' | 'never' | 'policy';
  quietPull: boolean;
  wait: boolean;
  waitTimeout?: number;
  forceRecreate: boolean;
  recreate: boolean;
  alwaysRecreateDeps: boolean;
  deps: boolean;
  start: boolean;
  removeOrphans: boolean;
  renewAnonVolumes: boolean;
  abortOnContainerExit: boolean;
  abortOnContainerFailure: boolean;
  exitCodeFrom?: string;
  scale: string[];
  attach: string[];
  noAttach: string[];
  attachDependencies: boolean;
  color: boolean;
  logPrefix: boolean;
  timestamps: boolean;
  timeout?: number;
  yes: boolean;
  /** -w: watch the services' develop.watch rules while attached. */
  watch: boolean;
  /** False with --no-tui: plain output even on a terminal. */
  tui: boolean;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Create and start containers')
    .argument('[services...]', 'only these services (and what they depend on)')
    .option('-d, --detach', 'detached mode: run containers in the background', false)
    .option('--build', 'build images before starting containers', false)
    .addOption(flagNamedNo('--no-build', "don't build an image, even if it's missing"))
    .addOption(new Option('--pull <policy>', 'pull image before running').choices(['always', 'missing', 'never', 'policy']).default('policy'))
    .option('--quiet-pull', 'pull without printing progress information', false)
    .option('--wait', 'wait for services to be running|healthy; implies detached mode', false)
    .option('--wait-timeout <seconds>', 'maximum duration in seconds to wait for the project to be running|healthy', nonNegativeInteger)
    .option('--force-recreate', "recreate containers even if their configuration and image haven't changed", false)
    .option('--no-recreate', "if containers already exist, don't recreate them")
    .option('--always-recreate-deps', 'recreate dependent containers', false)
    .option('--no-deps', "don't start linked services")
    .option('--no-start', "don't start the services after creating them")
    .option('--remove-orphans', 'remove containers for services not defined in the compose file', false)
    .option('-V, --renew-anon-volumes', 'recreate anonymous volumes instead of retrieving data from the previous containers', false)
    .option('--abort-on-container-exit', 'stops all containers if any container was stopped', false)
    .option('--abort-on-container-failure', 'stops all containers if any container exited with failure', false)
    .option('--exit-code-from <service>', 'return the exit code of the selected service container; implies --abort-on-container-exit')
    .option('--scale <service=n>', 'scale SERVICE to NUM instances; overrides the `scale` setting in the compose file', collect, [])
    .option('--attach <service>', 'restrict attaching to the specified services', collect, [])
    .addOption(repeatableNoOption('--no-attach <service>', 'do not attach (stream logs) to the specified services'))
    .option('--attach-dependencies', 'automatically attach to log output of dependent services', false)
    .option('--no-color', 'produce monochrome output')
    .option('--no-log-prefix', "don't print prefix in logs")
    .option('--timestamps', 'show timestamps', false)
    .option('-t, --timeout <seconds>', 'use this timeout in seconds for container shutdown when attached or when containers are already running', nonNegativeInteger)
    .option('-w, --watch', 'watch source code and rebuild/refresh containers when files are updated', false)
    .option('-y, --yes', 'assume "yes" as answer to all prompts and run non-interactively', false)
    .option('--no-tui', "print Compose's plain output instead of opening the terminal UI (also BERTH_TUI=0)")
    .action(async (services: string[], options: UpCommandOptions, command: Command) => {
      const { runUp } = await import('./up-run.js');
      process.exitCode = await runUp(services, options, readGlobalOptions(command));
    });
}
