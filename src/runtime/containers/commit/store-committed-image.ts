import { createReadStream } from 'node:fs';
import { BerthError } from '../../../errors/index.js';
import { unpackLayer } from '../../images/layers/index.js';
import { configMediaType, keepUnnamed, layerMediaTypes, pointReference } from '../../images/operations/index.js';
import { formatReference, type ImageReference } from '../../images/reference/index.js';
import { MediaTypes, type Descriptor, type ImageManifest } from '../../images/registry/index.js';
import { layerChain, type ContentStore } from '../../images/store/index.js';

/** A layer tar written to a file, with its DiffID (its sha256) and length. */
export interface SpooledLayer {
  path: string;
  diffId: string;
  size: number;
}

export interface ImageToCommit {
  /** The container's image: its manifest (for its layers' blobs) and DiffIDs. */
  parent: { id: string; manifestDigest: string; diffIds: readonly string[] };
  /** The container's changes; undefined when there were none (an empty layer, added to no list). */
  layer: SpooledLayer | undefined;
  /** The new image's configuration (committedConfig's). */
  config: Buffer;
  reference: ImageReference | undefined;
}

/** Docker's layer media types and the OCI ones an OCI manifest names them by. */
const ociLayerTypes: Record<string, string> = {
  'application/vnd.docker.image.rootfs.diff.tar.gzip': layerMediaTypes.gzip,
  'application/vnd.docker.image.rootfs.diff.tar': layerMediaTypes.none,
};

/**
 * Stores a committed image, as a pull or load does: the layer tar as a blob (uncompressed, as
 * Docker keeps a committed layer until it is pushed), unpacked by ChainID through the hardened
 * extractor so the image runs at once, then the configuration and an OCI manifest (the parent's
 * layer descriptors and the new one), and only then the name. `store` must be a leased view
 * (ContentStore.lease), which keeps all of it from garbage collection until the name is written.
 */
export async function storeCommittedImage(store: ContentStore, image: ImageToCommit): Promise<{ id: string; manifestDigest: string }> {
  const parentManifest = await store.readJson<ImageManifest>(image.parent.manifestDigest);
  if (!Array.isArray(parentManifest.layers) || parentManifest.layers.length !== image.parent.diffIds.length) {
    throw new BerthError({
      code: 'IMAGE_CONFIG_MISMATCH',
      kind: 'internal',
      message: `the manifest of image ${image.parent.id} lists ${parentManifest.layers?.length ?? 0} layers but its configuration ${image.parent.diffIds.length}`,
      hint: 'the image store is damaged; pull or load the container\'s image again',
    });
  }
  const layers: Descriptor[] = parentManifest.layers.map((layer) => ({ mediaType: ociLayerTypes[layer.mediaType] ?? layer.mediaType, digest: layer.digest, size: layer.size }));
  if (image.layer) {
    const { path, diffId, size } = image.layer;
    await store.ingest({ digest: diffId, size }, async (offset) => createReadStream(path, { start: offset }));
    const link = layerChain([...image.parent.diffIds, diffId]).at(-1)!;
    if (!(await store.hasLayer(link.chainId))) {
      await store.withLayerDirectory(link.chainId, (directory, signal) => unpackLayer({ digest: diffId, tar: createReadStream(path), directory, signal }).then(() => undefined), {
        diffId,
        ...(link.parent ? { parent: link.parent } : {}),
      });
    }
    layers.push({ mediaType: layerMediaTypes.none, digest: diffId, size });
  }
  const id = await store.writeBytes(image.config);
  const manifest = { schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: { mediaType: configMediaType, digest: id, size: image.config.length }, layers };
  const manifestDigest = await store.writeJson(manifest);
  if (image.reference) await pointReference(store, formatReference(image.reference), manifestDigest, id);
  else await keepUnnamed(store, manifestDigest, id);
  return { id, manifestDigest };
}
