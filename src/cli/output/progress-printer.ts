import { BerthError } from '../../errors/index.js';
import type { BuildLine, ProgressEvent, ProgressSink } from '../../scheduler/contract/progress.js';
import { cursorUp, eraseBelow, eraseLine, hideCursor, showCursor } from './ansi.js';
import { dryRunPrefix, ProgressBoard, progressFrame } from './progress-frame.js';
import { colourEnabled, runningInCi, type AnsiMode, type Environment, type OutputStream } from './terminal.js';

/** `--progress` as given, and the four ways of printing it resolves to. */
export type ProgressOption = 'auto' | 'tty' | 'plain' | 'json' | 'quiet';
export type PrintMode = 'tty' | 'plain' | 'json' | 'quiet';

/**
 * Compose's choice of progress output: `auto` is the live block on a terminal (and, as ink does,
 * not under CI), plain lines otherwise or when `--ansi never`; a block without ANSI, or plain lines
 * with ANSI forced, are contradictions Compose refuses.
 */
export function choosePrintMode(
  progress: ProgressOption,
  stream: Pick<OutputStream, 'isTTY'>,
  options: { ansi?: AnsiMode; env?: Environment } = {},
): PrintMode {
  const ansi = options.ansi ?? 'auto';
  switch (progress) {
    case 'auto':
      return ansi !== 'never' && stream.isTTY === true && !runningInCi(options.env ?? process.env) ? 'tty' : 'plain';
    case 'tty':
      if (ansi === 'never') throw contradiction("can't use --progress tty while ANSI support is disabled", '--ansi auto');
      return 'tty';
    case 'plain':
      if (ansi === 'always') throw contradiction("can't use --progress plain while ANSI support is forced", '--ansi auto');
      return 'plain';
    default:
      return progress;
  }
}

function contradiction(message: string, remedy: string): BerthError {
  return new BerthError({ code: 'PROGRESS_ANSI_CONFLICT', kind: 'usage', message, hint: `drop --ansi or use ${remedy}` });
}

export interface ProgressPrinter {
  readonly mode: PrintMode;
  /** Hand this to the scheduler; it never throws. */
  readonly sink: ProgressSink;
  /** Ends the output: the tty block's final frame stays on screen. Call once, before printing anything else. */
  close(): void;
}

export interface ProgressPrinterOptions {
  /** Colours in the tty block; on by default unless NO_COLOR is set. */
  colour?: boolean;
  /** The word after `[+]` in the tty block. */
  title?: string;
  dryRun?: boolean;
  env?: Environment;
  /** The clock, for tests; `Date.now` by default. */
  now?: () => number;
  /** How often the tty block redraws while something runs, in milliseconds (Compose: 100). */
  intervalMs?: number;
}

export function createProgressPrinter(mode: PrintMode, stream: OutputStream, options: ProgressPrinterOptions = {}): ProgressPrinter {
  switch (mode) {
    case 'tty':
      return new TtyProgressPrinter(stream, options);
    case 'plain':
      return lineByLine(mode, stream, (event) => (event.buildLine ? buildText(event.buildLine) : `${options.dryRun ? dryRunPrefix : ''} ${resourceId(event)}  ${statusText(event)}\n`));
    case 'json':
      return lineByLine(mode, stream, (event) => `${JSON.stringify(jsonMessage(event, options.dryRun === true))}\n`);
    case 'quiet':
      return { mode, sink: () => {}, close: () => {} };
  }
}

const resourceId = (event: ProgressEvent): string => `${event.kind} ${event.name}`;
/** A line of a build's output, as the builder wrote it, after the service's name. */
const buildText = (line: BuildLine): string => `[${line.service}] ${line.text}\n`;
const statusText = (event: ProgressEvent): string => (event.detail === undefined ? event.status : `${event.status} ${event.detail}`);

// The fields of Compose v2's `--progress json` lines, in its order; `details` as Compose v5 names it.
function jsonMessage(event: ProgressEvent, dryRun: boolean): Record<string, unknown> {
  return {
    ...(dryRun ? { 'dry-run': true } : {}),
    id: resourceId(event),
    status: event.status,
    ...(event.detail === undefined ? {} : { details: event.detail }),
  };
}

function lineByLine(mode: PrintMode, stream: OutputStream, line: (event: ProgressEvent) => string): ProgressPrinter {
  let open = true;
  return {
    mode,
    sink: (event) => {
      if (open) stream.write(line(event));
    },
    close: () => {
      open = false;
    },
  };
}

/**
 * Redraws the block in place: cursor up over the previous frame, each row erased and rewritten,
 * leftovers below erased. Redraws happen on a timer (unref'd, so it never keeps the process
 * alive) rather than per event, which bounds the output however fast events come.
 */
class TtyProgressPrinter implements ProgressPrinter {
  readonly mode = 'tty' as const;
  private readonly board = new ProgressBoard();
  private readonly now: () => number;
  private readonly colour: boolean;
  private timer: NodeJS.Timeout | undefined;
  private drawnLines = 0;
  private closed = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly options: ProgressPrinterOptions,
  ) {
    this.now = options.now ?? Date.now;
    // The block is made of ANSI already, so only NO_COLOR takes its colours away, as in Compose.
    this.colour = options.colour ?? colourEnabled('always', stream, options.env);
  }

  readonly sink: ProgressSink = (event) => {
    if (this.closed) return;
    this.board.apply(event);
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.draw(), this.options.intervalMs ?? 100);
      this.timer.unref();
    }
  };

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    const lines = progressFrame(this.board.resources(), {
      title: this.options.title ?? 'Running',
      width: this.stream.columns ?? 80,
      height: this.stream.rows,
      colour: this.colour,
      now: this.now(),
      dryRun: this.options.dryRun,
    });
    if (lines.length === 0) return;
    const back = this.drawnLines > 0 ? `${cursorUp(this.drawnLines)}\r` : '';
    const rows = lines.map((line) => `${eraseLine}${line}\n`).join('');
    this.stream.write(`${hideCursor}${back}${rows}${eraseBelow}${showCursor}`);
    this.drawnLines = lines.length;
  }
}
