import type { Command } from 'commander';

/**
 * Compose's commands that berth does not do yet. Each is registered so that `--help` lists it and
 * so that calling it says so plainly, with exit code 2, instead of "unknown command".
 */
const notBuiltYet: Array<[name: string, description: string]> = [
  ['attach', "Attach local standard input, output, and error streams to a service's running container"],
  ['export', "Export a service container's filesystem as a tar archive"],
  ['stats', 'Display a live stream of container(s) resource usage statistics'],
  ['volumes', 'List volumes'],
];

export function registerNotBuiltCommands(program: Command): void {
  for (const [name, description] of notBuiltYet) {
    program
      .command(name)
      .description(`${description} (not built yet)`)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[args...]')
      .action(() => {
        process.stderr.write(`berth ${name}: not built yet\n`);
        process.exitCode = 2;
      });
  }
}
