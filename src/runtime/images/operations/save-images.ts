import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError, usageError } from '../../../errors/index.js';
import { familiarReference, formatReference, parseReference, repositoryName, type ImageReference } from '../reference/index.js';
import { MediaTypes } from '../registry/index.js';
import { parseDigest, sha256Digest, type ContentStore } from '../store/index.js';
import { findImage } from './find-image.js';
import { familiarString, storedImages, type StoredImage } from './image-catalog.js';
import { readImageConfig, type ImageConfig } from './image-config.js';
import { configMediaType, layerMediaTypes, layerTarSize, layerTarStream } from './layer-blobs.js';
import { tarEnd, tarHeader, tarPadding } from './tar-blocks.js';

/** One image to save, with the tags it is saved under. */
interface Selected {
  image: StoredImage;
  tags: ImageReference[];
}

interface SavedLayer {
  diffId: string;
  blob: string;
  /** The length of its tar. */
  size: number;
}

interface Prepared extends Selected {
  configBytes: Buffer;
  config: ImageConfig;
  layers: SavedLayer[];
  /** The OCI manifest written for it: the configuration and the layers as plain tars. */
  savedManifest: Buffer;
  savedManifestDigest: string;
}

/**
 * `docker save NAME...`: writes one tar to `output`, and ends it, in the layout Docker 25 and
 * later write, which holds the images both ways at once:
 *
 *   oci-layout, index.json, blobs/sha256/<hex>   an OCI image layout (image-spec image-layout.md):
 *                                                each image's manifest, configuration, and layers
 *                                                as plain tars (their digests are their DiffIDs)
 *   manifest.json, repositories                  the `docker save` index, its paths pointing into
 *                                                blobs/, which docker load (any version since 1.10)
 *                                                and skopeo's docker-archive follow as they are
 *
 * Each layer's bytes are written once. Older Docker saves put them at `<id>/layer.tar`, and link
 * a layer two images share; skopeo takes a linked layer's size from the link (0) and fails, so
 * berth writes no links. Names are Docker's: `busybox` saves every tag of that repository,
 * `busybox:1` that tag, an id or `name@digest` the image without tags.
 *
 * Every layer is measured (decompressed once) before the first byte is written, so a damaged
 * store fails here rather than halfway through the archive; a failure after that destroys
 * `output` instead of ending it.
 */
export async function saveImages(content: ContentStore, names: readonly string[], output: NodeJS.WritableStream): Promise<void> {
  if (names.length === 0) throw usageError('saving images needs at least one image name', 'name the images to save, as in `berth save busybox:latest`');
  // An image removed during the save keeps its content until the archive is written.
  await using store = await content.lease();
  const prepared: Prepared[] = [];
  for (const selected of await selectImages(store, names)) prepared.push(await prepare(store, selected));
  await pipeline(Readable.from(archive(store, prepared)), output);
}

async function selectImages(store: ContentStore, names: readonly string[]): Promise<Selected[]> {
  const chosen = new Map<string, Selected>();
  const add = (image: StoredImage, tag?: ImageReference): void => {
    const selected = chosen.get(image.id) ?? { image, tags: [] };
    chosen.set(image.id, selected);
    if (tag && !selected.tags.some((known) => formatReference(known) === formatReference(tag))) selected.tags.push(tag);
  };
  const images = await storedImages(store);
  for (const name of names) {
    const repository = repositoryOnly(name);
    const tagged = repository === undefined ? [] : images.flatMap((image) => image.tags.filter((tag) => repositoryName(tag) === repository).map((tag) => ({ image, tag })));
    if (tagged.length > 0) {
      for (const { image, tag } of tagged) add(image, tag);
      continue;
    }
    const found = await findImage(store, name);
    add(found.image, found.by === 'reference' && found.reference.digest === undefined ? found.reference : undefined);
  }
  return [...chosen.values()];
}

/** The repository `text` names when it is a bare name (no tag, digest or id), as `docker save busybox` reads it. */
function repositoryOnly(text: string): string | undefined {
  if (text.includes('@') || /^(?:sha256:)?[0-9a-f]{64}$/.test(text) || text.lastIndexOf(':') > text.lastIndexOf('/')) return undefined;
  return repositoryName(parseReference(text));
}

async function prepare(store: ContentStore, selected: Selected): Promise<Prepared> {
  const { image } = selected;
  const subject = `image ${selected.tags[0] ? familiarString(selected.tags[0]) : image.id}`;
  // Read through the store first, which puts the configuration under the save's lease.
  const config = await readImageConfig(store, image.id, subject);
  const configBytes = await readFile(store.path(image.id));
  const manifest = await store.readJson<{ layers?: Array<{ digest?: unknown }> }>(image.manifestDigest);
  const blobs = (manifest.layers ?? []).map((layer) => layer.digest);
  if (blobs.length !== config.diffIds.length || !blobs.every((blob): blob is string => typeof blob === 'string')) {
    throw new BerthError({
      code: 'IMAGE_CONFIG_MISMATCH',
      kind: 'internal',
      message: `cannot save ${subject}: its manifest ${image.manifestDigest} lists ${blobs.length} layers, its configuration ${config.diffIds.length}`,
      hint: 'the stored image is inconsistent; remove it and pull or load it again',
    });
  }
  const layers: SavedLayer[] = [];
  for (const [index, diffId] of config.diffIds.entries()) {
    const blob = blobs[index]!;
    // Asked through the store for the lease; a blob that is missing fails in layerTarSize with its name.
    await store.has(blob);
    layers.push({ diffId, blob, size: await layerTarSize(store, blob, diffId, `layer ${blob} of ${subject}`) });
  }
  const ociManifest = {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: { mediaType: configMediaType, digest: image.id, size: configBytes.length },
    layers: layers.map((layer) => ({ mediaType: layerMediaTypes.none, digest: layer.diffId, size: layer.size })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(ociManifest));
  return { ...selected, configBytes, config, layers, savedManifest: manifestBytes, savedManifestDigest: sha256Digest(manifestBytes) };
}

async function* archive(store: ContentStore, images: Prepared[]): AsyncGenerator<Buffer> {
  yield* file('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  yield* file('index.json', Buffer.from(JSON.stringify(ociIndex(images))));
  yield* file('manifest.json', Buffer.from(JSON.stringify(dockerManifest(images))));
  const repositories = legacyRepositories(images);
  if (Object.keys(repositories).length > 0) yield* file('repositories', Buffer.from(JSON.stringify(repositories)));

  const blobPaths = images.flatMap((image) => [blobPath(image.savedManifestDigest), blobPath(image.image.id), ...image.layers.map((layer) => blobPath(layer.diffId))]);
  yield tarHeader({ type: 'directory', name: 'blobs' });
  for (const directory of new Set(blobPaths.map((path) => path.slice(0, path.lastIndexOf('/'))))) yield tarHeader({ type: 'directory', name: directory });

  const written = new Set<string>();
  for (const image of images) {
    for (const [digest, bytes] of [[image.savedManifestDigest, image.savedManifest], [image.image.id, image.configBytes]] as const) {
      if (written.has(digest)) continue;
      written.add(digest);
      yield* file(blobPath(digest), bytes);
    }
  }
  for (const image of images) {
    for (const layer of image.layers) {
      if (written.has(layer.diffId)) continue;
      written.add(layer.diffId);
      yield* layerFile(store, blobPath(layer.diffId), layer, image);
    }
  }
  yield tarEnd();
}

function* file(name: string, bytes: Buffer): Generator<Buffer> {
  yield tarHeader({ type: 'file', name, size: bytes.length });
  yield bytes;
  yield tarPadding(bytes.length);
}

async function* layerFile(store: ContentStore, path: string, layer: SavedLayer, image: Prepared): AsyncGenerator<Buffer> {
  yield tarHeader({ type: 'file', name: path, size: layer.size });
  let written = 0;
  for await (const chunk of layerTarStream(store, layer.blob, layer.diffId, `layer ${layer.blob} of image ${image.image.id}`)) {
    written += (chunk as Buffer).length;
    if (written > layer.size) break;
    yield chunk as Buffer;
  }
  if (written !== layer.size) {
    throw new BerthError({
      code: 'IMAGE_LAYER_CHANGED',
      kind: 'internal',
      message: `layer ${layer.blob} of image ${image.image.id} decompressed to ${layer.size} bytes when measured and to ${written > layer.size ? 'more' : written} when saved`,
      hint: 'the image store changed during the save; save again',
    });
  }
  yield tarPadding(layer.size);
}

/** index.json: one entry per tag, named as Docker 25 names them, and one without a name for an untagged image. */
function ociIndex(images: Prepared[]): object {
  const manifests = images.flatMap((image) => {
    const descriptor = {
      mediaType: MediaTypes.ociManifest,
      digest: image.savedManifestDigest,
      size: image.savedManifest.length,
      ...(image.config.architecture && image.config.os
        ? { platform: { architecture: image.config.architecture, os: image.config.os, ...(image.config.variant ? { variant: image.config.variant } : {}) } }
        : {}),
    };
    if (image.tags.length === 0) return [descriptor];
    return image.tags.map((tag) => ({
      ...descriptor,
      annotations: { 'io.containerd.image.name': formatReference(tag), 'org.opencontainers.image.ref.name': tag.tag ?? 'latest' },
    }));
  });
  return { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests };
}

/** manifest.json: what docker load reads. */
function dockerManifest(images: Prepared[]): object[] {
  return images.map((image) => ({
    Config: blobPath(image.image.id),
    RepoTags: image.tags.length > 0 ? image.tags.map(familiarString) : null,
    Layers: image.layers.map((layer) => blobPath(layer.diffId)),
  }));
}

/** repositories: the pre-1.10 index, `{"busybox": {"latest": "<top layer>"}}`, still written by Docker. */
function legacyRepositories(images: Prepared[]): Record<string, Record<string, string>> {
  const repositories: Record<string, Record<string, string>> = {};
  for (const image of images) {
    const top = image.layers.at(-1);
    if (!top) continue;
    for (const tag of image.tags) {
      (repositories[familiarReference({ domain: tag.domain, path: tag.path })] ??= {})[tag.tag ?? 'latest'] = hexOf(top.diffId);
    }
  }
  return repositories;
}

function blobPath(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `blobs/${algorithm}/${hex}`;
}

function hexOf(digest: string): string {
  return parseDigest(digest).hex;
}
