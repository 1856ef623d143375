import type { ContentStore } from '../store/index.js';
import { unixSeconds } from './docker-time.js';
import { findImage } from './find-image.js';
import { repoTags, type StoredImage } from './image-catalog.js';
import { malformedConfig, readImageConfig } from './image-config.js';
import { storedLineage } from './image-parents.js';
import { layerSizes } from './layer-size.js';

/** One entry of `GET /images/{name}/history`. */
export interface ImageHistoryItem {
  /** The id of the image the entry made, when the store has it (the newest entry's, a build's steps); else `<missing>`, as in Docker. */
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  /** The tags of the image the entry made (null when it has none or is missing). */
  Tags: string[] | null;
  /** The size of the layer the step made; 0 for steps that made none (`empty_layer`). */
  Size: number;
  Comment: string;
}

/**
 * The image's history from its configuration, newest first, as Docker's `ImageHistory` builds it:
 * each step that made a layer is paired with the next DiffID and shows that layer's size.
 */
export async function imageHistory(store: ContentStore, name: string): Promise<ImageHistoryItem[]> {
  const { image } = await findImage(store, name);
  const config = await readImageConfig(store, image.id, `image ${name}`);
  const sizes = await layerSizes(store, config.diffIds, `image ${name}`);
  let layer = 0;
  const items: ImageHistoryItem[] = [];
  for (const step of config.history ?? []) {
    let size = 0;
    if (step.empty_layer !== true) {
      if (layer >= sizes.length) throw malformedConfig(`image ${name}`, 'its history lists more steps with layers than rootfs.diff_ids has layers');
      size = sizes[layer++]!;
    }
    items.unshift({ Id: '<missing>', Created: unixSeconds(step.created), CreatedBy: step.created_by ?? '', Tags: null, Size: size, Comment: step.comment ?? '' });
  }
  // Each image on the way down (the image, its parent, the parent's parent...) names its own newest entry.
  const { images, configs, parents } = await storedLineage(store);
  const parentOf = (id: string): StoredImage | undefined => images.find((stored) => stored.id === parents.get(id));
  for (let current: StoredImage | undefined = image; current !== undefined; current = parentOf(current.id)) {
    const entry = items[items.length - (configs.get(current.id)?.history ?? []).length];
    if (!entry) break;
    const tags = repoTags(current);
    Object.assign(entry, { Id: current.id, Tags: tags.length > 0 ? tags : null });
  }
  return items;
}
