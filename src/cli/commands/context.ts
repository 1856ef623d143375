import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';

/**
 * `berth context`: the docker CLI's notion of several engines, each a named endpoint.
 * berth keeps its own contexts beside its configuration and also lists the docker CLI's.
 */
export function registerContext(program: Command): void {
  const context = program.command('context').description('Manage the engines berth talks to');
  // Loaded inside each action: `berth --help` and `berth config` need none of it.
  const run = () => import('./context-run.js');

  context
    .command('ls')
    .alias('list')
    .description('List contexts')
    .addOption(new Option('--format <format>', 'format the output').choices(['table', 'json']).default('table'))
    .option('-q, --quiet', 'only show context names', false)
    .action(async (options: { format: 'table' | 'json'; quiet: boolean }, command: Command) => {
      (await run()).listContexts(options, readGlobalOptions(command));
    });

  context
    .command('create')
    .description('Create a context')
    .argument('<name>', 'name of the new context')
    .option('--host <host>', 'engine endpoint of the new context: unix:///path/to.sock or tcp://host:port')
    .option('--description <text>', 'description of the context')
    .action(async (name: string, options: { host?: string; description?: string }, command: Command) => {
      (await run()).createContext(name, options, readGlobalOptions(command));
    });

  context
    .command('use')
    .description('Set the current context')
    .argument('<name>', 'context to use from now on ("default" for berth\'s own engine)')
    .action(async (name: string, _options: unknown, command: Command) => {
      (await run()).useContext(name, readGlobalOptions(command));
    });

  context
    .command('rm')
    .alias('remove')
    .description('Remove one or more contexts')
    .argument('<names...>', 'contexts to remove')
    .option('-f, --force', 'remove a context even when it is in use (berth then goes back to "default")', false)
    .action(async (names: string[], options: { force: boolean }, command: Command) => {
      (await run()).removeContexts(names, options, readGlobalOptions(command));
    });

  context
    .command('inspect')
    .description('Display detailed information on one or more contexts (the current one by default)')
    .argument('[names...]', 'contexts to inspect')
    .action(async (names: string[], _options: unknown, command: Command) => {
      (await run()).inspectContexts(names, readGlobalOptions(command));
    });

  context
    .command('show')
    .description('Print the name of the current context')
    .action(async (_options: unknown, command: Command) => {
      (await run()).showContext(readGlobalOptions(command));
    });
}
