import type { ComposeSession, ProgressEvent } from '../scheduler/index.js';
import type { WatchControl } from '../watch/index.js';
import { serviceActions, type ActionContext } from './actions/service-actions.js';
import { watchSwitch } from './actions/watch-switch.js';
import { feedFromEngine } from './feed/project-feed.js';
import { errorText } from '../errors/index.js';
import { ingestProgress } from './model/progress-ingest.js';
import { serviceSpecs } from './model/service-specs.js';
import type { TuiState } from './model/tui-state.js';
import { TuiStore } from './model/tui-store.js';
import { TerminalUi, type TuiExit } from './terminal-ui.js';
import type { ScreenStreams } from './terminal/screen.js';

export interface OpenTuiOptions extends Omit<ActionContext, 'session'> {
  session: ComposeSession;
  /** `up` starts the stack under the UI; `attach` (`berth tui`) looks at a running one. */
  mode: TuiState['mode'];
  /** Services named on the command line; all when empty. */
  services: readonly string[];
  colour: boolean;
  /** Unix seconds from which logs and events count. */
  since?: number;
  /** Each container's last lines to show first. */
  tail?: number;
  /** Lines the logs panel keeps (default 10,000). */
  logCapacity?: number;
  streams?: ScreenStreams;
  /** Compose watch for the `w` key; without it `w` says watch is not available. */
  watch?: WatchControl;
}

/** The UI, open on the terminal and fed from the engine. */
export interface OpenedTui {
  /** Where the scheduler's progress events go while the UI is open. */
  progress(event: ProgressEvent): void;
  /** A warning (orphans, ignored attributes) for the status bar and the errors list. */
  warn(message: string): void;
  /** An operation that failed, shown in full in the errors panel. */
  fail(title: string, error: unknown): void;
  setPhase(phase: TuiState['phase']): void;
  /** Says something in the status bar. */
  notice(text: string): void;
  /** Resolves when the user detaches or quits. */
  exited: Promise<TuiExit>;
  /** Ends as the user would: SIGTERM quits, SIGHUP (the terminal went away) detaches. */
  end(exit: TuiExit): void;
  /** Starts the watch, as `w` does when it is off (`up --watch`, once the stack is up). */
  startWatch(): Promise<void>;
  /** Stops the watch for good (before the stack stops, so no change restarts a service meanwhile). */
  stopWatch(): Promise<void>;
  /** Stops a running watch, then following the engine, and hands the terminal back. */
  close(): Promise<void>;
}

const defaultLogCapacity = 10_000;

export function openTui(options: OpenTuiOptions): OpenedTui {
  const { session } = options;
  const streams = options.streams ?? { stdin: process.stdin, stdout: process.stdout };
  const store = new TuiStore({
    project: session.project.name,
    engine: options.engine,
    mode: options.mode,
    specs: serviceSpecs(session.project, options.services),
    colour: options.colour,
    logCapacity: options.logCapacity ?? defaultLogCapacity,
  });
  const watch = watchSwitch(store, options.watch);
  const ui = new TerminalUi(store, { ...serviceActions(store, { ...options, session }), watch: watch.toggle }, streams);
  const following = new AbortController();
  const feed = feedFromEngine(session.client, store, {
    signal: following.signal,
    ...(options.since !== undefined && { since: options.since }),
    ...(options.tail !== undefined && { tail: options.tail }),
  });
  return {
    progress: (event) => store.update((state) => ingestProgress(state, event)),
    warn: (message) => store.update((state) => {
      state.notice = `WARN ${message}`;
      state.errors.push({ time: Date.now(), title: 'warning', message });
    }),
    fail: (title, error) => store.update((state) => state.errors.push({ time: Date.now(), title, message: errorText(error) })),
    setPhase: (phase) => store.update((state) => (state.phase = phase)),
    notice: (text) => store.update((state) => (state.notice = text)),
    exited: ui.exited,
    end: (exit) => ui.end(exit),
    startWatch: () => watch.start(),
    stopWatch: () => watch.close(),
    close: async () => {
      try {
        // While the UI still shows it: an action under way (a rebuild) finishes before the watch stops.
        await watch.close();
      } finally {
        following.abort();
        ui.close();
        await feed;
      }
    },
  };
}
