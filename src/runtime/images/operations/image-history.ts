import type { ContentStore } from '../store/index.js';
import { unixSeconds } from './docker-time.js';
import { findImage } from './find-image.js';
import { repoTags } from './image-catalog.js';
import { malformedConfig, readImageConfig } from './image-config.js';
import { layerSizes } from './layer-size.js';

/** One entry of `GET /images/{name}/history`. */
export interface ImageHistoryItem {
  /** The image id on the newest entry; `<missing>` below it, as for any pulled image in Docker. */
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  /** The image's tags on the newest entry (null when it has none), null below. */
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
  const newest = items[0];
  if (newest) {
    const tags = repoTags(image);
    Object.assign(newest, { Id: image.id, Tags: tags.length > 0 ? tags : null });
  }
  return items;
}
