import { changeContainers, up, withProjectLock, type UpOptions } from '../../scheduler/index.js';
import type { TuiExit } from '../../tui/index.js';
import type { WatchControl } from '../../watch/index.js';
import type { GlobalOptions } from '../global-options.js';
import { colourEnabled } from '../output/terminal.js';
import type { OpenedSession } from '../project-session.js';
import { loadTui } from './load-tui.js';
import { openServiceShell } from './tui-shell.js';

export interface UpUnderTui {
  services: readonly string[];
  upOptions: UpOptions;
  global: GlobalOptions;
  stopTimeout?: number;
  /** Compose watch for the UI's `w` key. */
  watch?: WatchControl;
  /** `up --watch`: the watch starts once the stack is up. */
  watchAtStart?: boolean;
}

/**
 * `berth up` with the terminal UI: the UI opens at once and shows the pulls and starts in place,
 * then the stack. `d` leaves it running; `q` or Ctrl-C stops it first, as attached Compose does on
 * Ctrl-C. A failed `up` stays on screen in the errors panel until the user leaves. SIGTERM quits
 * the same way and SIGHUP (the terminal closed) detaches; either way the terminal is restored.
 */
export async function upUnderTui(opened: OpenedSession, run: UpUnderTui): Promise<number> {
  const { openTui } = await loadTui();
  const { session } = opened;
  const startedAt = Date.now() / 1000;
  const tui = openTui({
    session,
    engine: opened.engine,
    mode: 'up',
    services: run.services,
    colour: colourEnabled(run.global.ansi, process.stdout),
    since: startedAt,
    disabledServices: run.upOptions.disabledServices,
    openShell: (service) => openServiceShell(session, service),
    watch: run.watch,
  });
  // The scheduler's words go to the UI now: anything written to the terminal would tear the screen.
  const progress = session.progress;
  const warn = session.warn;
  session.progress = tui.progress;
  session.warn = tui.warn;
  const signals = endOnSignals(tui.end);
  const starting = new AbortController();
  let converged: readonly string[] = [];
  const converging = withProjectLock(opened.engine, session.project.name, () => up(session, { ...run.upOptions, signal: starting.signal }), {
    onWait: (message) => tui.notice(message),
  }).then(
    (result) => {
      converged = result.services;
      tui.setPhase('running');
      if (run.watchAtStart && !starting.signal.aborted) void tui.startWatch();
    },
    (error: unknown) => {
      if (!starting.signal.aborted) tui.fail('up', error);
      tui.setPhase('running');
    },
  );
  let exit: TuiExit;
  try {
    exit = await tui.exited;
    if (exit.how === 'quit') {
      starting.abort();
      await converging;
      // Before the stack stops: a change seen meanwhile must not rebuild or restart a service.
      await tui.stopWatch().catch((error: unknown) => tui.fail('stopping watch', error));
      tui.setPhase('stopping');
      await changeContainers(session, { kind: 'stop' }, { services: converged.length > 0 ? converged : run.services, stopTimeout: run.stopTimeout }).catch((error: unknown) => tui.fail('stop', error));
    } else {
      if (exit.how === 'detach') tui.notice('detaching once start-up is done…');
      await converging;
    }
  } finally {
    signals.dispose();
    await tui.close();
    session.progress = progress;
    session.warn = warn;
  }
  if (exit.how === 'failed') throw exit.error;
  if (exit.how === 'detach') {
    process.stderr.write(`berth: detached; ${session.project.name} keeps running (berth tui shows it again, berth down removes it)\n`);
    return 0;
  }
  return exit.exitCode;
}

/** SIGTERM and SIGINT quit (and stop the stack); SIGHUP detaches; a second signal leaves at once. */
function endOnSignals(end: (exit: TuiExit) => void): { dispose(): void } {
  let received = 0;
  const on = (exit: TuiExit) => (): void => {
    received++;
    if (received === 1) end(exit);
    else process.exit(exit.how === 'quit' ? exit.exitCode : 129);
  };
  const handlers: Array<[NodeJS.Signals, () => void]> = [
    ['SIGTERM', on({ how: 'quit', exitCode: 143 })],
    ['SIGINT', on({ how: 'quit', exitCode: 130 })],
    ['SIGHUP', on({ how: 'detach' })],
  ];
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return { dispose: () => handlers.forEach(([signal, handler]) => process.off(signal, handler)) };
}
