import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { decompressedLayer, hostPlatform, normalizePlatform } from '../registry/index.js';
import type { ContentStore } from '../store/index.js';
import { applyChanges } from './dockerfile-changes.js';
import { familiarString } from './image-catalog.js';
import { parseTagTarget } from './point-reference.js';
import { spool } from './spool.js';
import { storeImage } from './store-image.js';

export interface ImportImageOptions {
  /** The tag to give the image (`app:1`); without one it is kept under its id. */
  reference?: string;
  /** Dockerfile instructions to apply: CMD, ENTRYPOINT, ENV, WORKDIR (see applyChanges). */
  changes?: readonly string[];
  /** The history comment; Docker's `Imported from -` by default. */
  message?: string;
  /** Where the tarball waits while its digests are computed. Default: the system's temporary directory. */
  temporaryDirectory?: string;
}

export interface ImportedImage {
  id: string;
  manifestDigest: string;
  /** The tag it got, familiar (`app:1`). */
  reference?: string;
}

/**
 * `docker import`: a one-layer image from a root filesystem tarball, plain, gzip or zstd (the
 * first bytes decide). The tarball is stored as it came, as the layer blob; its tar is the layer
 * (its digest the DiffID), unpacked through the hardened extractor like any layer. The
 * configuration is minimal: this machine's platform, the creation time, the changes, one
 * history entry. The reference and changes are checked before any byte is read.
 */
export async function importImage(content: ContentStore, rootfsTar: Readable | AsyncIterable<Uint8Array>, options: ImportImageOptions = {}): Promise<ImportedImage> {
  const reference = options.reference === undefined ? undefined : parseTagTarget(options.reference, 'import reference');
  const runConfig = applyChanges(options.changes ?? []);
  // Keeps the layer and configuration from garbage collection until the image is named.
  await using store = await content.lease();
  const scratch = await mkdtemp(join(options.temporaryDirectory ?? tmpdir(), 'berth-import-'));
  try {
    const file = join(scratch, 'rootfs');
    const blob = await spool(rootfsTar, file);
    const subject = `the root filesystem imported${reference ? ` as ${familiarString(reference)}` : ''}`;
    const layer = decompressedLayer(createReadStream(file), { subject });
    // Read through once for the DiffID, which names the layer before it can be unpacked.
    for await (const chunk of layer.stream) void chunk;
    await store.ingest(blob, async (offset) => createReadStream(file, { start: offset }));

    const created = new Date().toISOString();
    const comment = options.message || 'Imported from -';
    const { architecture, os, variant } = normalizePlatform(hostPlatform());
    const diffId = layer.diffId();
    const configBytes = Buffer.from(
      JSON.stringify({
        architecture,
        ...(variant ? { variant } : {}),
        os,
        created,
        comment,
        config: runConfig,
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created, comment }],
      }),
    );
    const config = { digest: await store.writeBytes(configBytes), size: configBytes.length };
    const stored = await storeImage(store, { subject, config, diffIds: [diffId], layers: [blob], references: reference ? [reference] : [] });
    return { ...stored, ...(reference ? { reference: familiarString(reference) } : {}) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
