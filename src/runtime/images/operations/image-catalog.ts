import { familiarReference, formatReference, parseReference, repositoryName, type ImageReference } from '../reference/index.js';
import { parseDigest, type ContentStore, type NamedImageRecord } from '../store/index.js';

/**
 * The store keeps records, reference -> manifest and config; Docker's operations talk about
 * images, each with its tags and digests. This file turns one into the other.
 *
 * A record's key is one of:
 * - a tag, `docker.io/library/busybox:latest` (what pulls, tags, loads and imports write);
 * - a digest reference, `docker.io/library/busybox@sha256:...` (a pull by digest);
 * - the image id itself, `sha256:<hex>`, for an image kept without a name (Docker's dangling
 *   `<none>:<none>`: an import without a reference, a load without tags, or an image whose last
 *   tag moved to another image). No reference can be spelled that way, since Docker refuses
 *   `sha256` as a repository name.
 *
 * RepoDigests are derived: a tag record whose manifest is M gives `repo@M` (Docker's pull stores
 * that reference beside the tag), a digest record gives its own digest.
 */
export interface StoredImage {
  /** The image id: its configuration's digest. */
  id: string;
  /** The manifest of its first record, for operations that need one (tag, save). */
  manifestDigest: string;
  /** Every record that points at it. */
  records: NamedImageRecord[];
  /** Its tags, sorted by their full form as Docker sorts them. */
  tags: ImageReference[];
  /** Its digest references, `name@digest`, sorted by their full form. */
  digests: ImageReference[];
}

export type RecordKey =
  | { kind: 'id' }
  | { kind: 'tag'; reference: ImageReference }
  | { kind: 'digest'; reference: ImageReference };

export function classifyKey(key: string): RecordKey {
  if (isImageIdKey(key)) return { kind: 'id' };
  const reference = parseReference(key);
  // `name:tag@digest` names what the digest says; Docker keeps only the digest of such a pull.
  if (reference.digest !== undefined) return { kind: 'digest', reference: { domain: reference.domain, path: reference.path, digest: reference.digest } };
  return { kind: 'tag', reference };
}

/** The key of the record that keeps an image without a name. */
export function imageIdKey(id: string): string {
  return id;
}

function isImageIdKey(key: string): boolean {
  try {
    parseDigest(key);
    return true;
  } catch {
    return false;
  }
}

/** Every image in the store, by id. */
export async function storedImages(store: ContentStore): Promise<StoredImage[]> {
  const byId = new Map<string, StoredImage>();
  for (const record of await store.images()) {
    let image = byId.get(record.configDigest);
    if (!image) {
      image = { id: record.configDigest, manifestDigest: record.manifestDigest, records: [], tags: [], digests: [] };
      byId.set(image.id, image);
    }
    image.records.push(record);
    const key = classifyKey(record.reference);
    if (key.kind === 'tag') {
      image.tags.push(key.reference);
      addDigest(image, { domain: key.reference.domain, path: key.reference.path, digest: record.manifestDigest });
    } else if (key.kind === 'digest') {
      addDigest(image, key.reference);
    }
  }
  const images = [...byId.values()].sort((a, b) => compare(a.id, b.id));
  for (const image of images) {
    image.tags.sort((a, b) => compare(formatReference(a), formatReference(b)));
    image.digests.sort((a, b) => compare(formatReference(a), formatReference(b)));
  }
  return images;
}

function addDigest(image: StoredImage, reference: ImageReference): void {
  const text = formatReference(reference);
  if (!image.digests.some((known) => formatReference(known) === text)) image.digests.push(reference);
}

/** Docker's `RepoTags`: the familiar name with its tag always written (`busybox:latest`). */
export function repoTags(image: StoredImage): string[] {
  return image.tags.map(familiarString);
}

/** Docker's `RepoDigests`: `busybox@sha256:...`. */
export function repoDigests(image: StoredImage): string[] {
  return image.digests.map(familiarString);
}

/**
 * Docker's `FamiliarString`: the short name, and the tag or digest as written, `:latest` kept
 * (`busybox:latest`, `busybox@sha256:...`, `127.0.0.1:5000/app:1`).
 */
export function familiarString(reference: ImageReference): string {
  const name = familiarReference({ domain: reference.domain, path: reference.path });
  return reference.digest !== undefined ? `${name}@${reference.digest}` : `${name}:${reference.tag ?? 'latest'}`;
}

/** Whether `image` answers to `reference`: a tag exactly, a digest within its repository. */
export function answersTo(image: StoredImage, reference: ImageReference): boolean {
  if (reference.digest !== undefined) {
    const repository = repositoryName(reference);
    return image.digests.some((known) => repositoryName(known) === repository && known.digest === reference.digest);
  }
  const text = formatReference(reference);
  return image.tags.some((tag) => formatReference(tag) === text);
}

/** `sha256:0123456789ab...` -> `0123456789ab`, as Docker shortens ids in messages. */
export function shortId(id: string): string {
  return id.slice(id.indexOf(':') + 1).slice(0, 12);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
