import { BerthError } from '../../errors/berth-error.js';
import type { HijackedStream } from './hijack.js';
import { outputChunks, type ByteSource, type StreamChunk } from './multiplexed-stream.js';

/**
 * A process's stdio over a hijacked connection, as exec and attach give it: its output as
 * chunks tagged stdout or stderr (all stdout with a TTY, which merges them), and its stdin.
 * The exit code is not here: read it from exec inspect or container wait once `output` ends.
 */
export interface StdioSession {
  readonly tty: boolean;
  /** Read once; it ends when the process (or its stdio) closes, or after close(). */
  readonly output: AsyncIterable<StreamChunk>;
  write(data: Buffer | string): Promise<void>;
  /** Closes the process's stdin (half-close): a command reading to end-of-file finishes. */
  end(): Promise<void>;
  close(): void;
}

/**
 * Wraps a hijacked stream. With `input`, its bytes are sent as stdin and the stdin side is
 * half-closed when it ends. Failures to send are not reported there: a process may exit without
 * reading all its input (as with `docker exec -i`), and its output and exit code say what happened.
 */
export function stdioSession(stream: HijackedStream, tty: boolean, description: string, input?: ByteSource): StdioSession {
  if (input !== undefined) void pump(stream, input);
  return {
    tty,
    output: readOutput(stream, tty, description),
    write: (data) => stream.write(data),
    end: () => stream.end(),
    close: () => stream.close(),
  };
}

async function* readOutput(stream: HijackedStream, tty: boolean, description: string): AsyncGenerator<StreamChunk> {
  try {
    yield* outputChunks(stream.output, tty);
  } catch (error) {
    if (stream.closed) return; // our own close() cut the connection; that is the end, not a fault
    if (error instanceof BerthError) throw error;
    throw new BerthError({
      code: 'ENGINE_STREAM_BROKEN',
      kind: 'unavailable',
      message: `the output of ${description} broke off: ${error instanceof Error ? error.message : String(error)}`,
      hint: "the engine may have stopped; read the engine's log",
      cause: error,
    });
  }
}

async function pump(stream: HijackedStream, input: ByteSource): Promise<void> {
  try {
    for await (const chunk of input) {
      if (stream.closed) return;
      await stream.write(chunk as Buffer | string);
    }
    if (!stream.closed) await stream.end();
  } catch {
    // See stdioSession: the output and the exit code carry the outcome.
  }
}
