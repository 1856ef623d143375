import { createHash } from 'node:crypto';

export function digestOf(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Deterministic bytes that are not all alike, so a misplaced chunk changes the digest. */
export function sampleBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) bytes[index] = (index * 31 + 7) % 251;
  return bytes;
}

/** Yields `bytes` in chunks of `chunkSize`, then, when `failAfter` is given, throws once that many bytes are out. */
export async function* chunks(bytes: Buffer, chunkSize: number, failAfter?: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += chunkSize) {
    if (failAfter !== undefined && start >= failAfter) throw new Error(`connection reset after ${start} bytes`);
    yield bytes.subarray(start, start + chunkSize);
  }
}

/** What killed-store.fixture.ts downloads: a blob big enough to be killed in the middle of, in chunks of this size. */
export const killedBlob = { size: 1_048_576, chunk: 16_384 };

/** The size of the blob leased-store.fixture.ts stores under a lease. */
export const leasedBlob = 40_000;
