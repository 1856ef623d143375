import { plain, sgr, type Paint } from './ansi.js';
import type { OutputStream } from './terminal.js';

/** One line a container wrote, as `logs` and attached `up` receive it. */
export interface LogLine {
  /** `web-1` (the service-replica name Compose shows) or a full container name. */
  container: string;
  stream: 'stdout' | 'stderr';
  /** The text without its newline; embedded newlines print as several lines. */
  line: string;
  /** The engine's RFC 3339 time of the line, shown with `--timestamps`; the time of printing when absent. */
  timestamp?: string;
}

export interface LogPrinterOptions {
  /** A colour per container (`--no-color` and `--ansi` decide; see colourEnabled). */
  colour: boolean;
  /** The `web-1  | ` prefix; false for `--no-log-prefix`. */
  prefix: boolean;
  /** `--timestamps`: the line's time between the prefix and the text. */
  timestamps: boolean;
  /** The clock for lines without their own timestamp. */
  now?: () => Date;
}

// Compose's rotation: cyan, yellow, green, magenta, blue, then the same in bold.
const rotation = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'].map(sgr);

/**
 * Prints container output the way `docker compose logs` and attached `docker compose up` do:
 * `web-1  | text`, the name padded to the longest one known so columns line up, one colour per
 * container in order of first appearance, and Compose's status lines between the logs.
 */
export class LogPrinter {
  private readonly paints = new Map<string, Paint>();
  private width = 0;

  /** `names` are the containers expected, in the order colours go to them (Compose sorts them). */
  constructor(
    private readonly out: { stdout: OutputStream; stderr: OutputStream },
    names: readonly string[],
    private readonly options: LogPrinterOptions,
  ) {
    for (const name of names) this.register(name);
  }

  /** Makes room for a container that appears after the start (a scaled replica, a restart). */
  register(name: string): void {
    if (this.paints.has(name)) return;
    this.paints.set(name, this.options.colour ? rotation[this.paints.size % rotation.length]! : plain);
    this.width = Math.max(this.width, name.length);
  }

  log(entry: LogLine): void {
    this.register(entry.container);
    const prefix = this.options.prefix ? this.paint(entry.container)(`${entry.container.padEnd(this.width + 1)} | `) : '';
    const time = this.options.timestamps ? `${entry.timestamp ?? rfc3339NanoFixed(this.options.now?.() ?? new Date())} ` : '';
    const text = entry.line.split('\n').map((line) => `${prefix}${time}${line}\n`).join('');
    this.out[entry.stream].write(text);
  }

  /** `web-1 exited with code 0`, in the container's colour. */
  exited(container: string, code: number): void {
    this.status(container, `exited with code ${code}`);
  }

  /** `Attaching to db-1, web-1`, before the first log line of an attached `up`. */
  attaching(names: readonly string[]): void {
    this.out.stdout.write(`Attaching to ${names.join(', ')}\n`);
  }

  /** After the first Ctrl+C of an attached `up`. */
  gracefullyStopping(): void {
    this.out.stdout.write('Gracefully stopping... (press Ctrl+C again to force)\n');
  }

  /** When `--abort-on-container-exit` (or `--exit-code-from`) stops the project. */
  aborting(): void {
    this.out.stdout.write('Aborting on container exit...\n');
  }

  private status(container: string, message: string): void {
    this.register(container);
    this.out.stdout.write(`${this.paint(container)(`${container} ${message}`)}\n`);
  }

  private paint(container: string): Paint {
    return this.paints.get(container) ?? plain;
  }
}

/**
 * Go's RFC3339NanoFixed layout (`2006-01-02T15:04:05.000000000Z07:00`) in local time, which
 * Compose uses for `up --timestamps`; always nine fraction digits, so lines stay aligned.
 */
export function rfc3339NanoFixed(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const two = (value: number): string => String(value).padStart(2, '0');
  const day = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  const fraction = `${String(local.getUTCMilliseconds()).padStart(3, '0')}000000`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const zone = offsetMinutes === 0 ? 'Z' : `${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`;
  return `${day}T${time}.${fraction}${zone}`;
}
