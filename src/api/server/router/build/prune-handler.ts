import { rm } from 'node:fs/promises';
import { builderPaths, LayerCache } from '../../../../build/executor/index.js';
import { BerthError } from '../../../../errors/index.js';
import { findImage, removeImage } from '../../../../runtime/images/index.js';
import type { ApiCall } from '../../http/route.js';
import type { BuildBackend } from './index.js';

/**
 * `POST /build/prune` (`berth builder prune`, `docker builder prune`): the layer cache is
 * forgotten, and each image only the cache kept (no tag, no container using it) is removed, with
 * the content only it held; with `all`, the RUN --mount=type=cache directories go too. The answer
 * is BuildKit's: the ids of what went.
 */
export async function pruneHandler(backend: BuildBackend, call: ApiCall): Promise<void> {
  const paths = builderPaths(backend.builderRoot);
  const deleted: string[] = [];
  for (const id of await new LayerCache(paths.cache).clear()) {
    if (await removeUntagged(backend, id)) deleted.push(id);
  }
  if (call.query.bool('all')) await rm(paths.cacheMounts, { recursive: true, force: true });
  call.sendJson({ CachesDeleted: deleted, SpaceReclaimed: 0 });
}

/** Removes an image that has no name; one with a tag, or in use, or gone already, stays as it is. */
async function removeUntagged(backend: BuildBackend, id: string): Promise<boolean> {
  try {
    const { image } = await findImage(backend.images, id);
    if (image.tags.length > 0 || image.digests.length > 0) return false;
    await removeImage(backend.images, id, { inUse: (imageId) => backend.containers.imageUser(imageId) });
    return true;
  } catch (error) {
    if (error instanceof BerthError && (error.kind === 'conflict' || error.kind === 'not-found')) return false;
    throw error;
  }
}
