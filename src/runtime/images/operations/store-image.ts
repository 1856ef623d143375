import { BerthError } from '../../../errors/index.js';
import { unpackLayer } from '../layers/index.js';
import { formatReference, type ImageReference } from '../reference/index.js';
import { MediaTypes } from '../registry/index.js';
import { layerChain, type ContentStore } from '../store/index.js';
import { blobCompression, configMediaType, layerMediaTypes, layerTarStream } from './layer-blobs.js';
import { keepUnnamed, pointReference } from './point-reference.js';

/** An image whose configuration and layer blobs are in the store, to be unpacked and named. */
export interface ImageToStore {
  /** `image busybox:latest of the archive`, for messages. */
  subject: string;
  config: { digest: string; size: number };
  /** The configuration's `rootfs.diff_ids`. */
  diffIds: string[];
  /** The layer blobs, bottom first, one per DiffID. */
  layers: Array<{ digest: string; size: number }>;
  /** A manifest already stored for it (an OCI layout has one); made when absent. */
  manifestDigest?: string;
  /** The tags to point at it; none keeps it under its id. */
  references: ImageReference[];
}

export interface StoredImageIds {
  id: string;
  manifestDigest: string;
}

/**
 * The end of a load or an import, as of a pull: each layer unpacked once by ChainID through the
 * hardened extractor (its tar checked against its DiffID on the way), a manifest when there is
 * none, and only then the names, so a named image is always whole.
 */
export async function storeImage(store: ContentStore, image: ImageToStore): Promise<StoredImageIds> {
  if (image.layers.length !== image.diffIds.length) {
    throw new BerthError({
      code: 'IMAGE_CONFIG_MISMATCH',
      kind: 'usage',
      message: `${image.subject} has ${image.layers.length} layers but its configuration lists ${image.diffIds.length} diff_ids`,
      hint: 'the archive is malformed; save or build the image again',
    });
  }
  const chain = layerChain(image.diffIds);
  await Promise.all(
    image.layers.map(async (layer, index) => {
      const link = chain[index]!;
      if (await store.hasLayer(link.chainId)) return;
      await store.withLayerDirectory(
        link.chainId,
        async (directory) => {
          await unpackLayer({ digest: layer.digest, tar: layerTarStream(store, layer.digest, link.diffId, `layer ${layer.digest} of ${image.subject}`), directory });
        },
        { diffId: link.diffId, ...(link.parent ? { parent: link.parent } : {}) },
      );
    }),
  );
  const manifestDigest = image.manifestDigest ?? (await store.writeJson(await manifestFor(store, image)));
  for (const reference of image.references) await pointReference(store, formatReference(reference), manifestDigest, image.config.digest);
  if (image.references.length === 0) await keepUnnamed(store, manifestDigest, image.config.digest);
  return { id: image.config.digest, manifestDigest };
}

/** An OCI manifest for content that came without one; each layer's media type follows its bytes. */
async function manifestFor(store: ContentStore, image: ImageToStore): Promise<object> {
  const layers = [];
  for (const layer of image.layers) {
    layers.push({ mediaType: layerMediaTypes[await blobCompression(store, layer.digest)], digest: layer.digest, size: layer.size });
  }
  return { schemaVersion: 2, mediaType: MediaTypes.ociManifest, config: { mediaType: configMediaType, ...image.config }, layers };
}
