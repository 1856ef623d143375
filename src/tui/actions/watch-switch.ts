import { errorText } from '../../errors/index.js';
import type { ProjectWatch, WatchControl } from '../../watch/index.js';
import { showWatchEvent } from '../feed/watch-feed.js';
import type { TuiState } from '../model/tui-state.js';
import type { TuiStore } from '../model/tui-store.js';

/** Compose watch as the UI switches it: the `w` key, `up --watch`, and the stop when the stack stops or the UI closes. */
export interface WatchSwitch {
  /** Starts the watch when it is off, stops it when it is on; does nothing while it is starting or stopping. */
  toggle(): Promise<void>;
  /** Starts the watch unless it is on or switching (`up --watch`, once the stack is up). */
  start(): Promise<void>;
  /**
   * Stops the watch for good, once a start or stop under way is over. A failure to stop rejects
   * instead of going to the errors panel: the UI is going away.
   */
  close(): Promise<void>;
}

/**
 * Switches watch through `control` (none where the command cannot watch: `w` says so). Its events
 * go to the logs panel and the status bar as they come; a start that fails goes to the errors
 * panel, as a failed action on a service does.
 */
export function watchSwitch(store: TuiStore, control: WatchControl | undefined): WatchSwitch {
  let running: ProjectWatch | undefined;
  let switching: Promise<void> | undefined;
  let closed = false;
  const show = (watch: TuiState['watch'], notice: string): void =>
    store.update((state) => {
      state.watch = watch;
      state.notice = notice;
    });
  const failed = (what: string, error: unknown): void => {
    const message = errorText(error);
    store.update((state) => {
      state.notice = `${what} failed: E shows why`;
      state.errors.push({ time: Date.now(), title: what, message });
    });
  };
  const start = async (from: WatchControl): Promise<void> => {
    show('starting', 'starting watch…');
    try {
      running = await from.start((event) => showWatchEvent(store, event));
      show('on', 'watch on');
    } catch (error) {
      store.update((state) => (state.watch = undefined));
      failed('watch', error);
    }
  };
  const stop = async (watch: ProjectWatch): Promise<void> => {
    running = undefined;
    show('stopping', 'stopping watch…');
    try {
      await watch.stop();
    } finally {
      show(undefined, 'watch off');
    }
  };
  const toggle = (): Promise<void> => {
    if (!control) {
      store.update((state) => (state.notice = 'watch is not available here'));
      return Promise.resolve();
    }
    if (closed || switching) return Promise.resolve();
    const watch = running;
    switching = (watch ? stop(watch).catch((error: unknown) => failed('stopping watch', error)) : start(control)).finally(() => (switching = undefined));
    return switching;
  };
  return {
    toggle,
    start: () => (running || switching ? Promise.resolve() : toggle()),
    close: async () => {
      closed = true;
      await switching;
      if (running) await stop(running);
    },
  };
}
