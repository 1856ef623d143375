import { BerthError } from '../../../errors/index.js';
import { chainIds, type ContentStore, type Reachable } from '../store/index.js';
import { readImageConfig } from './image-config.js';

interface ManifestLayers {
  layers?: unknown;
}

/**
 * What the store's image records reach, for ContentStore.collectGarbage: each record's manifest
 * and configuration, the layer blobs its manifest lists, and the ChainIDs of its configuration's
 * layers. A manifest or configuration that cannot be read fails the whole computation, so a
 * damaged record never makes garbage collection remove what an image still needs.
 */
export async function reachableContent(store: ContentStore): Promise<Reachable> {
  const blobs = new Set<string>();
  const layers = new Set<string>();
  const manifests = new Set<string>();
  const configs = new Set<string>();
  for (const record of await store.images()) {
    blobs.add(record.manifestDigest).add(record.configDigest);
    if (!manifests.has(record.manifestDigest)) {
      manifests.add(record.manifestDigest);
      for (const digest of layerDigests(await store.readJson<ManifestLayers>(record.manifestDigest), record.manifestDigest)) blobs.add(digest);
    }
    if (!configs.has(record.configDigest)) {
      configs.add(record.configDigest);
      const config = await readImageConfig(store, record.configDigest, record.reference);
      for (const chainId of chainIds(config.diffIds)) layers.add(chainId);
    }
  }
  return { blobs, layers };
}

function layerDigests(manifest: ManifestLayers, digest: string): string[] {
  const layers = manifest.layers;
  if (Array.isArray(layers) && layers.every((layer: unknown) => typeof (layer as { digest?: unknown } | null)?.digest === 'string')) {
    return (layers as Array<{ digest: string }>).map((layer) => layer.digest);
  }
  throw new BerthError({
    code: 'IMAGE_MANIFEST_MALFORMED',
    kind: 'internal',
    message: `manifest ${digest} in the image store has no list of layer descriptors; garbage collection stopped before removing anything`,
    hint: 'remove the images that use it (berth rmi) and pull or load them again',
  });
}
