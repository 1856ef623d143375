import { BerthError } from '../../../errors/index.js';
import { parseReference, type ImageReference } from '../reference/index.js';
import type { ContentStore } from '../store/index.js';
import { imageIdKey } from './image-catalog.js';

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

