import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { BerthError } from '../../../errors/index.js';
import { zstdDecompress } from './zstd-process.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export interface DecompressedLayer {
  /** The layer's tar bytes. */
  readonly stream: Readable;
  /** The compression found by the first bytes; undefined until they arrived. */
  compression(): Compression | undefined;
  /** `sha256:` of the tar bytes (the layer's diff_id): available once `stream` has ended, an error before. */
  diffId(): string;
}

export interface DecompressOptions {
  /** The config's `rootfs.diff_ids` entry for this layer: a different hash fails the stream at its end. */
  readonly diffId?: string;
  /** `layer sha256:… of library/busybox`, for messages. */
  readonly subject?: string;
}

const magic = {
  gzip: Buffer.from([0x1f, 0x8b]),
  zstd: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
  xz: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
  bzip2: Buffer.from('BZh'),
};

/**
 * Turns a layer blob into its tar stream, whatever the media type claims: the first bytes decide
 * (gzip `1f 8b`, zstd `28 b5 2f fd`, anything else is taken as plain tar). The tar bytes are
 * hashed on the way, so the diff_id can be checked without a second read; errors from the
 * source (a blob digest mismatch) come out of `stream` as they are.
 */
export function decompressedLayer(source: Readable, options: DecompressOptions = {}): DecompressedLayer {
  const subject = options.subject ?? 'layer';
  const hash = createHash('sha256');
  let compression: Compression | undefined;
  let diffId: string | undefined;

  async function* tar(): AsyncGenerator<Buffer> {
    const input = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let head = Buffer.alloc(0);
    while (head.length < magic.xz.length) {
      const next = await input.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    compression = detect(head, subject);
    const rest = Readable.from(replay(head, input), { objectMode: false });
    for await (const chunk of decoded(rest, compression, subject)) {
      hash.update(chunk);
      yield chunk;
    }
    const actual = `sha256:${hash.digest('hex')}`;
    if (options.diffId !== undefined && actual !== options.diffId) {
      throw new BerthError({
        code: 'LAYER_DIFF_ID_MISMATCH',
        kind: 'unavailable',
        message: `${subject}: its uncompressed content hashes to ${actual}, the image config says ${options.diffId}`,
        hint: 'the image is inconsistent or was altered; pull it again, or rebuild it',
      });
    }
    diffId = actual;
  }

  return {
    stream: Readable.from(tar(), { objectMode: false }),
    compression: () => compression,
    diffId: () => {
      if (diffId !== undefined) return diffId;
      throw new BerthError({ code: 'LAYER_NOT_READ', kind: 'internal', message: `${subject}: its diff_id was asked for before its stream ended` });
    },
  };
}

function detect(head: Buffer, subject: string): Compression {
  const startsWith = (prefix: Buffer): boolean => head.subarray(0, prefix.length).equals(prefix);
  if (startsWith(magic.gzip)) return 'gzip';
  if (startsWith(magic.zstd)) return 'zstd';
  const other = startsWith(magic.xz) ? 'xz' : startsWith(magic.bzip2) ? 'bzip2' : undefined;
  if (other === undefined) return 'none';
  throw new BerthError({
    code: 'LAYER_COMPRESSION_UNSUPPORTED',
    kind: 'unavailable',
    message: `${subject} is ${other}-compressed; image layers are plain tar, gzip or zstd`,
    hint: 'rebuild the image with gzip or zstd layers',
  });
}

async function* replay(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

async function* decoded(input: Readable, compression: Compression, subject: string): AsyncGenerator<Buffer> {
  if (compression === 'none') {
    yield* input as AsyncIterable<Buffer>;
    return;
  }
  if (compression === 'zstd') {
    yield* zstdDecompress(input, subject);
    return;
  }
  const gunzip = createGunzip();
  const fed = pipeline(input, gunzip);
  fed.catch(() => undefined);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
    await fed;
  } catch (error) {
    if (error instanceof BerthError) throw error;
    throw new BerthError({
      code: 'LAYER_DECOMPRESS_FAILED',
      kind: 'unavailable',
      message: `${subject}: gzip data is corrupt: ${(error as Error).message}`,
      hint: 'the layer is not valid gzip data; pull again, or rebuild the image',
      cause: error,
    });
  } finally {
    gunzip.destroy();
  }
}
