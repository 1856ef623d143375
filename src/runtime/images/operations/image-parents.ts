import type { ContentStore } from '../store/index.js';
import { storedImages, type StoredImage } from './image-catalog.js';
import { readImageConfig, type HistoryEntry, type ImageConfig } from './image-config.js';

/** What finding an image's parent reads of each image. */
export interface ImageLineage {
  id: string;
  history: readonly HistoryEntry[];
  diffIds: readonly string[];
}

/**
 * Each image's parent among `images`, by child id: the image it was built or committed on. Docker
 * records that link when a commit or a build step makes the child; berth reads it from the
 * content, which says the same: a child has its parent's history with one entry more, and its
 * parent's layers with the one that entry added (none for an empty layer). Pulled and loaded
 * images have no parent unless another image's content is exactly theirs minus one step.
 */
export function imageParents(images: readonly ImageLineage[]): Map<string, string> {
  const bySignature = new Map<string, string>();
  for (const image of images) {
    const signature = lineageSignature(image.history, image.diffIds);
    if (!bySignature.has(signature)) bySignature.set(signature, image.id);
  }
  const parents = new Map<string, string>();
  for (const image of images) {
    const last = image.history.at(-1);
    if (last === undefined) continue;
    const diffIds = last.empty_layer ? image.diffIds : image.diffIds.slice(0, -1);
    if (!last.empty_layer && image.diffIds.length === 0) continue;
    const parent = bySignature.get(lineageSignature(image.history.slice(0, -1), diffIds));
    if (parent !== undefined && parent !== image.id) parents.set(image.id, parent);
  }
  return parents;
}

function lineageSignature(history: readonly HistoryEntry[], diffIds: readonly string[]): string {
  return JSON.stringify([history.map((entry) => [entry.created ?? '', entry.created_by ?? '', entry.empty_layer === true]), diffIds]);
}

/**
 * Every stored image with its configuration, and each one's parent: what listing, removal and
 * history walk. `also` adds images the records no longer name (one being removed).
 */
export async function storedLineage(store: ContentStore, also: readonly StoredImage[] = []): Promise<{ images: StoredImage[]; configs: Map<string, ImageConfig>; parents: Map<string, string> }> {
  const stored = await storedImages(store);
  const images = [...stored, ...also.filter((image) => !stored.some((other) => other.id === image.id))];
  const configs = new Map(await Promise.all(images.map(async (image) => [image.id, await readImageConfig(store, image.id, `image ${image.id}`)] as const)));
  const parents = imageParents(images.map((image) => ({ id: image.id, history: configs.get(image.id)!.history ?? [], diffIds: configs.get(image.id)!.diffIds })));
  return { images, configs, parents };
}
