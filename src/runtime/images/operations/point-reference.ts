import { BerthError } from '../../../errors/index.js';
import { formatReference, parseReference, type ImageReference } from '../reference/index.js';
import type { ContentStore } from '../store/index.js';
import { answersTo, imageIdKey, storedImages } from './image-catalog.js';

/**
 * Points the record `key` (a full reference) at an image, as Docker moves a tag: the image loses
 * its nameless record if it had one, and an image the tag leaves behind with no other record is
 * kept under its id (Docker's dangling `<none>:<none>`), so its layers stay for the containers
 * that may still run it and garbage collection does not take them.
 */
export async function pointReference(store: ContentStore, key: string, manifestDigest: string, id: string): Promise<void> {
  const previous = await store.resolve(key);
  await store.tag(key, manifestDigest, id);
  await store.untag(imageIdKey(id));
  if (previous === undefined || previous.configDigest === id) return;
  const stillNamed = (await store.images()).some((record) => record.configDigest === previous.configDigest);
  if (!stillNamed) await store.tag(imageIdKey(previous.configDigest), previous.manifestDigest, previous.configDigest);
}

/**
 * Points a pulled reference at an image, as Docker's pull does; resolves to false when the
 * reference named that image already (Docker's "Image is up to date"), true when it named
 * another image or none ("Downloaded newer image"). Docker's pull keeps `name@manifest` beside
 * each tag it writes, so the image a later pull moves the tag off stays under that digest
 * reference, without a tag (`docker images` shows `name <none>`, and it counts as dangling);
 * berth, whose digests follow from its tags, writes that digest reference when the tag moves.
 */
export async function pointPulledReference(store: ContentStore, reference: ImageReference, manifestDigest: string, id: string): Promise<boolean> {
  const alreadyNamed = (await storedImages(store)).some((image) => image.id === id && answersTo(image, reference));
  const key = formatReference(reference);
  const previous = await store.resolve(key);
  if (reference.digest === undefined && previous !== undefined && previous.configDigest !== id) {
    // Written before the tag moves, so the image it leaves always has a record.
    const digestKey = formatReference({ domain: reference.domain, path: reference.path, digest: previous.manifestDigest });
    await store.tag(digestKey, previous.manifestDigest, previous.configDigest);
  }
  await pointReference(store, key, manifestDigest, id);
  return !alreadyNamed;
}

/** Keeps an image under its id unless some record already names it. */
export async function keepUnnamed(store: ContentStore, manifestDigest: string, id: string): Promise<void> {
  if ((await store.images()).some((record) => record.configDigest === id)) return;
  await store.tag(imageIdKey(id), manifestDigest, id);
}

/**
 * Parses a reference that is to become a tag, with Docker's refusals: no digest (a digest names
 * content, it cannot be pointed elsewhere) and not `sha256` as the name (it would read as an id).
 * `subject` says where the text came from, for the message.
 */
export function parseTagTarget(text: string, subject = 'tag'): ImageReference {
  const reference = parseReference(text);
  if (reference.digest !== undefined) {
    throw new BerthError({
      code: 'INVALID_TAG',
      kind: 'usage',
      message: `${subject} "${text}": refusing to create a tag with a digest reference`,
      hint: 'a tag is NAME[:TAG]; leave out the "@sha256:..." part',
    });
  }
  if (reference.domain === 'docker.io' && reference.path === 'library/sha256') {
    throw new BerthError({
      code: 'INVALID_TAG',
      kind: 'usage',
      message: `${subject} "${text}": refusing to create an ambiguous tag using digest algorithm as name`,
      hint: 'choose another repository name; "sha256:<hex>" is how image ids are written',
    });
  }
  return reference;
}

