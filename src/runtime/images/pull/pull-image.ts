import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BerthError } from '../../../errors/index.js';
import { unpackLayer } from '../layers/index.js';
import { formatReference, manifestReference, parseReference } from '../reference/index.js';
import { decompressedLayer, hostPlatform, openRegistry, parsePlatform, selectPlatform, type Descriptor, type ImageManifest, type Registry, type RegistryOptions } from '../registry/index.js';
import { layerChain, type ContentStore } from '../store/index.js';
import type { PullProgress } from './pull-progress.js';

export interface PullOptions {
  /** `linux/arm64/v8`; the host's platform when left out. */
  platform?: string;
  registry?: RegistryOptions;
  onProgress?: (event: PullProgress) => void;
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
 * only when every layer is in place, so a listed image is always whole.
 */
export async function pullImage(store: ContentStore, text: string, options: PullOptions = {}): Promise<PulledImage> {
  const reference = parseReference(text);
  const repository = reference.path;
  const subject = formatReference(reference);
  const registry = openRegistry(reference.domain, options.registry);
  const report = options.onProgress ?? (() => undefined);

  let fetched = await registry.getManifest(repository, manifestReference(reference));
  if (fetched.kind === 'index') {
    await store.writeBytes(fetched.bytes);
    const wanted = options.platform ? parsePlatform(options.platform) : hostPlatform();
    const entry = selectPlatform(fetched.json, wanted, subject);
    fetched = await registry.getManifest(repository, entry.digest);
    if (fetched.kind !== 'manifest') throw notAManifest(subject, entry.digest);
  }
  const manifest: ImageManifest = fetched.json;
  const manifestDigest = await store.writeBytes(fetched.bytes);
  report({ kind: 'manifest', reference: subject, digest: manifestDigest, layers: manifest.layers.map((layer) => ({ digest: layer.digest, size: layer.size })) });

  await fetchBlob(store, registry, repository, manifest.config);
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
  await Promise.all(manifest.layers.map(async (layer, index) => {
    const link = chain[index]!;
    if (await store.hasLayer(link.chainId)) {
      report({ kind: 'layer', digest: layer.digest, status: 'exists', current: layer.size, total: layer.size });
      return;
    }
    await fetchBlob(store, registry, repository, layer, (bytes) => report({ kind: 'layer', digest: layer.digest, status: 'downloading', current: bytes, total: layer.size }));
    report({ kind: 'layer', digest: layer.digest, status: 'extracting', current: layer.size, total: layer.size });
    await store.withLayerDirectory(link.chainId, async (directory) => {
      const tar = decompressedLayer(createReadStream(store.path(layer.digest)), { diffId: link.diffId, subject: `layer ${layer.digest} of ${subject}` });
      await unpackLayer({ digest: layer.digest, tar: tar.stream, directory, signal: options.signal });
    }, { diffId: link.diffId, ...(link.parent ? { parent: link.parent } : {}) });
    report({ kind: 'layer', digest: layer.digest, status: 'complete', current: layer.size, total: layer.size });
  }));

  await store.tag(subject, manifestDigest, manifest.config.digest);
  report({ kind: 'done', reference: subject, digest: manifestDigest });
  return { reference: subject, manifestDigest, configDigest: manifest.config.digest, chainIds: chain.map((link) => link.chainId) };
}

/**
 * Stores one blob unless present. The store resumes from what an earlier, interrupted pull left;
 * the registry stream then starts at 0 and the bytes already held are skipped, since the
 * registry's own resume needs a hash of them that only the store has.
 */
async function fetchBlob(store: ContentStore, registry: Registry, repository: string, descriptor: Descriptor, onProgress?: (bytes: number) => void): Promise<void> {
  if (await store.has(descriptor.digest)) return;
  await store.ingest(
    { digest: descriptor.digest, size: descriptor.size },
    async (offset) => skipBytes(await registry.getBlob(repository, descriptor.digest, { size: descriptor.size }), offset),
    onProgress,
  );
}

async function* skipBytes(stream: Readable, count: number): AsyncGenerator<Uint8Array> {
  let skipped = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (skipped >= count) {
      yield chunk;
      continue;
    }
    const take = Math.min(count - skipped, chunk.length);
    skipped += take;
    if (take < chunk.length) yield chunk.subarray(take);
  }
}

function notAManifest(subject: string, digest: string): BerthError {
  return new BerthError({
    code: 'IMAGE_NESTED_INDEX',
    kind: 'internal',
    message: `image ${subject}: the index entry ${digest} is itself an index, not an image manifest`,
    hint: 'nested indexes are not supported; pull the image by the digest of its manifest',
  });
}
