/**
 * What the scheduler reports while it works: one event per step of one resource, in the words
 * Docker Compose prints (` Container demo-db-1  Started`). The CLI renders them as a progress
 * block on a terminal, plain lines or JSON; the TUI renders the same stream.
 */
export type ResourceKind = 'Network' | 'Volume' | 'Container' | 'Image' | 'Service';

export type ProgressStatus =
  | 'Creating' | 'Created'
  | 'Recreate' | 'Recreated'
  | 'Starting' | 'Started'
  | 'Running'
  | 'Waiting' | 'Healthy' | 'Exited'
  | 'Stopping' | 'Stopped'
  | 'Removing' | 'Removed'
  | 'Restarting' | 'Restarted'
  | 'Killing' | 'Killed'
  | 'Pausing' | 'Paused'
  | 'Unpausing' | 'Unpaused'
  | 'Pulling' | 'Pulled'
  | 'Pushing' | 'Pushed'
  | 'Building' | 'Built'
  | 'Skipped' | 'Warning' | 'Error';

export interface ProgressEvent {
  kind: ResourceKind;
  /** The engine's name for the resource: `demo-db-1`, `demo_default`, `postgres:15`. */
  name: string;
  status: ProgressStatus;
  /** True when this step of the resource is finished (Created, Started, Healthy, Error...). */
  done: boolean;
  /** Extra words after the status: a pull's bytes, an error's message. */
  detail?: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** Set on a build's events that carry one line of the builder's own output. */
  buildLine?: BuildLine;
}

/**
 * One line of a build's output as the engine streamed it (Docker's classic builder text, without
 * its newline), and what it is: the start of a step (`Step 2/5 : RUN make`), a step the cache
 * had (` ---> Using cache`), a line the step's command printed, or the builder's own bookkeeping
 * (` ---> Running in 0123456789ab`, `Successfully built ...`). Plain output prints the text as it
 * is after the service's name; the terminal block and the TUI show the `detail` of the event.
 */
export interface BuildLine {
  service: string;
  text: string;
  role: 'step' | 'cached' | 'output' | 'builder';
}

/** Where events go; a no-op sink is fine. Never throws. */
export type ProgressSink = (event: ProgressEvent) => void;

export function progressEvent(kind: ResourceKind, name: string, status: ProgressStatus, detail?: string): ProgressEvent {
  // `Running` reports a container found already running: a finished step, despite its -ing.
  const done = status === 'Running' || (!/ing$/.test(status) && status !== 'Recreate' && status !== 'Waiting');
  return detail === undefined ? { kind, name, status, done, time: Date.now() } : { kind, name, status, done, detail, time: Date.now() };
}
