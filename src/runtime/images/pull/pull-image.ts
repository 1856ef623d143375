import { createReadStream } from 'node:fs';
import { BerthError } from '../../../errors/index.js';
import { unpackLayer } from '../layers/index.js';
import { formatReference, manifestReference, parseReference } from '../reference/index.js';
import { decompressedLayer, hostPlatform, openRegistry, parsePlatform, selectPlatform, type Descriptor, type ImageManifest, type Registry, type RegistryOptions } from '../registry/index.js';
import { pointPulledReference } from '../operations/point-reference.js';
import { runSideBySide } from '../side-by-side.js';
import { fromOffset, layerChain, type ContentStore } from '../store/index.js';
import type { PullProgress } from './pull-progress.js';

export interface PullOptions {
  /** `linux/arm64/v8`; the host's platform when left out. */
  platform?: string;
  registry?: RegistryOptions;
  onProgress?: (event: PullProgress) => void;
  /**
   * Stops the pull at once, whatever it is doing: manifest and blob requests, a stalled download,
   * an unpack. The pull then rejects with the signal's reason, its lease released, and leaves
   * nothing behind: no partial download (unless another pull shares it), no half-unpacked layer.
   */
  signal?: AbortSignal;
}

export interface PulledImage {
  /** The full reference it is stored under: `docker.io/library/busybox:latest`. */
  reference: string;
  manifestDigest: string;
  /** The image id. */
  configDigest: string;
  /** The layers' ChainIDs, bottom first: the overlay's lowerdirs are these, reversed. */
  chainIds: string[];
}

/** What an image config says about its layers; the rest is read when a container is made. */
interface ImageConfig {
  rootfs?: { type?: string; diff_ids?: string[] };
}

/**
 * Pulls an image into the store: the manifest (the platform's, from an index), the config, and
 * each layer, downloaded once, checked against its digest and its diff_id, and unpacked once by
 * ChainID through the hardened extractor. Layers download and unpack side by side. A pull cut
 * off at any byte leaves nothing half-made visible; pulling again resumes. The image is tagged
 * only when every layer is in place, so a listed image is always whole. Pulls running at once
 * share each blob's download and each layer's unpacking. An image the tag moves off stays in the
 * store without a tag (Docker's dangling image), as pointPulledReference says. A layer that fails
 * stops the others, and the pull settles only once all have stopped.
 */
export async function pullImage(content: ContentStore, text: string, options: PullOptions = {}): Promise<PulledImage> {
  await using store = await content.lease(); // keeps what the pull stores from garbage collection until it is tagged
  const reference = parseReference(text);
  const repository = reference.path;
  const subject = formatReference(reference);
  const registry = openRegistry(reference.domain, options.registry);
  const report = options.onProgress ?? (() => undefined);
  const { signal } = options;

  let fetched = await registry.getManifest(repository, manifestReference(reference), { signal });
  let registryDigest: string | undefined;
  if (fetched.kind === 'index') {
    registryDigest = await store.writeBytes(fetched.bytes);
    const wanted = options.platform ? parsePlatform(options.platform) : hostPlatform();
    const entry = selectPlatform(fetched.json, wanted, subject);
    fetched = await registry.getManifest(repository, entry.digest, { signal });
    if (fetched.kind !== 'manifest') throw notAManifest(subject, entry.digest);
  }
  const manifest: ImageManifest = fetched.json;
  const manifestDigest = await store.writeBytes(fetched.bytes);
  const stored = (await store.images()).some((record) => record.configDigest === manifest.config.digest);
  report({ kind: 'manifest', reference: subject, digest: manifestDigest, stored, layers: manifest.layers.map((layer) => ({ digest: layer.digest, size: layer.size })) });

  await fetchBlob(store, registry, repository, manifest.config, signal);
  const config = await store.readJson<ImageConfig>(manifest.config.digest);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw new BerthError({
      code: 'IMAGE_CONFIG_MISMATCH',
      kind: 'internal',
      message: `image ${subject} has ${manifest.layers.length} layers but its config lists ${diffIds.length} diff_ids`,
      hint: 'the image is malformed; rebuild or re-push it',
    });
  }
  const chain = layerChain(diffIds);
  // Every layer's state first, bottom up, as Docker reports them before any download starts.
  const present = await Promise.all(chain.map((link) => store.hasLayer(link.chainId)));
  manifest.layers.forEach((layer, index) => report({ kind: 'layer', digest: layer.digest, status: present[index] ? 'exists' : 'pending', current: present[index] ? layer.size : 0, total: layer.size }));
  await runSideBySide(manifest.layers.map((layer, index) => async (stop: AbortSignal) => {
    const link = chain[index]!;
    if (present[index]) {
      await store.recordOrigin(layer.digest, { domain: reference.domain, repository }); // a push of this image fetches or mounts the blob from there
      return;
    }
    await fetchBlob(store, registry, repository, layer, stop, (bytes) => report({ kind: 'layer', digest: layer.digest, status: 'downloading', current: bytes, total: layer.size }));
    report({ kind: 'layer', digest: layer.digest, status: 'extracting', current: layer.size, total: layer.size });
    // The unpack is shared with other pulls of the layer: it stops (`unpacking`) only when none waits.
    await store.withLayerDirectory(link.chainId, async (directory, unpacking) => {
      const tar = decompressedLayer(createReadStream(store.path(layer.digest)), { diffId: link.diffId, subject: `layer ${layer.digest} of ${subject}` });
      await unpackLayer({ digest: layer.digest, tar: tar.stream, directory, signal: unpacking });
    }, { diffId: link.diffId, ...(link.parent ? { parent: link.parent } : {}) }, stop);
    report({ kind: 'layer', digest: layer.digest, status: 'complete', current: layer.size, total: layer.size });
  }), signal);

  // A tag this moves off another image leaves that image stored without a tag, as Docker does.
  const updated = await pointPulledReference(store, reference, manifestDigest, manifest.config.digest);
  report({ kind: 'done', reference: subject, digest: manifestDigest, registryDigest: registryDigest ?? manifestDigest, updated });
  return { reference: subject, manifestDigest, configDigest: manifest.config.digest, chainIds: chain.map((link) => link.chainId) };
}

/**
 * Stores one blob unless present. The store resumes from what an earlier, interrupted pull left;
 * the registry stream then starts at 0 and the bytes already held are skipped, since the
 * registry's own resume needs a hash of them that only the store has. The request takes the
 * download's signal (which aborts once no pull waits for it), not this pull's.
 */
async function fetchBlob(store: ContentStore, registry: Registry, repository: string, descriptor: Descriptor, signal: AbortSignal | undefined, onProgress?: (bytes: number) => void): Promise<void> {
  if (await store.has(descriptor.digest)) return;
  await store.ingest(
    { digest: descriptor.digest, size: descriptor.size },
    async (offset, download) => fromOffset(await registry.getBlob(repository, descriptor.digest, { size: descriptor.size, signal: download }), offset),
    onProgress,
    signal,
  );
}

function notAManifest(subject: string, digest: string): BerthError {
  return new BerthError({
    code: 'IMAGE_NESTED_INDEX',
    kind: 'internal',
    message: `image ${subject}: the index entry ${digest} is itself an index, not an image manifest`,
    hint: 'nested indexes are not supported; pull the image by the digest of its manifest',
  });
}
