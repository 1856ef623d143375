import type { ImageDeleteItem } from '../../../api/types/images.js';
import { BerthError } from '../../../errors/index.js';
import { formatReference, repositoryName, type ImageReference } from '../reference/index.js';
import { chainIds, type ContentStore, type NamedImageRecord } from '../store/index.js';
import { findImage } from './find-image.js';
import { classifyKey, familiarString, imageIdKey, shortId, type StoredImage } from './image-catalog.js';
import { readImageConfig } from './image-config.js';
import { storedLineage } from './image-parents.js';
import { keepUnnamed } from './point-reference.js';
import { reachableContent } from './reachable-content.js';

/** A container that uses an image: its id (or name) as messages should show it, and whether it runs. */
export interface ImageUser {
  container: string;
  running: boolean;
}

export interface RemoveImageOptions {
  /** Docker's `--force`. Default false. */
  force?: boolean;
  /**
   * The container side: a container using the image with this id, if any. Until containers exist
   * nothing uses an image (the default).
   */
  inUse?: (imageId: string) => ImageUser | undefined | Promise<ImageUser | undefined>;
  /** Docker's `--no-prune`: keep the untagged parents of a deleted image. Default false. */
  noprune?: boolean;
}

/**
 * `docker rmi NAME`, with Docker's rules (daemon/images/image_delete.go):
 *
 * - By reference: that name goes (`Untagged`). Removing a repository's last tag takes its digest
 *   references with it. While the image keeps another name, that is all. Refused without `force`
 *   when this is the image's only name and a container uses it.
 * - By id: every name goes when they are all in one repository with at most one tag; more names
 *   than that need `force`. Refused when a running container uses it (even with `force`) or a
 *   stopped one does (without `force`).
 * - An image left with no name is deleted (`Deleted: <id>`), then garbage collection removes the
 *   blobs and layers no record reaches, and each of its layers removed is listed (`Deleted:
 *   <ChainID>`, top first).
 *
 * One difference from Docker: an image left nameless while a container uses it (forced) is kept
 * under its id, where Docker deletes the image and keeps the layers through the container's own
 * layer reference; berth's containers reach layers only through image records.
 *
 * Garbage collection spares what pulls, loads, imports and pushes under way hold leases on
 * (ContentStore.lease), so it may run beside them.
 */
export async function removeImage(store: ContentStore, name: string, options: RemoveImageOptions = {}): Promise<ImageDeleteItem[]> {
  const force = options.force ?? false;
  const found = await findImage(store, name);
  const { image } = found;
  const user = await options.inUse?.(image.id);
  const named = image.records.filter((record) => classifyKey(record.reference).kind !== 'id');
  const items: ImageDeleteItem[] = [];
  const untag = async (records: NamedImageRecord[]): Promise<void> => {
    for (const record of records) {
      await store.untag(record.reference);
      const key = classifyKey(record.reference);
      if (key.kind !== 'id') items.push({ Untagged: familiarString(key.reference) });
    }
  };

  if (found.by === 'reference') {
    if (!force && user && isSingleReference(named)) {
      throw inUse(`unable to remove repository reference "${name}" (must force) - container ${user.container} is using its referenced image ${shortId(image.id)}`, user);
    }
    const removed = recordsNamedBy(named, found.reference);
    await untag(removed);
    let remaining = named.filter((record) => !removed.includes(record));
    if (found.reference.digest === undefined) {
      const repository = repositoryName(found.reference);
      const sameRepository = remaining.map((record) => ({ record, key: classifyKey(record.reference) })).filter(({ key }) => key.kind !== 'id' && repositoryName(key.reference) === repository);
      if (!sameRepository.some(({ key }) => key.kind === 'tag')) {
        const digests = sameRepository.map(({ record }) => record);
        await untag(digests);
        remaining = remaining.filter((record) => !digests.includes(record));
      }
    }
    if (remaining.length > 0) return items;
  } else {
    if (user?.running) throw cannotDelete(image, 'cannot be forced', `image is being used by running container ${user.container}`, user);
    if (!force && !isSingleReference(named) && named.length > 0) throw cannotDelete(image, 'must be forced', 'image is referenced in multiple repositories');
    if (!force && user) throw cannotDelete(image, 'must be forced', `image is being used by stopped container ${user.container}`, user);
    await untag(named);
  }

  if (user) {
    await keepUnnamed(store, image.manifestDigest, image.id);
    return items;
  }
  const doomed = [image, ...(options.noprune ? [] : await unusedParents(store, image, options))];
  return [...items, ...(await deleteImages(store, doomed))];
}

/**
 * The parents a deleted image takes with it, as Docker's delete does unless `noprune`: walking
 * down from the image, each parent without a name, without another child and not used by a
 * container (a build's intermediate steps, once what was built on them goes).
 */
async function unusedParents(store: ContentStore, image: StoredImage, options: RemoveImageOptions): Promise<StoredImage[]> {
  // The image itself may have lost its last record already (removed by its name).
  const { images, parents } = await storedLineage(store, [image]);
  const children = new Map<string, number>();
  for (const parent of parents.values()) children.set(parent, (children.get(parent) ?? 0) + 1);
  const doomed: StoredImage[] = [];
  let child = image.id;
  for (;;) {
    const parentId = parents.get(child);
    const parent = parentId === undefined ? undefined : images.find((stored) => stored.id === parentId);
    if (!parent || children.get(parent.id) !== 1) break;
    if (parent.records.some((record) => classifyKey(record.reference).kind !== 'id')) break;
    if (await options.inUse?.(parent.id)) break;
    doomed.push(parent);
    child = parent.id;
  }
  return doomed;
}

/** Drops the images' nameless records, then collects garbage; lists the images and their layers that went. */
async function deleteImages(store: ContentStore, images: readonly StoredImage[]): Promise<ImageDeleteItem[]> {
  // Read before collecting: the configurations are among what goes.
  const chains = await Promise.all(images.map(async (image) => chainIds((await readImageConfig(store, image.id, `image ${image.id}`)).diffIds)));
  for (const image of images) await store.untag(imageIdKey(image.id));
  const report = await store.collectGarbage(() => reachableContent(store));
  const removed = new Set(report.layers);
  const items: ImageDeleteItem[] = [];
  const listed = new Set<string>();
  images.forEach((image, index) => {
    items.push({ Deleted: image.id });
    for (const chainId of [...chains[index]!].reverse()) {
      if (removed.has(chainId) && !listed.has(chainId)) {
        listed.add(chainId);
        items.push({ Deleted: chainId });
      }
    }
  });
  return items;
}

/**
 * The records a reference removes: a tag's own record; for `name@digest`, the digest records
 * and the tags of that repository whose manifest it is (berth keeps those digests implied by
 * the tags, where Docker keeps a separate reference for each).
 */
function recordsNamedBy(records: NamedImageRecord[], reference: ImageReference): NamedImageRecord[] {
  if (reference.digest === undefined) return records.filter((record) => record.reference === formatReference(reference));
  const repository = repositoryName(reference);
  return records.filter((record) => {
    const key = classifyKey(record.reference);
    if (key.kind === 'id' || repositoryName(key.reference) !== repository) return false;
    return key.kind === 'digest' ? key.reference.digest === reference.digest : record.manifestDigest === reference.digest;
  });
}

/** Docker's isSingleReference: all names in one repository, and at most one of them a tag. */
function isSingleReference(records: NamedImageRecord[]): boolean {
  const keys = records.map((record) => classifyKey(record.reference)).filter((key) => key.kind !== 'id');
  if (keys.length <= 1) return keys.length === 1;
  let single: ImageReference | undefined;
  const digestRepositories = new Set<string>();
  for (const key of keys) {
    if (key.kind === 'digest') digestRepositories.add(repositoryName(key.reference));
    else if (single === undefined) single = key.reference;
    else return false;
  }
  const chosen = single ?? keys[0]!.reference;
  return digestRepositories.size === 1 && digestRepositories.has(repositoryName(chosen));
}

function cannotDelete(image: StoredImage, forceability: string, reason: string, user?: ImageUser): BerthError {
  const detail = `unable to delete ${shortId(image.id)} (${forceability}) - ${reason}`;
  if (user) return inUse(detail, user);
  return new BerthError({
    code: 'IMAGE_NAMED_ELSEWHERE',
    kind: 'conflict',
    message: `conflict: ${detail}`,
    hint: 'remove the image by each of its names, or force the removal to drop them all',
  });
}

function inUse(detail: string, user: ImageUser): BerthError {
  return new BerthError({
    code: 'IMAGE_IN_USE',
    kind: 'conflict',
    message: `conflict: ${detail}`,
    hint: `remove container ${user.container} first${user.running ? ' (stop it, or remove it with --force)' : ''}; a forced removal leaves the image without a name until the container is gone`,
  });
}
