import type { ProgressEvent, ProgressStatus } from '../../scheduler/contract/progress.js';
import { blue, boldRed, boldYellow, cyan, green, plain, truncate, visibleLength, yellow, type Paint } from './ansi.js';

/**
 * The live progress block of Docker Compose v2 on a terminal, as a pure function of the events
 * seen and the time, so frames can be asserted as text:
 *
 *   [+] Running 2/3
 *    ✔ Network demo_default  Created                                  0.1s
 *    ⠹ Container demo-db-1   Starting                                 0.4s
 *
 * One row per resource in order of first appearance; the elapsed time runs from the resource's
 * first event to the event that finished its step, and the timer sits at the terminal's right edge.
 */

/** Where a resource stands, in Compose's four states (its spinner, colour and count follow). */
export type ResourceState = 'working' | 'done' | 'warning' | 'error';

export interface ResourceProgress {
  /** `Container demo-db-1`: the kind and the engine's name, as Compose labels rows. */
  id: string;
  status: ProgressStatus;
  state: ResourceState;
  detail?: string;
  startedAt: number;
  /** When the current step finished; absent while working. */
  endedAt?: number;
}

/** Folds events into one entry per resource, keeping the order resources first appeared in. */
export class ProgressBoard {
  private readonly byId = new Map<string, ResourceProgress>();

  apply(event: ProgressEvent): void {
    const id = `${event.kind} ${event.name}`;
    const state = stateOf(event);
    const previous = this.byId.get(id);
    const startedAt = previous?.startedAt ?? event.time;
    let endedAt: number | undefined;
    if (state !== 'working') endedAt = previous?.state === state ? previous.endedAt : event.time;
    const entry: ResourceProgress = { id, status: event.status, state, startedAt };
    if (event.detail !== undefined) entry.detail = event.detail;
    if (endedAt !== undefined) entry.endedAt = endedAt;
    this.byId.set(id, entry);
  }

  resources(): ResourceProgress[] {
    return [...this.byId.values()];
  }
}

function stateOf(event: ProgressEvent): ResourceState {
  if (event.status === 'Error') return 'error';
  if (event.status === 'Warning') return 'warning';
  return event.done ? 'done' : 'working';
}

export interface FrameOptions {
  /** The word after `[+]`: `Running` for most commands, as in Compose. */
  title: string;
  /** Terminal columns; every row is laid out to this width. */
  width: number;
  /** Terminal rows; the block never grows taller than `height - 1`, so cursor moves can reach its top. */
  height?: number;
  colour: boolean;
  /** Milliseconds since the epoch: drives the spinner and the timers of running steps. */
  now: number;
  /** `--dry-run`: rows carry Compose's ` DRY-RUN MODE - ` marker. */
  dryRun?: boolean;
}

export const dryRunPrefix = ' DRY-RUN MODE - ';
const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const spinnerStepMs = 100;

/** The block for the events so far: the header, then one row per resource. */
export function renderProgressFrame(events: readonly ProgressEvent[], options: FrameOptions): string[] {
  const board = new ProgressBoard();
  for (const event of events) board.apply(event);
  return progressFrame(board.resources(), options);
}

export function progressFrame(resources: readonly ResourceProgress[], options: FrameOptions): string[] {
  if (resources.length === 0) return [];
  const paints = paletteFor(options.colour);
  const finished = resources.filter((resource) => resource.state !== 'working').length;
  const header = `[+] ${options.title} ${finished}/${resources.length}`;
  const shown = visibleRows(resources, options.height);
  const idWidth = Math.max(...resources.map((resource) => [...resource.id].length));
  const rows = shown.map((resource) => row(resource, idWidth, options, paints));
  const hidden = resources.length - shown.length;
  if (hidden > 0) rows.push(truncate(` ... ${hidden} more`, options.width));
  return [finished === resources.length ? paints.done(header) : header, ...rows];
}

/**
 * The rows that fit under the header when the terminal is too short for all of them: the ones a
 * person is waiting on (errors, then running steps) first, shown in their usual order.
 */
function visibleRows(resources: readonly ResourceProgress[], height: number | undefined): readonly ResourceProgress[] {
  if (height === undefined || resources.length <= height - 2) return resources;
  const room = Math.max(height - 3, 0); // header, the "more" line, the cursor's row
  const urgency: Record<ResourceState, number> = { error: 0, working: 1, warning: 2, done: 3 };
  const chosen = new Set(
    resources
      .map((resource, index) => ({ resource, index }))
      .sort((a, b) => urgency[a.resource.state] - urgency[b.resource.state] || a.index - b.index)
      .slice(0, room)
      .map(({ resource }) => resource),
  );
  return resources.filter((resource) => chosen.has(resource));
}

interface Palette {
  done: Paint;
  timer: Paint;
  prefix: Paint;
  glyph: Record<ResourceState, Paint>;
  status: Record<ResourceState, Paint>;
}

function paletteFor(colour: boolean): Palette {
  if (!colour) {
    const none = { working: plain, done: plain, warning: plain, error: plain };
    return { done: plain, timer: plain, prefix: plain, glyph: none, status: none };
  }
  return {
    done: cyan,
    timer: blue,
    prefix: cyan,
    glyph: { working: yellow, done: green, warning: boldYellow, error: boldRed },
    status: { working: plain, done: green, warning: boldYellow, error: boldRed },
  };
}

// ` ✔ Container demo-db-1  Started <spaces> 0.3s `: Compose pads ids to the longest and keeps the
// timer's trailing space, so the last column of the terminal stays empty.
function row(resource: ResourceProgress, idWidth: number, options: FrameOptions, paints: Palette): string {
  const elapsedMs = (resource.endedAt ?? options.now) - resource.startedAt;
  const timer = `${(Math.max(elapsedMs, 0) / 1000).toFixed(1)}s `;
  const prefix = options.dryRun ? paints.prefix(dryRunPrefix) : '';
  const text = resource.detail === undefined ? resource.status : `${resource.status} ${resource.detail}`;
  // Cut what does not fit, details first and then the ids, rather than let a row wrap; the sum
  // counts the glyph and its spaces, the gap after the id, one space before the timer.
  const fixed = 3 + visibleLength(prefix) + 2 + 1 + timer.length;
  const idColumn = Math.max(Math.min(idWidth, options.width - fixed - resource.status.length), 4);
  const id = truncate(resource.id, idColumn);
  const status = truncate(text, Math.max(options.width - fixed - idColumn, resource.status.length));
  const left =
    ` ${paints.glyph[resource.state](glyph(resource, options.now))}${prefix} ` +
    `${id}${' '.repeat(idColumn - [...id].length)}  ${paints.status[resource.state](status)}`;
  const gap = Math.max(options.width - visibleLength(left) - timer.length, 1);
  return `${left}${' '.repeat(gap)}${paints.timer(timer)}`;
}

function glyph(resource: ResourceProgress, now: number): string {
  switch (resource.state) {
    case 'done':
      return '✔';
    case 'warning':
      return '!';
    case 'error':
      return '✘';
    case 'working':
      return spinnerFrames[Math.floor(Math.max(now - resource.startedAt, 0) / spinnerStepMs) % spinnerFrames.length]!;
  }
}
