import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../../errors/index.js';
import { exists, sizeOf, syncDirectory } from './files.js';
import { parseDigest } from './digest.js';
import type { StoreLayout } from './layout.js';
import type { ProgressListener } from './single-flight.js';

export interface ExpectedBlob {
  digest: string;
  /** When known (a descriptor's `size`), a longer stream is cut off as soon as it passes it. */
  size?: number;
}

/**
 * Where a blob's bytes come from, starting at `offset`: 0 for a fresh download, or the length of
 * the partial file an earlier attempt left, to be continued (an HTTP `Range: bytes=offset-`). A
 * source that cannot start there must skip the first `offset` bytes itself. A source that reads
 * from far away stops when `signal` aborts (a registry request takes it as is); the store checks
 * it only between chunks.
 */
export type BlobSource = (offset: number, signal: AbortSignal) => Promise<AsyncIterable<Uint8Array>>;

/** For a BlobSource whose stream always starts at byte 0 (a registry GET without `Range`): drops the first `offset` bytes. */
export async function* fromOffset(stream: AsyncIterable<Uint8Array>, offset: number): AsyncGenerator<Uint8Array> {
  let skipped = 0;
  for await (const chunk of stream) {
    if (skipped >= offset) {
      yield chunk;
      continue;
    }
    const take = Math.min(offset - skipped, chunk.byteLength);
    skipped += take;
    if (take < chunk.byteLength) yield chunk.subarray(take);
  }
}

/** What actually arrived: its length, and its digest unless it outgrew the expected size. */
interface Received {
  size: number;
  digest: string | undefined;
}

/**
 * Downloads a blob into `ingest/`, hashing as it writes, and renames it into `blobs/` only once
 * its size and digest match. When the source fails, the partial file stays for the next attempt
 * to continue from. When a continued download does not match, the partial file may have been
 * damaged (a power cut can leave zeros behind a file's recorded length), so it is thrown away and
 * the blob is fetched once more from the start before the mismatch is reported. When `signal`
 * aborts, no one wants the blob any more: the partial file goes too, and the signal's reason is
 * thrown.
 */
export async function ingestBlob(layout: StoreLayout, expected: ExpectedBlob, source: BlobSource, report: ProgressListener, signal: AbortSignal): Promise<string> {
  const target = layout.blob(expected.digest);
  if (await exists(target)) return target;
  const partial = layout.partialBlob(expected.digest);
  let received: Received;
  try {
    const resumeFrom = await usableLength(partial, expected.size);
    received = await receive(partial, expected, source, resumeFrom, report, signal);
    if (!matches(received, expected) && resumeFrom > 0) {
      await rm(partial, { force: true });
      received = await receive(partial, expected, source, 0, report, signal);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    await rm(partial, { force: true });
    throw signal.reason;
  }
  if (!matches(received, expected)) {
    await rm(partial, { force: true });
    throw mismatch(expected, received);
  }
  await rename(partial, target);
  await syncDirectory(dirname(target));
  return target;
}

async function receive(partial: string, expected: ExpectedBlob, source: BlobSource, offset: number, report: ProgressListener, signal: AbortSignal): Promise<Received> {
  const hash = createHash(parseDigest(expected.digest).algorithm);
  if (offset > 0) {
    await hashFile(partial, hash);
    report(offset);
  }
  const handle = await open(partial, 'a', 0o644);
  let size = offset;
  try {
    // A partial file already as long as the blob needs no more bytes: the last attempt was stopped
    // between its final write and the rename.
    if (expected.size === undefined || size < expected.size) {
      signal.throwIfAborted();
      for await (const chunk of await source(offset, signal)) {
        signal.throwIfAborted();
        if (expected.size !== undefined && size + chunk.byteLength > expected.size) {
          return { size: size + chunk.byteLength, digest: undefined };
        }
        await handle.write(chunk);
        hash.update(chunk);
        size += chunk.byteLength;
        report(size);
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { size, digest: `${parseDigest(expected.digest).algorithm}:${hash.digest('hex')}` };
}

function matches(received: Received, expected: ExpectedBlob): boolean {
  return received.digest === expected.digest && (expected.size === undefined || received.size === expected.size);
}

function mismatch(expected: ExpectedBlob, received: Received): BerthError {
  const wanted = expected.size === undefined ? expected.digest : `${expected.size} bytes with digest ${expected.digest}`;
  const got =
    received.digest === undefined
      ? `more than the ${expected.size} bytes expected`
      : `${received.size} bytes with digest ${received.digest}`;
  return new BerthError({
    code: 'BLOB_DIGEST_MISMATCH',
    kind: 'unavailable',
    message: `blob ${expected.digest} does not match its descriptor: expected ${wanted}, received ${got}`,
    hint: 'nothing was stored; pull again, and if it keeps failing the registry (or a proxy in front of it) is serving damaged content',
  });
}

/** The length of a partial file worth continuing: none when absent or longer than the blob can be. */
async function usableLength(partial: string, expectedSize: number | undefined): Promise<number> {
  const length = (await sizeOf(partial)) ?? 0;
  if (expectedSize !== undefined && length > expectedSize) {
    await rm(partial, { force: true });
    return 0;
  }
  return length;
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}
