import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import { addGlobalOptions, readGlobalOptions, shareGlobalOptions } from './global-options.js';
import { registerConfig } from './commands/config.js';
import { registerContext } from './commands/context.js';
import { registerNotBuiltCommands } from './commands/not-built.js';
import { registerVersion } from './commands/version.js';
import { registerTui } from './commands/tui.js';
import { registerUp } from './commands/up.js';
import { registerDown } from './commands/down.js';
import { registerStart } from './commands/start.js';
import { registerStop } from './commands/stop.js';
import { registerRestart } from './commands/restart.js';
import { registerKill } from './commands/kill.js';
import { registerRm } from './commands/rm.js';
import { registerPause } from './commands/pause.js';
import { registerUnpause } from './commands/unpause.js';
import { registerWait } from './commands/wait.js';
import { registerCreate } from './commands/create.js';
import { registerScale } from './commands/scale.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerBuild } from './commands/build.js';
import { registerBuilder } from './commands/builder.js';
import { registerWatch } from './commands/watch.js';
import { registerPs } from './commands/ps.js';
import { registerLogs } from './commands/logs.js';
import { registerTop } from './commands/top.js';
import { registerPort } from './commands/port.js';
import { registerImages } from './commands/images.js';
import { registerEvents } from './commands/events.js';
import { registerLs } from './commands/ls.js';
import { registerExec } from './commands/exec.js';
import { registerRun } from './commands/run.js';
import { registerCp } from './commands/cp.js';
import { registerCommit } from './commands/commit.js';
import { registerLogin } from './commands/login.js';
import { registerLogout } from './commands/logout.js';
import { registerDaemon } from './commands/daemon.js';
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
  registerTui(program);
  registerDown(program);
  registerStart(program);
  registerStop(program);
  registerRestart(program);
  registerKill(program);
  registerRm(program);
  registerPause(program);
  registerUnpause(program);
  registerWait(program);
  registerCreate(program);
  registerScale(program);
  registerPull(program);
  registerPush(program);
  registerBuild(program);
  registerBuilder(program);
  registerWatch(program);
  registerPs(program);
  registerLogs(program);
  registerTop(program);
  registerPort(program);
  registerImages(program);
  registerEvents(program);
  registerLs(program);
  registerContext(program);
  registerVersion(program);
  registerExec(program);
  registerRun(program);
  registerCp(program);
  registerCommit(program);
  registerLogin(program);
  registerLogout(program);
  registerDaemon(program);
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
