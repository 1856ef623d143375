import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export interface Spooled {
  digest: string;
  size: number;
}

/**
 * Copies a stream to a new file, hashing it on the way. The store only takes content whose
 * digest is known beforehand, so content that arrives without one (an archive member named
 * `<id>/layer.tar`, an imported root filesystem) goes through a file first.
 */
export async function spool(source: AsyncIterable<Uint8Array>, path: string): Promise<Spooled> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.byteLength;
        yield chunk;
      }
    },
    createWriteStream(path, { flags: 'wx', mode: 0o600 }),
  );
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
