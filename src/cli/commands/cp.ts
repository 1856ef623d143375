import type { Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { nonNegativeInteger } from '../option-parsers.js';

export interface CpCommandOptions {
  /** -a: keep the files' uid and gid when copying into a container. */
  archive: boolean;
  /** -L: follow a symbolic link given as the source. */
  followLink: boolean;
  /** 0 or left out: every container of the service (into), or the first (out of). */
  index?: number;
  /** Containers made by `berth run` too. */
  all: boolean;
}

export function registerCp(program: Command): void {
  program
    .command('cp')
    .description('Copy files/folders between a service container and the local filesystem')
    .usage('[options] SERVICE:SRC_PATH DEST_PATH|-\n       berth cp [options] SRC_PATH|- SERVICE:DEST_PATH')
    .argument('<source>', 'SERVICE:PATH in a container, a local path, or - for a tar on stdin')
    .argument('<destination>', 'SERVICE:PATH in a container, a local path, or - for a tar on stdout')
    .option('-a, --archive', 'archive mode (copy all uid/gid information)', false)
    .option('-L, --follow-link', 'always follow a symbolic link in SRC_PATH', false)
    .option('--index <n>', 'index of the container if the service has multiple replicas', nonNegativeInteger)
    .option('--all', 'include containers created by the run command', false)
    .action(async (source: string, destination: string, options: CpCommandOptions, command: Command) => {
      const { runCp } = await import('./cp-run.js');
      await runCp(source, destination, options, readGlobalOptions(command));
    });
}
