import { usageError } from '../../errors/index.js';
import type { GlobalOptions } from '../global-options.js';
import { colourEnabled } from '../output/terminal.js';
import { openProjectSession } from '../project-session.js';
import { loadTui } from './load-tui.js';
import { openServiceShell } from './tui-shell.js';
import { watchControl } from './watch-control.js';
import type { TuiCommandOptions } from './tui.js';

/**
 * `berth tui`: the UI on a project that is already up. Leaving (`q`, `d`, Ctrl-C) leaves the stack
 * as it is; the actions (restart, stop, start, recreate, shell, watch) work as under `berth up`.
 */
export async function runTui(services: string[], options: TuiCommandOptions, global: GlobalOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw usageError('berth tui needs a terminal: its input and output are not one', 'run it in a terminal, or follow the logs with: berth logs -f');
  }
  const opened = await openProjectSession(global, services, () => undefined);
  try {
    const { openTui } = await loadTui();
    const { session, loaded } = opened;
    const tui = openTui({
      session,
      engine: opened.engine,
      mode: 'attach',
      services,
      colour: colourEnabled(global.ansi, process.stdout),
      tail: options.tail,
      disabledServices: loaded.disabledServices,
      openShell: (service) => openServiceShell(session, service),
      watch: watchControl(opened, services, { prune: true }),
    });
    session.progress = tui.progress;
    session.warn = tui.warn;
    const leave = (): void => tui.end({ how: 'detach' });
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, leave);
    let exit;
    try {
      exit = await tui.exited;
    } finally {
      for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.off(signal, leave);
      await tui.close();
    }
    if (exit.how === 'failed') throw exit.error;
    return 0;
  } finally {
    opened.close();
  }
}
