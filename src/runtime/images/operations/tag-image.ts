import { formatReference } from '../reference/index.js';
import type { ContentStore } from '../store/index.js';
import { findImage } from './find-image.js';
import { parseTagTarget, pointReference } from './point-reference.js';

/**
 * `docker tag SOURCE TARGET`: `source` in any form findImage() accepts, `target` a name with an
 * optional tag (`latest` when none). A target that named another image moves, and that image is
 * kept under its id if nothing else names it.
 */
export async function tagImage(store: ContentStore, source: string, target: string): Promise<void> {
  const reference = parseTagTarget(target);
  const { image } = await findImage(store, source);
  await pointReference(store, formatReference(reference), image.manifestDigest, image.id);
}
