import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';

export interface TarMembersOptions {
  /** The error for a damaged archive (a bad checksum, a stream cut short), in the caller's words. */
  damaged(detail: string, cause: unknown): Error;
  /**
   * Refuse an archive that ends without its end-of-archive blocks. Every tar writer ends with
   * them, and node-tar takes an archive cut inside a header for a finished one.
   */
  requireEndMarker?: boolean;
}

/**
 * The members of a tar stream (plain or gzip-compressed), one at a time and in order: the tar
 * library parses the next member only once this one's body has been read, and the input is
 * paused while a body waits, so memory stays at about one chunk whatever the archive holds. The
 * caller reads a member's body (or leaves it, to be skipped) before asking for the next.
 *
 * When the caller stops early (an error, a refused member) the rest of the input is read and
 * dropped rather than the input destroyed: an HTTP client still sending its request body then
 * gets the answer instead of a reset connection.
 */
export async function* tarMembers(input: Readable, options: TarMembersOptions): AsyncGenerator<ReadEntry> {
  // Strict: a damaged header is an error, not a warning. Node 20 has no zstd; brotli is no tar's.
  const parser = new Parser({ strict: true, zstd: false, brotli: false });
  const ready: ReadEntry[] = [];
  let failure: unknown;
  let ended = false;
  let marked = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  parser.on('entry', (entry: ReadEntry) => {
    ready.push(entry);
    notify();
  });
  parser.on('error', (error: Error) => {
    failure ??= options.damaged(error.message, error);
    notify();
  });
  parser.on('nullBlock', () => (marked = true));
  parser.on('eof', () => (marked = true));
  parser.on('end', () => {
    ended = true;
    if (options.requireEndMarker && !marked) failure ??= options.damaged('the archive ends without its end-of-archive blocks: it was cut short', undefined);
    notify();
  });
  const onData = (chunk: Buffer): void => {
    if (parser.write(chunk)) return;
    input.pause();
    parser.once('drain', () => input.resume());
  };
  const onEnd = (): void => void parser.end();
  const onError = (error: Error): void => {
    failure ??= error;
    notify();
  };
  input.on('data', onData).once('end', onEnd).once('error', onError);
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      const entry = ready.shift();
      if (entry) {
        yield entry;
        // Whatever of the body the caller left unread is skipped, so the parser goes on.
        entry.resume();
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    input.off('data', onData).off('end', onEnd).off('error', onError);
    if (!input.readableEnded) input.on('error', () => undefined).resume();
  }
}
