import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { endOfArchive } from './layer-tar-header.js';
import type { SpooledLayer } from './store-committed-image.js';

/** The DiffID of a layer with nothing in it (two zero blocks): Docker's layer.DigestSHA256EmptyTar. */
export const emptyLayerDiffId = `sha256:${createHash('sha256').update(endOfArchive).digest('hex')}`;

/**
 * Writes a layer tar to a new file, hashing it on the way: the store takes a blob only under a
 * digest known beforehand, and the DiffID names the layer before it can be unpacked.
 */
export async function spoolLayer(tar: AsyncIterable<Buffer>, path: string): Promise<SpooledLayer> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    tar,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(path, { flags: 'wx', mode: 0o600 }),
  );
  return { path, diffId: `sha256:${hash.digest('hex')}`, size };
}
