import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { digestHash, requireDigest } from '../digest.js';
import { isTransientNetworkError } from './retry-policy.js';
import { header } from './transport.js';
import type { BlobOptions } from './types.js';

/** Opens the blob from byte `offset` (a 200 or 206 answer; anything else is the opener's error to throw). */
export type BlobOpener = (offset: number) => Promise<IncomingMessage>;

export interface VerifiedBlobOptions extends BlobOptions {
  /** `blob sha256:… of library/busybox`, for messages. */
  readonly subject: string;
  /** How many times a connection reset in the middle of the body is resumed with a Range request. */
  readonly maxResumes: number;
}

/**
 * Opens a blob and returns its bytes as a stream that checks them on the way through: more bytes
 * than `size` fail at once; at the end, a short count fails with BLOB_SIZE_MISMATCH and a wrong
 * hash with BLOB_DIGEST_MISMATCH, so a consumer that writes to a temporary file renames it only
 * after a clean end. A reset in the middle of the body is resumed from the byte reached (`Range`);
 * a server that ignores `Range` and sends everything again has the known prefix skipped.
 *
 * The first request is made before this resolves, so a missing blob or a refused token rejects
 * here rather than in the stream. `options.signal` destroys the request; the stream then errors
 * with the signal's reason, even when it was waiting on a silent connection.
 */
export async function openVerifiedBlob(open: BlobOpener, digest: string, options: VerifiedBlobOptions): Promise<Readable> {
  const expected = requireDigest(digest, options.subject);
  const hash = options.resume?.prefixHash ?? digestHash(expected);
  let received = options.resume?.offset ?? 0;
  const first = await open(received);

  async function* verified(): AsyncGenerator<Buffer> {
    let response = first;
    let skip = bytesToSkip(response, received, options.subject);
    let resumes = 0;
    try {
      for (;;) {
        try {
          for await (const chunk of response as AsyncIterable<Buffer>) {
            const data = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
            skip -= chunk.length - data.length;
            if (data.length === 0) continue;
            received += data.length;
            if (options.size !== undefined && received > options.size) throw sizeMismatch(options.subject, options.size, `more than ${options.size}`);
            hash.update(data);
            yield data;
          }
          break;
        } catch (error) {
          // An abort resets the connection too, which must not read as a reason to resume.
          if (options.signal?.aborted) throw options.signal.reason;
          if (!isTransientNetworkError(error) || resumes >= options.maxResumes) throw interrupted(options.subject, received, error);
          resumes++;
          response = await open(received);
          skip = bytesToSkip(response, received, options.subject);
        }
      }
    } finally {
      response.destroy();
    }
    if (options.size !== undefined && received !== options.size) throw sizeMismatch(options.subject, options.size, String(received));
    const actual = `${expected.algorithm}:${hash.digest('hex')}`;
    if (actual !== digest) {
      throw new BerthError({
        code: 'BLOB_DIGEST_MISMATCH',
        kind: 'unavailable',
        message: `${options.subject}: received bytes hash to ${actual}`,
        hint: 'the registry, a mirror or a proxy served altered content; nothing was kept, pull again',
      });
    }
  }

  return Readable.from(verified(), { objectMode: false });
}

/** How much of a response repeats bytes already held: none for a 206 that starts at `offset`, all `offset` for a 200. */
function bytesToSkip(response: IncomingMessage, offset: number, subject: string): number {
  if (offset === 0 || response.statusCode === 200) return offset;
  const start = /^bytes (\d+)-/.exec(header(response, 'content-range') ?? '')?.[1];
  if (start !== undefined && Number(start) === offset) return 0;
  response.destroy();
  throw new BerthError({
    code: 'BLOB_RANGE_INVALID',
    kind: 'unavailable',
    message: `${subject}: asked for bytes from ${offset}, the registry answered Content-Range "${header(response, 'content-range') ?? ''}"`,
    hint: 'discard the partial download and pull again',
  });
}

function sizeMismatch(subject: string, expected: number, actual: string): BerthError {
  return new BerthError({
    code: 'BLOB_SIZE_MISMATCH',
    kind: 'unavailable',
    message: `${subject}: expected ${expected} bytes, received ${actual}`,
    hint: 'the registry, a mirror or a proxy served other content than the manifest describes; pull again',
  });
}

function interrupted(subject: string, received: number, cause: unknown): unknown {
  if (cause instanceof BerthError) return cause;
  return new BerthError({
    code: 'BLOB_DOWNLOAD_INTERRUPTED',
    kind: 'unavailable',
    message: `${subject}: download interrupted after ${received} bytes: ${cause instanceof Error ? cause.message : String(cause)}`,
    hint: 'check the network and pull again',
    cause,
  });
}
