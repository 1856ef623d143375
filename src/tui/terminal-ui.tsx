import { render, type Instance } from 'ink';
import type { TuiActions } from './keys/handle-key.js';
import type { TuiStore } from './model/tui-store.js';
import { Screen, type ScreenStreams } from './terminal/screen.js';
import { App } from './view/App.js';

/** What the UI can do to the project's services; the UI itself adds detach and quit, and steps aside for the shell. */
export type ServiceActions = Omit<TuiActions, 'detach' | 'quit' | 'watch'>;

/**
 * How the UI ended: `detach` leaves the stack running, `quit` asks for it to stop (after `up`),
 * `failed` is the UI itself breaking (a render error), which leaves the stack alone.
 */
export type TuiExit = { how: 'detach' } | { how: 'quit'; exitCode: number } | { how: 'failed'; error: unknown };

/**
 * The UI on a real terminal: mounts the App on the alternate screen, follows the terminal's size,
 * ticks the clock for uptimes, and can step aside for a shell and come back. The frame is two rows
 * shorter and one column narrower than the terminal: ink writes a newline after its frame, and a
 * frame that reaches the last row or column makes the terminal scroll, after which each redraw
 * lands a row lower.
 */
export class TerminalUi {
  readonly exited: Promise<TuiExit>;
  private instance: Instance | undefined;
  private readonly screen: Screen;
  private readonly actions: TuiActions;
  private resolveExit!: (exit: TuiExit) => void;
  private readonly clock: NodeJS.Timeout;
  private suspended = false;
  private readonly onResize = (): void => this.fitToTerminal();

  constructor(private readonly store: TuiStore, serviceActions: ServiceActions & Pick<TuiActions, 'watch'>, private readonly streams: ScreenStreams) {
    this.screen = new Screen(streams);
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.actions = {
      ...serviceActions,
      shell: (service) => this.suspend(() => serviceActions.shell(service)),
      detach: () => this.end({ how: 'detach' }),
      quit: (exitCode = 0) => this.end({ how: 'quit', exitCode }),
    };
    this.clock = setInterval(() => store.update((state) => (state.now = Date.now())), 1000).unref();
    streams.stdout.on('resize', this.onResize);
    this.fitToTerminal();
    this.screen.enter();
    this.mount();
  }

  /** Ends the UI as a key would; the first ending wins (a key, a signal's quit or detach, a render failure). */
  end(exit: TuiExit): void {
    this.resolveExit(exit);
  }

  /** Leaves the UI for `work` (a shell), with the terminal as the user's, then comes back. */
  async suspend(work: () => Promise<void>): Promise<void> {
    if (this.suspended) return;
    this.suspended = true;
    this.unmount();
    this.screen.leave();
    try {
      await work();
    } finally {
      this.suspended = false;
      this.screen.enter();
      this.fitToTerminal();
      this.mount();
    }
  }

  /** Unmounts and hands the terminal back. Safe to call more than once. */
  close(): void {
    clearInterval(this.clock);
    this.streams.stdout.off('resize', this.onResize);
    this.unmount();
    this.screen.leave();
    this.store.close();
  }

  private mount(): void {
    this.instance = render(<App store={this.store} actions={this.actions} />, {
      stdout: this.streams.stdout,
      stdin: this.streams.stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 20,
    });
    // ink unmounts itself when a component throws; the terminal is then handed back by close().
    this.instance.waitUntilExit().catch((error: unknown) => this.end({ how: 'failed', error }));
  }

  private unmount(): void {
    this.instance?.unmount();
    this.instance?.cleanup();
    this.instance = undefined;
  }

  private fitToTerminal(): void {
    const { columns = 80, rows = 24 } = this.streams.stdout;
    this.store.update((state) => {
      state.columns = columns - 1;
      state.rows = rows - 2;
    });
  }
}
