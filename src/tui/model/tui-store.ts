import { LogBuffer, type LogEntry } from './log-buffer.js';
import { initialLogView } from './log-view.js';
import { printable } from './printable.js';
import type { ServiceSpec } from './service-view.js';
import type { TuiState } from './tui-state.js';

export interface TuiStoreOptions {
  project: string;
  engine: string;
  mode: TuiState['mode'];
  specs: ServiceSpec[];
  colour: boolean;
  /** Lines the logs panel keeps; older ones are dropped and counted. */
  logCapacity: number;
  columns?: number;
  rows?: number;
}

/** How often a stream of log lines may redraw the screen: 20 times a second is smooth and cheap. */
const logRedrawMs = 50;

/**
 * The UI's one source of truth, outside React so that the engine feed, the actions and the keys
 * all change it the same way and the components only read it. Changes from a key redraw at once;
 * log lines are batched, so a container writing thousands of lines a second costs a redraw every
 * 50 ms, not one per line.
 */
export class TuiStore {
  readonly state: TuiState;
  readonly logs: LogBuffer;
  private changes = 0;
  private readonly listeners = new Set<() => void>();
  private pendingRedraw: NodeJS.Timeout | undefined;

  constructor(options: TuiStoreOptions) {
    this.logs = new LogBuffer(options.logCapacity);
    this.state = {
      project: options.project,
      engine: options.engine,
      mode: options.mode,
      phase: options.mode === 'up' ? 'starting' : 'running',
      specs: options.specs,
      replicas: new Map(),
      serviceProgress: new Map(),
      progress: new Map(),
      errors: [],
      selected: 0,
      logs: initialLogView,
      columns: options.columns ?? 80,
      rows: options.rows ?? 24,
      colour: options.colour,
      now: Date.now(),
    };
  }

  /** For useSyncExternalStore: a number that changes whenever the state does. */
  readonly version = (): number => this.changes;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a change and redraws at once. */
  update(change: (state: TuiState) => void): void {
    change(this.state);
    this.changed();
  }

  /** Takes one line of a container's output (or a note about it) and redraws soon. */
  addLog(entry: Omit<LogEntry, 'seq' | 'text'> & { text: string }): void {
    this.logs.push({ ...entry, text: printable(entry.text) });
    this.pendingRedraw ??= setTimeout(() => {
      this.pendingRedraw = undefined;
      this.changed();
    }, logRedrawMs).unref();
  }

  /** Stops the pending redraw; the store can still be read. */
  close(): void {
    clearTimeout(this.pendingRedraw);
    this.pendingRedraw = undefined;
    this.listeners.clear();
  }

  private changed(): void {
    this.changes++;
    for (const listener of this.listeners) listener();
  }
}
