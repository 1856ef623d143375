import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { badArchive } from './archive-errors.js';

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
export async function* tarMembers(input: Readable): AsyncGenerator<ReadEntry> {
  const parser = new Parser({ strict: true });
  const ready: ReadEntry[] = [];
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  parser.on('entry', (entry: ReadEntry) => {
    ready.push(entry);
    notify();
  });
  parser.on('error', (error: Error) => {
    failure ??= badArchive(error.message, error);
    notify();
  });
  parser.on('end', () => {
    ended = true;
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
