import type { StdStream, StreamChunk } from './multiplexed-stream.js';

/** One line of a container's output, as `logs` prints it and the TUI shows it. */
export interface OutputLine {
  stream: StdStream;
  /** The line without its `\n` (nor the `\r` a TTY puts before it), decoded as UTF-8. */
  text: string;
  /** True when the line has no newline: the stream ended first, or it reached `maxLineBytes`. */
  partial: boolean;
}

export interface SplitLinesOptions {
  /**
   * A line longer than this is yielded in pieces of this many bytes, each marked partial, so a
   * process that never writes a newline cannot grow memory without bound. Default 64 KiB.
   */
  maxLineBytes?: number;
}

const defaultMaxLineBytes = 64 * 1024;

/**
 * Turns demultiplexed chunks (or `rawOutput`'s) into lines. Each stream keeps its own unfinished
 * line, so stdout and stderr interleaved mid-line do not mix; lines are split on bytes, and decoded
 * only once complete, so a multi-byte character cut across chunks survives. When the source ends,
 * what is left of each stream comes out as a partial line (stdout's first).
 */
export async function* splitLines(chunks: AsyncIterable<StreamChunk>, options: SplitLinesOptions = {}): AsyncGenerator<OutputLine> {
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  const unfinished = new Map<StdStream, Buffer>();

  for await (const { stream, data } of chunks) {
    let rest = unfinished.has(stream) ? Buffer.concat([unfinished.get(stream)!, data]) : data;
    for (let newline = rest.indexOf(0x0a); newline !== -1; newline = rest.indexOf(0x0a)) {
      yield* capped(stream, rest.subarray(0, newline), false, maxLineBytes);
      rest = rest.subarray(newline + 1);
    }
    while (rest.length > maxLineBytes) {
      yield { stream, text: decode(rest.subarray(0, maxLineBytes), false), partial: true };
      rest = rest.subarray(maxLineBytes);
    }
    if (rest.length > 0) unfinished.set(stream, rest);
    else unfinished.delete(stream);
  }
  for (const stream of ['stdout', 'stderr', 'stdin'] as const) {
    const rest = unfinished.get(stream);
    if (rest !== undefined) yield* capped(stream, rest, true, maxLineBytes);
  }
}

/** A line that arrived whole in one chunk may still exceed the cap; its last piece carries the line's own state. */
function* capped(stream: StdStream, line: Buffer, partial: boolean, maxLineBytes: number): Generator<OutputLine> {
  let rest = line;
  while (rest.length > maxLineBytes) {
    yield { stream, text: decode(rest.subarray(0, maxLineBytes), false), partial: true };
    rest = rest.subarray(maxLineBytes);
  }
  yield { stream, text: decode(rest, !partial), partial };
}

function decode(bytes: Buffer, endsLine: boolean): string {
  const text = bytes.toString('utf8');
  return endsLine && text.endsWith('\r') ? text.slice(0, -1) : text;
}
