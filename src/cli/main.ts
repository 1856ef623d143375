import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import { addGlobalOptions, readGlobalOptions, shareGlobalOptions } from './global-options.js';
import { registerConfig } from './commands/config.js';
import { registerContext } from './commands/context.js';
import { registerNotBuiltCommands } from './commands/not-built.js';
import { registerVersion } from './commands/version.js';
import { registerUp } from './commands/up.js';
import { registerDown } from './commands/down.js';
import { reportError } from './report-error.js';

/** Builds the command tree. Commands load their subsystems lazily, inside their actions. */
export function buildProgram(name: string): Command {
  const program = new Command(name)
    .description('berth: define and run multi-container applications, on its own engine or on Docker')
    .showSuggestionAfterError(true)
    .exitOverride();
  addGlobalOptions(program);
  registerConfig(program);
  registerUp(program);
  registerDown(program);
  registerContext(program);
  registerVersion(program);
  registerNotBuiltCommands(program);
  shareGlobalOptions(program);
  for (const command of program.commands) command.exitOverride();
  // The docker CLI refuses -H with --context before running any command; so does berth.
  program.hook('preAction', async (_program, action) => {
    const { host, context } = readGlobalOptions(action);
    if (host && context) (await import('../api/index.js')).refuseHostWithContext({ host, context });
  });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `compose up` and `berth up` are the same program; help shows the name the user typed.
  const name = basename(argv[1] ?? 'berth').replace(/\.js$/, '') === 'compose' ? 'compose' : 'berth';
  const program = buildProgram(name);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; everything else commander refuses is bad usage.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = reportError(error, process.stderr);
  }
}
