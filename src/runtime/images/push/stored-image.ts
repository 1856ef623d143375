import { readFile } from 'node:fs/promises';
import { BerthError } from '../../../errors/index.js';
import { MediaTypes, type Descriptor, type ImageManifest } from '../registry/index.js';
import type { ContentStore } from '../store/index.js';

/** An image as the store holds it: the manifest's exact bytes (so its digest survives a push) and what they say. */
export interface StoredImage {
  manifestDigest: string;
  mediaType: string;
  bytes: Buffer;
  manifest: ImageManifest;
}

/**
 * Reads the image `reference` (the full form, as the store's records key it) and checks that the
 * store holds every blob its manifest names, or for a layer knows where it was pulled from
 * (absent-layer.ts), so a push fails before it sends anything rather than halfway.
 */
export async function readStoredImage(store: ContentStore, reference: string): Promise<StoredImage> {
  const record = await store.resolve(reference);
  if (record === undefined) {
    throw new BerthError({
      code: 'IMAGE_NOT_FOUND',
      kind: 'not-found',
      message: `image ${reference} is not in the image store`,
      hint: `pull it first, or tag a stored image as ${reference}`,
    });
  }
  const bytes = await readManifestBytes(store, record.manifestDigest, reference);
  const json = parseManifest(bytes, record.manifestDigest, reference);
  const missing: string[] = [];
  for (const [what, descriptor] of blobsOf(json.manifest)) {
    if (await store.has(descriptor.digest)) continue;
    if (what !== 'config' && (await store.origins(descriptor.digest)).length > 0) continue;
    missing.push(`${descriptor.digest} (${what})`);
  }
  if (missing.length > 0) {
    throw new BerthError({
      code: 'IMAGE_BLOB_MISSING',
      kind: 'not-found',
      message: `cannot push ${reference}: the image store lacks ${missing.length === 1 ? 'blob' : 'blobs'} ${missing.join(', ')}, and does not know where to fetch ${missing.length === 1 ? 'it' : 'them'}`,
      // berth pushes blobs exactly as pulled and never recompresses an unpacked layer; a pull that
      // skips a layer's download notes where the blob can be fetched instead.
      hint: `pull the image again by digest from a registry that has it (berth pull REPOSITORY@${record.manifestDigest}), then push again`,
    });
  }
  return { manifestDigest: record.manifestDigest, bytes, ...json };
}

/** The config, then the layers bottom first, each once (a manifest may repeat a layer). */
function blobsOf(manifest: ImageManifest): Array<[what: string, descriptor: Descriptor]> {
  const blobs = new Map<string, [string, Descriptor]>([[manifest.config.digest, ['config', manifest.config]]]);
  manifest.layers.forEach((layer, index) => {
    if (!blobs.has(layer.digest)) blobs.set(layer.digest, [`layer ${index + 1} of ${manifest.layers.length}`, layer]);
  });
  return [...blobs.values()];
}

async function readManifestBytes(store: ContentStore, digest: string, reference: string): Promise<Buffer> {
  try {
    return await readFile(store.path(digest));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new BerthError({
      code: 'IMAGE_BLOB_MISSING',
      kind: 'not-found',
      message: `cannot push ${reference}: its manifest ${digest} is not in the image store`,
      hint: `pull ${reference} again`,
      cause: error,
    });
  }
}

/**
 * The manifest's media type, as the registry will be told it: the JSON's own `mediaType`, else
 * OCI (where the field is optional). Only image manifests are pushed; an index is not stored
 * under a reference.
 */
function parseManifest(bytes: Buffer, digest: string, reference: string): { mediaType: string; manifest: ImageManifest } {
  let json: Partial<ImageManifest> | undefined;
  try {
    json = JSON.parse(bytes.toString('utf8')) as Partial<ImageManifest>;
  } catch {
    json = undefined;
  }
  const mediaType = json?.mediaType ?? MediaTypes.ociManifest;
  const isImageManifest = mediaType === MediaTypes.dockerManifest || mediaType === MediaTypes.ociManifest;
  if (json === undefined || !isImageManifest || typeof json.config?.digest !== 'string' || !Array.isArray(json.layers)) {
    throw new BerthError({
      code: 'MANIFEST_INVALID',
      kind: 'internal',
      message: `cannot push ${reference}: the stored manifest ${digest} is not a Docker schema 2 or OCI image manifest`,
      hint: `the image store is damaged; pull ${reference} again`,
    });
  }
  return { mediaType, manifest: json as ImageManifest };
}
