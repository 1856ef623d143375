import type { Command } from 'commander';

/**
 * Compose's commands that berth does not do yet. Each is registered so that `--help` lists it and
 * so that calling it says so plainly, with exit code 2, instead of "unknown command".
 */
const notBuiltYet: Array<[name: string, description: string]> = [
  ['attach', "Attach local standard input, output, and error streams to a service's running container"],
  ['build', 'Build or rebuild services'],
  ['commit', "Create a new image from a service container's changes"],
  ['cp', 'Copy files/folders between a service container and the local filesystem'],
  ['create', 'Creates containers for a service'],
  ['events', 'Receive real time events from containers'],
  ['exec', 'Execute a command in a running container'],
  ['export', "Export a service container's filesystem as a tar archive"],
  ['images', 'List images used by the created containers'],
  ['kill', 'Force stop service containers'],
  ['logs', 'View output from containers'],
  ['ls', 'List running compose projects'],
  ['pause', 'Pause services'],
  ['port', 'Print the public port for a port binding'],
  ['ps', 'List containers'],
  ['pull', 'Pull service images'],
  ['push', 'Push service images'],
  ['restart', 'Restart service containers'],
  ['rm', 'Removes stopped service containers'],
  ['run', 'Run a one-off command on a service'],
  ['scale', 'Scale services'],
  ['start', 'Start services'],
  ['stats', 'Display a live stream of container(s) resource usage statistics'],
  ['stop', 'Stop services'],
  ['top', 'Display the running processes'],
  ['unpause', 'Unpause services'],
  ['volumes', 'List volumes'],
  ['wait', 'Block until containers of all (or specified) services stop'],
  ['watch', 'Watch build context for service and rebuild/refresh containers when files are updated'],
  ['daemon', "Run berth's container engine"],
  ['login', 'Log in to a registry'],
  ['logout', 'Log out from a registry'],
  ['tui', "Open the terminal UI on a running project"],
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
        process.stderr.write(`berth ${name}: not built yet; this berth can read and check compose files (berth config)\n`);
        process.exitCode = 2;
      });
  }
}
