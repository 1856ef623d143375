import { Option, type Command } from 'commander';

/** Compose's global options, given before or after the subcommand, and the docker CLI's engine options. */
export interface GlobalOptions {
  file: string[];
  projectName?: string;
  profile: string[];
  envFile: string[];
  projectDirectory?: string;
  dryRun: boolean;
  progress: 'auto' | 'tty' | 'plain' | 'json' | 'quiet';
  ansi: 'never' | 'always' | 'auto';
  /** `-H, --host`: the engine to talk to, overriding contexts and the environment. */
  host?: string;
  /** `--context`: the named context to use. */
  context?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const progressModes = ['auto', 'tty', 'plain', 'json', 'quiet'];
const ansiModes = ['never', 'always', 'auto'];

/** Compose reads COMPOSE_PROGRESS and COMPOSE_ANSI as the defaults of --progress and --ansi. */
function fromEnvironment(variable: string, choices: readonly string[]): string {
  const value = process.env[variable];
  return value !== undefined && choices.includes(value) ? value : 'auto';
}

/** Made fresh for each command that shares them; `withDefaults` only for the program itself. */
function globalOptionList(withDefaults: boolean): Option[] {
  const list = (option: Option): Option => (withDefaults ? option.default([]) : option);
  const flag = (option: Option): Option => (withDefaults ? option.default(false) : option);
  const mode = (option: Option, value: string): Option => (withDefaults ? option.default(value) : option);
  return [
    list(new Option('-f, --file <path>', 'compose configuration file; repeat to merge several, "-" reads standard input').argParser(collect)),
    new Option('-p, --project-name <name>', 'project name'),
    list(new Option('--profile <name>', 'profile to enable; repeatable').argParser(collect)),
    list(new Option('--env-file <path>', 'alternate environment file; repeatable').argParser(collect)),
    new Option('--project-directory <path>', 'alternate working directory (default: the directory of the first compose file)'),
    flag(new Option('--dry-run', 'show what the command would do without doing it')),
    mode(new Option('--progress <mode>', 'type of progress output').choices(progressModes), fromEnvironment('COMPOSE_PROGRESS', progressModes)),
    mode(new Option('--ansi <when>', 'control when to print ANSI control characters').choices(ansiModes), fromEnvironment('COMPOSE_ANSI', ansiModes)),
    new Option('-H, --host <host>', 'engine to connect to (unix:///path/to.sock or tcp://host:port)'),
    new Option('--context <name>', 'name of the context to use to connect to the engine (see "berth context ls")'),
  ];
}

export function addGlobalOptions(program: Command): Command {
  for (const option of globalOptionList(true)) program.addOption(option);
  return program;
}

// Which options of a subcommand are copies of the global ones, so readGlobalOptions takes only those.
const sharedCopies = new WeakMap<Command, Set<string>>();

/**
 * Lets every subcommand accept the global options after its name, while its own options win
 * where flags clash (`rm -f` is force, `logs -f` follow, as in Docker Compose, not `--file`).
 * commander alone cannot do both: a program option is matched anywhere on the line unless options
 * are positional. So options become positional, and each command gets hidden copies of the global
 * options that do not clash with its own. Call once, after every command is registered.
 */
export function shareGlobalOptions(program: Command): void {
  program.enablePositionalOptions();
  const share = (command: Command): void => {
    const copies = new Set<string>();
    for (const option of globalOptionList(false)) {
      const clashes =
        command.options.some((own) => own.attributeName() === option.attributeName()) ||
        [option.short, option.long].some((flag) => flag !== undefined && command.options.some((own) => own.short === flag || own.long === flag));
      if (clashes) continue;
      command.addOption(option.hideHelp());
      copies.add(option.attributeName());
    }
    sharedCopies.set(command, copies);
    // Options after a group's subcommand name belong to the subcommand, as they do after the program's.
    if (command.commands.length > 0) command.enablePositionalOptions();
    for (const subcommand of command.commands) share(subcommand);
  };
  for (const command of program.commands) share(command);
}

/**
 * The global options as the user gave them, wherever on the line: the program's values and
 * defaults, then what each subcommand on the way received; repeatable options add up in order.
 */
export function readGlobalOptions(command: Command): GlobalOptions {
  const chain: Command[] = [];
  for (let current: Command | null = command; current; current = current.parent) chain.unshift(current);
  const [program, ...subcommands] = chain;
  const merged: Record<string, unknown> = { ...program!.opts() };
  for (const subcommand of subcommands) {
    const values = subcommand.opts();
    for (const key of sharedCopies.get(subcommand) ?? []) {
      if (subcommand.getOptionValueSource(key) === undefined) continue;
      const value = values[key];
      merged[key] = Array.isArray(value) ? [...((merged[key] as unknown[] | undefined) ?? []), ...value] : value;
    }
  }
  return merged as unknown as GlobalOptions;
}
