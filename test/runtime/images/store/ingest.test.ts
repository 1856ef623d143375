import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { chunks, digestOf, sampleBytes } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

const blob = sampleBytes(100_000);
const digest = digestOf(blob);
const hex = digest.slice('sha256:'.length);

describe('ContentStore.ingest', () => {
  it('stores a blob under blobs/sha256/<hex> once its digest and size match', async () => {
    const { store, root } = tempStore();
    const path = await store.ingest({ digest, size: blob.length }, async () => chunks(blob, 8192));
    expect(path).toBe(join(root, 'blobs/sha256', hex));
    expect(readFileSync(path).equals(blob)).toBe(true);
    expect(await store.has(digest)).toBe(true);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('refuses content whose digest differs, naming both digests, and leaves nothing behind', async () => {
    const { store, root } = tempStore();
    const wrong = digestOf('something else');
    const error = await store.ingest({ digest: wrong, size: blob.length }, async () => chunks(blob, 8192)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'BLOB_DIGEST_MISMATCH' });
    expect((error as BerthError).message).toContain(wrong);
    expect((error as BerthError).message).toContain(digest);
    expect(await store.has(wrong)).toBe(false);
    expect(readdirSync(join(root, 'blobs/sha256'))).toEqual([]);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('refuses content shorter than its descriptor says, naming both sizes', async () => {
    const { store, root } = tempStore();
    const error = await store.ingest({ digest, size: blob.length + 1 }, async () => chunks(blob, 8192)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BLOB_DIGEST_MISMATCH' });
    expect((error as BerthError).message).toContain(`expected ${blob.length + 1} bytes`);
    expect((error as BerthError).message).toContain(`received ${blob.length} bytes`);
    expect(readdirSync(join(root, 'blobs/sha256'))).toEqual([]);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('stops reading as soon as content outgrows its descriptor', async () => {
    const { store, root } = tempStore();
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        chunksRead += 1;
        yield Buffer.alloc(4096);
      }
    }
    const error = await store.ingest({ digest, size: 10_000 }, async () => endless()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'BLOB_DIGEST_MISMATCH' });
    expect((error as BerthError).message).toContain('more than the 10000 bytes expected');
    expect(chunksRead).toBe(3);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('keeps an interrupted download out of sight and continues it from where it stopped', async () => {
    const { store, root } = tempStore();
    const failed = store.ingest({ digest, size: blob.length }, async () => chunks(blob, 10_000, 40_000));
    await expect(failed).rejects.toThrow('connection reset after 40000 bytes');
    expect(await store.has(digest)).toBe(false);
    expect(statSync(join(root, 'ingest', `sha256-${hex}`)).size).toBe(40_000);

    const offsets: number[] = [];
    const progress: number[] = [];
    const path = await store.ingest(
      { digest, size: blob.length },
      async (offset) => {
        offsets.push(offset);
        return chunks(blob.subarray(offset), 10_000);
      },
      (bytes) => progress.push(bytes),
    );
    expect(offsets).toEqual([40_000]);
    expect(readFileSync(path).equals(blob)).toBe(true);
    expect(progress[0]).toBe(40_000);
    expect(progress.at(-1)).toBe(blob.length);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('starts again from the beginning when a continued download does not match', async () => {
    const { store, root } = tempStore();
    // A damaged partial file, as a power cut can leave: the right length, the wrong bytes.
    writeFileSync(join(root, 'ingest', `sha256-${hex}`), Buffer.alloc(30_000));
    const offsets: number[] = [];
    const path = await store.ingest({ digest, size: blob.length }, async (offset) => {
      offsets.push(offset);
      return chunks(blob.subarray(offset), 10_000);
    });
    expect(offsets).toEqual([30_000, 0]);
    expect(readFileSync(path).equals(blob)).toBe(true);
  });

  it('finishes a download that was complete but not yet renamed without reading the source', async () => {
    const { store, root } = tempStore();
    writeFileSync(join(root, 'ingest', `sha256-${hex}`), blob);
    const path = await store.ingest({ digest, size: blob.length }, async () => {
      throw new Error('the source should not be read');
    });
    expect(readFileSync(path).equals(blob)).toBe(true);
  });

  it('shares one download between concurrent ingests of one digest, with progress for both', async () => {
    const { store } = tempStore();
    let calls = 0;
    const source = async (offset: number): Promise<AsyncIterable<Buffer>> => {
      calls += 1;
      return chunks(blob.subarray(offset), 10_000);
    };
    const first: number[] = [];
    const second: number[] = [];
    const paths = await Promise.all([
      store.ingest({ digest, size: blob.length }, source, (bytes) => first.push(bytes)),
      store.ingest({ digest, size: blob.length }, source, (bytes) => second.push(bytes)),
    ]);
    expect(calls).toBe(1);
    expect(paths[0]).toBe(paths[1]);
    expect(first.at(-1)).toBe(blob.length);
    expect(second.at(-1)).toBe(blob.length);
  });

  it('does not read the source for a blob already stored', async () => {
    const { store } = tempStore();
    await store.ingest({ digest }, async () => chunks(blob, 8192));
    let calls = 0;
    await store.ingest({ digest }, async () => {
      calls += 1;
      return chunks(blob, 8192);
    });
    expect(calls).toBe(0);
  });

  it('refuses a digest that could name a path outside the store', async () => {
    const { store, root } = tempStore();
    for (const bad of ['sha256:../../etc/passwd', 'sha256:ABC', 'md5:d41d8cd98f00b204e9800998ecf8427e', digest.toUpperCase()]) {
      await expect(store.ingest({ digest: bad }, async () => chunks(blob, 8192))).rejects.toMatchObject({ code: 'INVALID_DIGEST' });
    }
    expect(existsSync(join(root, 'etc'))).toBe(false);
  });
});
