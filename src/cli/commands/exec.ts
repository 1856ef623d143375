import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { collect, nonNegativeInteger } from '../option-parsers.js';

export interface ExecCommandOptions {
  detach: boolean;
  privileged: boolean;
  user?: string;
  /** -t true, -T false; left out, a TTY when stdin and stdout are terminals. */
  tty?: boolean;
  /** 0 or left out: the service's first container. */
  index?: number;
  env: string[];
  workdir?: string;
}

export function registerExec(program: Command): void {
  // Options after SERVICE belong to the command (`exec web ls -la`); commander needs positional
  // options on the program for that (shareGlobalOptions turns them on too, after registration).
  program.enablePositionalOptions();
  program
    .command('exec')
    .description('Execute a command in a running container')
    .usage('[options] SERVICE COMMAND [ARGS...]')
    .argument('<service>', 'the service whose container runs the command')
    .argument('<command>', 'the command to run')
    .argument('[args...]', "the command's arguments")
    .option('-d, --detach', 'detached mode: run the command in the background', false)
    .option('--privileged', 'give extended privileges to the process', false)
    .option('-u, --user <user>', 'run the command as this user')
    .addOption(new Option('-t, --tty', 'allocate a pseudo-TTY').hideHelp())
    .option('-T, --no-tty', 'disable pseudo-TTY allocation (by default exec allocates one when stdin and stdout are terminals)')
    .addOption(new Option('-i, --interactive', 'keep STDIN open even if not attached (always on)').hideHelp())
    .option('--index <n>', 'index of the container if the service has multiple replicas', nonNegativeInteger)
    .option('-e, --env <KEY=VALUE>', 'set an environment variable; repeatable', collect, [])
    .option('-w, --workdir <dir>', 'working directory for this command')
    .passThroughOptions()
    .action(async (service: string, command: string, args: string[], options: ExecCommandOptions, cmd: Command) => {
      const { runExec } = await import('./exec-run.js');
      process.exitCode = await runExec(service, [command, ...args], options, readGlobalOptions(cmd));
    });
}
