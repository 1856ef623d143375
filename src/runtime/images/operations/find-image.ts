import { BerthError } from '../../../errors/index.js';
import { parseReference, type ImageReference } from '../reference/index.js';
import type { ContentStore } from '../store/index.js';
import { answersTo, shortId, storedImages, type StoredImage } from './image-catalog.js';

export type FoundImage =
  | { image: StoredImage; by: 'id' }
  /** `reference` is the parsed text, normalized (`busybox` is `docker.io/library/busybox:latest`). */
  | { image: StoredImage; by: 'reference'; reference: ImageReference };

const fullId = /^(?:sha256:)?([0-9a-f]{64})$/;
const idPrefix = /^(?:sha256:)?([0-9a-f]+)$/;

/**
 * Finds an image the way Docker's daemon does (`GetImage`): a full id (`sha256:<hex>` or the 64
 * hex digits alone); else a reference in any form (`busybox`, `busybox:1`,
 * `docker.io/library/busybox:latest`, `busybox@sha256:...`); else an id prefix of any length,
 * with or without `sha256:`, that only one image has. A name wins over an id prefix that
 * spells the same text, as in Docker.
 *
 * @throws BerthError IMAGE_NOT_FOUND (`No such image: ...`, Docker's words), IMAGE_ID_AMBIGUOUS,
 *   or INVALID_REFERENCE for text that is neither.
 */
export async function findImage(store: ContentStore, text: string): Promise<FoundImage> {
  const images = await storedImages(store);
  const full = fullId.exec(text);
  if (full) {
    const image = images.find((candidate) => candidate.id === `sha256:${full[1]}`);
    if (image) return { image, by: 'id' };
    throw noSuchImage(text);
  }
  const reference = parseReference(text);
  const named = images.find((image) => answersTo(image, reference));
  if (named) return { image: named, by: 'reference', reference };
  const prefix = idPrefix.exec(text)?.[1];
  if (prefix !== undefined) {
    const matches = images.filter((image) => image.id.startsWith(`sha256:${prefix}`));
    if (matches.length === 1) return { image: matches[0]!, by: 'id' };
    if (matches.length > 1) {
      throw new BerthError({
        code: 'IMAGE_ID_AMBIGUOUS',
        kind: 'usage',
        message: `image id prefix "${text}" is ambiguous: it starts ${matches.map((image) => shortId(image.id)).join(', ')}`,
        hint: 'write more digits of the id, or name the image by its reference',
      });
    }
  }
  throw noSuchImage(text);
}

export function noSuchImage(text: string): BerthError {
  return new BerthError({
    code: 'IMAGE_NOT_FOUND',
    kind: 'not-found',
    message: `No such image: ${text}`,
    hint: 'list the images with `berth images`; pull or load the image first',
  });
}
