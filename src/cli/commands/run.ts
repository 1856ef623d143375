import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect } from '../option-parsers.js';

export interface RunCommandOptions {
  detach: boolean;
  rm: boolean;
  name?: string;
  entrypoint?: string;
  env: string[];
  label: string[];
  user?: string;
  workdir?: string;
  volume: string[];
  publish: string[];
  servicePorts: boolean;
  useAliases: boolean;
  deps: boolean;
  /** -T false; left out, a TTY when stdin and stdout are terminals. */
  tty?: boolean;
  interactive: boolean;
  pull: 'always' | 'missing' | 'never' | 'policy';
  quietPull: boolean;
  removeOrphans: boolean;
  build: boolean;
}

export function registerRun(program: Command): void {
  // Options after SERVICE belong to the command (`run web ls -la`): see exec.ts.
  program.enablePositionalOptions();
  program
    .command('run')
    .description('Run a one-off command on a service')
    .usage('[options] SERVICE [COMMAND] [ARGS...]')
    .argument('<service>', 'the service to run a one-off container of')
    .argument('[command...]', "the command and its arguments, instead of the service's command")
    .option('-d, --detach', 'run the container in the background and print its name', false)
    .option('--rm', 'automatically remove the container when it exits', false)
    .option('--name <name>', 'assign a name to the container')
    .option('--entrypoint <command>', 'override the entrypoint of the image')
    .option('-e, --env <KEY=VALUE>', 'set an environment variable; repeatable', collect, [])
    .option('-l, --label <KEY=VALUE>', 'add or override a label; repeatable', collect, [])
    .option('-u, --user <user>', 'run as this username or uid')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-v, --volume <volume>', 'bind mount a volume; repeatable', collect, [])
    .option('-p, --publish <port>', "publish a container's port(s) to the host; repeatable", collect, [])
    .option('-P, --service-ports', "run the command with the service's ports enabled and mapped to the host", false)
    .option('--use-aliases', "use the service's network aliases in the network(s) the container connects to", false)
    .option('--no-deps', "don't start linked services")
    .addOption(new Option('-t, --tty', 'allocate a pseudo-TTY').hideHelp())
    .option('-T, --no-tty', 'disable pseudo-TTY allocation (by default run allocates one when stdin and stdout are terminals)')
    .option('-i, --interactive', 'keep STDIN open even if not attached', true)
    .addOption(new Option('--pull <policy>', 'pull image before running').choices(['always', 'missing', 'never', 'policy']).default('policy'))
    .option('--quiet-pull', 'pull without printing progress information', false)
    .option('--remove-orphans', 'remove containers for services not defined in the compose file', false)
    .option('--build', 'build image before starting container', false)
    .passThroughOptions()
    .action(async (service: string, command: string[], options: RunCommandOptions, cmd: Command) => {
      const { runRun } = await import('./run-run.js');
      process.exitCode = await runRun(service, command, options, readGlobalOptions(cmd));
    });
}
