import type { LogViewState } from './log-view.js';
import type { Replica } from './replica.js';
import type { ServiceSpec } from './service-view.js';

/** A step of `up` or `down` on a network, volume or image, as the progress panel shows it. */
export interface ProgressLine {
  /** `Network demo_default`, `Image postgres:15`. */
  resource: string;
  status: string;
  detail?: string;
  done: boolean;
  failed: boolean;
}

/** An error the user must be able to read in full. */
export interface ErrorEntry {
  time: number;
  /** What failed: `restart web`, `up`, `Container demo-web-1`. */
  title: string;
  message: string;
}

/** While `/` is being typed. */
export interface FilterPrompt {
  text: string;
  /** Why the text is not a regular expression yet. */
  error?: string;
}

/**
 * Everything the UI draws. `up` means the UI started the stack and stops it on `q`; `attach` (the
 * `berth tui` command) only looks at a running one.
 */
export interface TuiState {
  project: string;
  engine: string;
  mode: 'up' | 'attach';
  phase: 'starting' | 'running' | 'stopping' | 'stopped';
  specs: ServiceSpec[];
  replicas: Map<string, Replica[]>;
  /** The current step per service (`Pulling ...`, `Creating`, `Waiting`); removed once done. */
  serviceProgress: Map<string, string>;
  /** Non-container steps by resource, in arrival order. */
  progress: Map<string, ProgressLine>;
  errors: ErrorEntry[];
  /** Index into `specs`. */
  selected: number;
  logs: LogViewState;
  prompt?: FilterPrompt;
  overlay?: 'help' | 'errors';
  /** Compose watch (`w`): being started, on, or being stopped; undefined while off. */
  watch?: 'starting' | 'on' | 'stopping';
  /** One line for the status bar: what an action did, or the URL to copy. */
  notice?: string;
  columns: number;
  rows: number;
  colour: boolean;
  /** The clock the uptimes are drawn against; ticks once a second. */
  now: number;
}
