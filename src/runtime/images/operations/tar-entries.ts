import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import type { BerthError } from '../../../errors/index.js';
import { archiveInvalid } from './archive-errors.js';

/**
 * The members of a tar stream, one at a time, through the `tar` package's Parser, which reads a
 * gzip-compressed archive too (docker load takes both). The next member is only handed out once
 * the caller is done with the one before (whatever it did not read is skipped), and the Parser
 * holds the input back meanwhile, so memory stays at a chunk or two whatever the archive's size.
 * A damaged archive (bad checksum, cut short) throws IMAGE_ARCHIVE_INVALID; leaving the loop
 * early stops reading the input.
 */
export async function* tarEntries(input: Readable | AsyncIterable<Uint8Array>): AsyncGenerator<ReadEntry> {
  // Strict: every warning (a damaged header, a truncated archive) is an error. Node 20 has no
  // zstd or brotli in zlib, so only gzip is taken as a compressed archive.
  const parser = new Parser({ strict: true, zstd: false, brotli: false });
  const queue: ReadEntry[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  parser.on('entry', (entry: ReadEntry) => {
    queue.push(entry);
    notify();
  });
  parser.on('error', (error: unknown) => {
    failure ??= damaged(error instanceof Error ? error.message : String(error));
    notify();
  });
  // node-tar takes an archive cut inside a header for a finished one; an archive that ends with no
  // end-of-archive marker (zero blocks, which every tar writer puts there) was cut short.
  let marked = false;
  parser.on('nullBlock', () => (marked = true));
  parser.on('eof', () => (marked = true));
  parser.on('end', () => {
    ended = true;
    if (!marked) failure ??= damaged('it ends without the end-of-archive marker: it was cut short');
    notify();
  });
  let stop = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  void feed(input, parser, stopped).catch((error: unknown) => {
    failure ??= error;
    notify();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      const entry = queue.shift();
      if (entry) {
        try {
          yield entry;
        } finally {
          entry.resume();
        }
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stop();
    if ('destroy' in input && typeof input.destroy === 'function') input.destroy();
  }
}

function damaged(problem: string): BerthError {
  return archiveInvalid(`the tar stream is damaged: ${problem}`, 'write the archive again (docker save, berth save); it may have been cut short in transfer');
}

/** Writes the input into the parser, waiting whenever it asks to; gives up once it stopped. */
async function feed(input: Readable | AsyncIterable<Uint8Array>, parser: Parser, stopped: Promise<void>): Promise<void> {
  for await (const chunk of input) {
    if (parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) continue;
    const drained = new Promise<boolean>((resolve) => parser.once('drain', () => resolve(true)));
    if (!(await Promise.race([drained, stopped.then(() => false)]))) return;
  }
  parser.end();
}
