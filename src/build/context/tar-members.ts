import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { contextDamaged } from './context-errors.js';

/**
 * The members of a tar stream, plain or gzip-compressed (the `tar` package's Parser tells them
 * apart), one at a time: the next is handed out once the caller is done with the one before,
 * whatever of its body the caller left unread skipped, and the input held back meanwhile. A
 * damaged archive (a bad checksum, a stream cut short) throws BUILD_CONTEXT_UNREADABLE.
 *
 * When the caller stops early (a refused member), the rest of the input is read and dropped
 * rather than the input destroyed: an HTTP client still sending its request body then gets the
 * answer instead of a reset connection.
 */
export async function* tarMembers(input: Readable): AsyncGenerator<ReadEntry> {
  // Strict: a damaged header is an error, not a warning. Node 20 has no zstd; brotli is no tar's.
  const parser = new Parser({ strict: true, zstd: false, brotli: false });
  const ready: ReadEntry[] = [];
  let failure: unknown;
  let ended = false;
  // Every tar writer ends an archive with zero blocks; one that ends without them was cut short.
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
    failure ??= contextDamaged(error.message, error);
    notify();
  });
  parser.on('nullBlock', () => (marked = true));
  parser.on('eof', () => (marked = true));
  parser.on('end', () => {
    ended = true;
    if (!marked) failure ??= contextDamaged('the archive ends without its end-of-archive blocks: it was cut short', undefined);
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
