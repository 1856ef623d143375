import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { decompressedLayer, type DecompressedLayer } from '../../../../src/runtime/images/registry/index.js';
import { waitUntil } from '../../../helpers/wait-until.js';
import { sha256 } from './fake-server.js';

// Not a real tar: the decompressor passes whatever is not compressed through untouched.
const tar = Buffer.concat([Buffer.from('ustar-ish header '), randomBytes(300_000)]);
const gzip = gzipSync(tar);
const zstd = spawnSync('zstd', ['-c', '-q'], { input: tar }).stdout;

/** `bytes` in small chunks, as a network stream delivers them. */
function chunked(bytes: Buffer, size = 1): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += at < 16 ? size : 65_536) chunks.push(bytes.subarray(at, at + (at < 16 ? size : 65_536)));
  return Readable.from(chunks, { objectMode: false });
}

async function drainLayer(layer: DecompressedLayer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of layer.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('decompressedLayer', () => {
  test.each([
    ['gzip', gzip],
    ['zstd', zstd],
    ['none', tar],
  ] as const)('%s is detected by its first bytes, decompressed, and its diff_id computed', async (compression, blob) => {
    const layer = decompressedLayer(chunked(blob), { diffId: sha256(tar) });

    expect((await drainLayer(layer)).equals(tar)).toBe(true);
    expect(layer.compression()).toBe(compression);
    expect(layer.diffId()).toBe(sha256(tar));
  });

  test.each([
    ['gzip', gzip],
    ['zstd', zstd],
  ] as const)('a %s layer whose content is not the diff_id fails at its end', async (_compression, blob) => {
    const wrong = sha256('other');
    const layer = decompressedLayer(chunked(blob, 4096), { diffId: wrong, subject: 'layer sha256:abc of busybox' });

    const error = (await drainLayer(layer).catch((caught: unknown) => caught)) as BerthError;

    expect(error.code).toBe('LAYER_DIFF_ID_MISMATCH');
    expect(error.message).toBe(`layer sha256:abc of busybox: its uncompressed content hashes to ${sha256(tar)}, the image config says ${wrong}`);
    expect(() => layer.diffId()).toThrow('asked for before its stream ended');
  });

  test.each([
    ['gzip', gzip],
    ['zstd', zstd],
  ] as const)('a truncated %s layer fails with LAYER_DECOMPRESS_FAILED', async (_compression, blob) => {
    const layer = decompressedLayer(chunked(blob.subarray(0, blob.length - 100), 4096), { subject: 'layer x' });

    await expect(drainLayer(layer)).rejects.toMatchObject({ code: 'LAYER_DECOMPRESS_FAILED', message: expect.stringMatching(/^layer x: /) });
  });

  test.each([
    ['gzip', gzip],
    ['zstd', zstd],
  ] as const)("the source's own error (a blob digest mismatch) comes out of a %s layer unchanged", async (_compression, blob) => {
    const failure = new BerthError({ code: 'BLOB_DIGEST_MISMATCH', kind: 'unavailable', message: 'blob: received bytes hash to something else' });
    async function* failingAtTheEnd(): AsyncGenerator<Buffer> {
      yield blob;
      throw failure;
    }

    await expect(drainLayer(decompressedLayer(Readable.from(failingAtTheEnd(), { objectMode: false })))).rejects.toBe(failure);
  });

  test.each([
    ['gzip', gzip],
    ['zstd', zstd],
  ] as const)('a %s layer stream destroyed half-way lets go of its source', async (_compression, blob) => {
    const source = chunked(blob, 4096);
    const layer = decompressedLayer(source);

    for await (const chunk of layer.stream) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }

    await waitUntil(() => source.destroyed, 'the source to be destroyed', 5_000);
  });

  test('xz layers are refused by name', async () => {
    const layer = decompressedLayer(Readable.from([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3])], { objectMode: false }), { subject: 'layer y' });
    await expect(drainLayer(layer)).rejects.toMatchObject({ code: 'LAYER_COMPRESSION_UNSUPPORTED', message: 'layer y is xz-compressed; image layers are plain tar, gzip or zstd' });
  });

  test('an empty blob is an empty tar stream', async () => {
    const layer = decompressedLayer(Readable.from([], { objectMode: false }));
    expect((await drainLayer(layer)).length).toBe(0);
    expect(layer.diffId()).toBe(sha256(''));
  });
});
