/**
 * What the printers need to know about where they write, and when colour is on: the `--ansi`
 * rules of Docker Compose, plus the NO_COLOR convention (https://no-color.org), which Compose
 * lets win over `--ansi always`.
 */

/** A place to write text; `process.stdout` and `process.stderr` are ones. */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
  /** The terminal's width and height, when it is one. */
  columns?: number;
  rows?: number;
}

export type AnsiMode = 'never' | 'always' | 'auto';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Whether to print colours: never when NO_COLOR is set to anything, otherwise as `--ansi` says,
 * `auto` meaning "when the stream is a terminal".
 */
export function colourEnabled(ansi: AnsiMode, stream: Pick<OutputStream, 'isTTY'>, env: Environment = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (ansi === 'auto') return stream.isTTY === true;
  return ansi === 'always';
}

/** True when running under continuous integration, where a live-redrawn block only makes noise. */
export function runningInCi(env: Environment): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
