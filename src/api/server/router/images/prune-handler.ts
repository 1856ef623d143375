import { BerthError } from '../../../../errors/index.js';
import type { ImageDeleteItem } from '../../../types/images.js';
import type { ApiCall } from '../../http/route.js';
import { chainIds, inspectImage, layerSize, listImages, removeImage, type ContentStore } from '../../../../runtime/images/index.js';
import { booleanFilter, checkFilterKeys, matchesLabels } from './image-filters.js';
import { publishRemoval } from './image-events.js';
import type { ImagesBackend } from './index.js';
import { untilCutoff } from '../until-filter.js';

const acceptedFilters = ['dangling', 'label', 'label!', 'until'];

/**
 * `POST /images/prune` (`docker image prune`), as dockerd's ImagesPrune: the images without a
 * tag (with `dangling=false`, every image), created before `until`, matching `label` and not
 * `label!`, each removed by every name it has (or by id when it has none) without force, so an
 * image a container uses is skipped (the 409 is not an error here). `SpaceReclaimed` adds up the
 * layers that went; `ImagesDeleted` is null when nothing did, as dockerd answers.
 */
export async function pruneHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const filters = call.query.filters();
  checkFilterKeys(filters, acceptedFilters);
  const danglingOnly = booleanFilter(filters, 'dangling', true) ?? true;
  const until = untilCutoff(filters.until);
  const deleted: ImageDeleteItem[] = [];
  let reclaimed = 0;
  const images = await listImages(backend.images);
  const parents = new Set(images.map((image) => image.ParentId).filter((id) => id !== ''));
  for (const image of images) {
    const tags = image.RepoTags ?? [];
    if (danglingOnly && tags.length > 0) continue;
    // A parent of another image is not dangling: a build's intermediate steps stay with what was built on them.
    if (parents.has(image.Id)) continue;
    if (!matchesLabels(filters.label, image.Labels) || !matchesLabels(filters['label!'], image.Labels, true)) continue;
    const details = await inspectImage(backend.images, image.Id);
    if (until !== undefined && Date.parse(details.Created) > until) continue;
    // Measured before anything goes: a deleted layer's size is gone with it.
    const sizes = await sizesByChainId(backend.images, details.RootFS.Layers, image.Id);
    const names = [...tags, ...(image.RepoDigests ?? [])];
    for (const name of names.length > 0 ? names : [image.Id]) {
      const items = await removeUnlessKept(backend, name);
      publishRemoval(backend.events, image.Id, image.Labels ?? {}, items);
      deleted.push(...items);
      for (const item of items) reclaimed += item.Deleted === undefined ? 0 : (sizes.get(item.Deleted) ?? 0);
    }
  }
  call.sendJson({ ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed });
}

/** Removes by one name; a conflict (a container uses it) or a name an earlier removal took already removes nothing. */
async function removeUnlessKept(backend: ImagesBackend, name: string): Promise<ImageDeleteItem[]> {
  try {
    return await removeImage(backend.images, name, { inUse: (id) => backend.containers.imageUser(id) });
  } catch (error) {
    if (error instanceof BerthError && (error.kind === 'conflict' || error.kind === 'not-found')) return [];
    throw error;
  }
}

async function sizesByChainId(store: ContentStore, diffIds: readonly string[], image: string): Promise<Map<string, number>> {
  return new Map(await Promise.all(chainIds(diffIds).map(async (chainId) => [chainId, await layerSize(store, chainId, `image ${image}`)] as const)));
}
