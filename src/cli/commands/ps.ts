import { Option, type Command } from 'commander';
import { readGlobalOptions } from '../global-options.js';
import { booleanFlag, collect } from '../option-parsers.js';

export interface PsCommandOptions {
  all: boolean;
  quiet: boolean;
  services: boolean;
  filter?: string;
  status: string[];
  format?: string;
  trunc: boolean;
  orphans: boolean;
}

export function registerPs(program: Command): void {
  program
    .command('ps')
    .description('List containers')
    .argument('[services...]', 'only these services')
    .option('-a, --all', 'show all stopped containers (including those created by the run command)', false)
    .option('-q, --quiet', 'only display IDs', false)
    .option('--services', 'display services', false)
    .option('--filter <key=value>', 'filter services by a property (supported filters: status)')
    .option('--status <status>', 'filter services by status; repeatable. Values: [paused | restarting | removing | running | dead | created | exited]', collect, [])
    .option('--format <format>', 'format output using a custom template: "table", "table TEMPLATE", "json" or a Go template such as {{.Name}}')
    .option('--no-trunc', "don't truncate output")
    .addOption(booleanFlag('--orphans', 'include orphaned services (not declared by project); --orphans=false leaves them out'))
    .addOption(new Option('--no-orphans', 'leave out orphaned services').hideHelp())
    .action(async (services: string[], options: PsCommandOptions, command: Command) => {
      const { runPs } = await import('./ps-run.js');
      await runPs(services, options, readGlobalOptions(command));
    });
}
