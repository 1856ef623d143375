import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { decompressedLayer, type Compression } from '../registry/index.js';
import type { ContentStore } from '../store/index.js';

/** The OCI media types of a layer blob by its compression, and of an image configuration. */
export const layerMediaTypes: Record<Compression, string> = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};
export const configMediaType = 'application/vnd.oci.image.config.v1+json';

/** The compression of a stored blob, by its first bytes, as decompressedLayer() decides it. */
export async function blobCompression(store: ContentStore, digest: string): Promise<Compression> {
  const handle = await open(store.path(digest), 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
    return 'none';
  } finally {
    await handle.close();
  }
}

/** A stored layer blob's tar stream, failing at its end unless it hashes to `diffId`. */
export function layerTarStream(store: ContentStore, blob: string, diffId: string, subject: string): Readable {
  return decompressedLayer(createReadStream(store.path(blob)), { diffId, subject }).stream;
}

/** Tar lengths by DiffID: content-addressed, so once measured they hold for every store. */
const tarSizes = new Map<string, number>();

/**
 * The length of a layer's tar: the blob's own size when it is a plain tar, else the length of
 * its decompressed stream, read once (and checked against `diffId` on the way).
 */
export async function layerTarSize(store: ContentStore, blob: string, diffId: string, subject: string): Promise<number> {
  const known = tarSizes.get(diffId);
  if (known !== undefined) return known;
  let size = 0;
  if ((await blobCompression(store, blob)) === 'none' && blob === diffId) {
    size = (await stat(store.path(blob))).size;
  } else {
    for await (const chunk of layerTarStream(store, blob, diffId, subject)) size += (chunk as Buffer).length;
  }
  tarSizes.set(diffId, size);
  return size;
}
