import { BerthError } from '../../../errors/index.js';
import { parseReference, type ImageReference } from '../reference/index.js';
import { hostPlatform, MediaTypes, selectPlatform, type ImageIndex } from '../registry/index.js';
import { parseDigest } from '../store/index.js';
import { archiveInvalid } from './archive-errors.js';
import type { ArchiveMembers } from './archive-members.js';
import { diffIdsOf, type ImageConfigFile } from './image-config.js';
import { parseTagTarget } from './point-reference.js';
import type { ImageToStore } from './store-image.js';

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  annotations?: Record<string, string>;
}

/** The annotations that name an image in an index: containerd's full name, and the OCI ref name. */
const imageNameAnnotation = 'io.containerd.image.name';
const refNameAnnotation = 'org.opencontainers.image.ref.name';

/**
 * The images of an OCI image layout (image-spec image-layout.md), from index.json: each entry a
 * manifest, or an index from which this machine's platform is chosen as a pull chooses it.
 * Names come from `io.containerd.image.name` (Docker 25 and containerd), else from
 * `org.opencontainers.image.ref.name` when that is a whole reference (`busybox:1`, skopeo's
 * `oci-archive:FILE:busybox:1`); a bare tag (`latest`, `1.36`) names no repository, so such an
 * image is kept under its id. The manifest is stored as the layout holds it, so the image keeps
 * its manifest digest.
 */
export async function ociLayoutImages(members: ArchiveMembers): Promise<ImageToStore[]> {
  const index = await members.readJson('index.json', 'the archive');
  if (!isIndex(index)) throw archiveInvalid('index.json is not an OCI image index ({"manifests": [descriptors]})');
  const images = new Map<string, ImageToStore>();
  for (const entry of index.manifests) {
    const references = namesOf(entry);
    const subject = `image ${entry.annotations?.[imageNameAnnotation] ?? entry.annotations?.[refNameAnnotation] ?? entry.digest} of index.json`;
    const manifest = await manifestOf(members, entry, subject);
    const known = images.get(manifest.digest);
    if (known) {
      known.references.push(...references);
      continue;
    }
    images.set(manifest.digest, await imageOf(members, manifest, subject, references));
  }
  return [...images.values()];
}

/** The entry's manifest, choosing from a nested index; its JSON and its digest. */
async function manifestOf(members: ArchiveMembers, entry: Descriptor, subject: string): Promise<{ digest: string; json: Record<string, unknown> }> {
  let digest = entry.digest;
  let json = await readBlob(members, digest, 'index.json');
  if (isIndex(json)) {
    digest = selectPlatform(json as unknown as ImageIndex, hostPlatform(), subject).digest;
    json = await readBlob(members, digest, `index ${entry.digest}`);
  }
  const mediaType = json.mediaType ?? entry.mediaType;
  if (isIndex(json) || (mediaType !== undefined && mediaType !== MediaTypes.ociManifest && mediaType !== MediaTypes.dockerManifest)) {
    throw archiveInvalid(`${subject}: ${digest} is not an image manifest (media type ${String(mediaType)})`, 'nested indexes and artifacts other than images cannot be loaded');
  }
  return { digest, json };
}

async function imageOf(members: ArchiveMembers, manifest: { digest: string; json: Record<string, unknown> }, subject: string, references: ImageReference[]): Promise<ImageToStore> {
  const config = manifest.json.config;
  const layers = manifest.json.layers;
  if (!isDescriptor(config) || !Array.isArray(layers) || !layers.every(isDescriptor)) {
    throw archiveInvalid(`${subject}: manifest ${manifest.digest} lacks a config descriptor or a list of layer descriptors`);
  }
  const stored = await members.toStore(blobPath(config.digest, manifest.digest), `manifest ${manifest.digest}`);
  const configFile = (await members.readJson(blobPath(config.digest, manifest.digest), `manifest ${manifest.digest}`)) as ImageConfigFile;
  const blobs = [];
  for (const layer of layers) blobs.push(await members.toStore(blobPath(layer.digest, manifest.digest), `manifest ${manifest.digest}`));
  await members.toStore(blobPath(manifest.digest, 'index.json'), 'index.json');
  return { subject, config: stored, diffIds: diffIdsOf(configFile, subject), layers: blobs, manifestDigest: manifest.digest, references };
}

async function readBlob(members: ArchiveMembers, digest: string, owner: string): Promise<Record<string, unknown>> {
  const json = await members.readJson(blobPath(digest, owner), owner);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw archiveInvalid(`${owner} names ${digest}, which is not a JSON object`);
  return json as Record<string, unknown>;
}

function namesOf(entry: Descriptor): ImageReference[] {
  const name = entry.annotations?.[imageNameAnnotation];
  if (name !== undefined) {
    // containerd may name an image by digest; only a tag can name it here.
    return parseReference(name).digest === undefined ? [parseTagTarget(name, `index.json name of ${entry.digest}`)] : [];
  }
  const refName = entry.annotations?.[refNameAnnotation];
  if (refName !== undefined && /[/:]/.test(refName)) return [parseTagTarget(refName, `index.json ref name of ${entry.digest}`)];
  return [];
}

/** `blobs/<algorithm>/<hex>`, where an image layout keeps the blob a descriptor names. */
function blobPath(digest: string, owner: string): string {
  try {
    const { algorithm, hex } = parseDigest(digest);
    return `blobs/${algorithm}/${hex}`;
  } catch (error) {
    if (!(error instanceof BerthError)) throw error;
    throw archiveInvalid(`${owner} names ${JSON.stringify(digest)}, which is not a digest`);
  }
}

function isIndex(value: unknown): value is { manifests: Descriptor[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { manifests?: unknown }).manifests) && (value as { manifests: unknown[] }).manifests.every(isDescriptor);
}

function isDescriptor(value: unknown): value is Descriptor {
  return typeof value === 'object' && value !== null && typeof (value as { digest?: unknown }).digest === 'string';
}
