import { Option, type Command } from 'commander';

/** Compose's global options, given before or after the subcommand. */
export interface GlobalOptions {
  file: string[];
  projectName?: string;
  profile: string[];
  envFile: string[];
  projectDirectory?: string;
  dryRun: boolean;
  progress: 'auto' | 'tty' | 'plain' | 'json' | 'quiet';
  ansi: 'never' | 'always' | 'auto';
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addGlobalOptions(program: Command): Command {
  return program
    .option('-f, --file <path>', 'compose configuration file; repeat to merge several, "-" reads standard input', collect, [])
    .option('-p, --project-name <name>', 'project name')
    .option('--profile <name>', 'profile to enable; repeatable', collect, [])
    .option('--env-file <path>', 'alternate environment file; repeatable', collect, [])
    .option('--project-directory <path>', 'alternate working directory (default: the directory of the first compose file)')
    .option('--dry-run', 'show what the command would do without doing it', false)
    .addOption(new Option('--progress <mode>', 'type of progress output').choices(['auto', 'tty', 'plain', 'json', 'quiet']).default('auto'))
    .addOption(new Option('--ansi <when>', 'control when to print ANSI control characters').choices(['never', 'always', 'auto']).default('auto'));
}

export function readGlobalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}
