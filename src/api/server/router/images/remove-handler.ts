import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { findImage, removeImage } from '../../../../runtime/images/index.js';
import { labelsOf, publishRemoval } from './image-events.js';
import type { ImagesBackend } from './index.js';

/**
 * `DELETE /images/{name}?force=&noprune=` (`docker rmi`): the names removed (`Untagged`) and,
 * once none is left, the image and its layers that went (`Deleted`), with dockerd's rules and
 * 409 texts for an image containers use (removeImage, asking the engine which container uses
 * it). Untagged parents that nothing else builds on go with the image (a build's steps) unless
 * `noprune`.
 */
export async function removeHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const name = call.params.name!;
  if (name.trim() === '') throw badParameter('image name cannot be blank');
  const { image } = await findImage(backend.images, name);
  const labels = await labelsOf(backend.images, image.id);
  const items = await removeImage(backend.images, name, { force: call.query.bool('force'), noprune: call.query.bool('noprune'), inUse: (id) => backend.containers.imageUser(id) });
  publishRemoval(backend.events, image.id, labels, items);
  call.sendJson(items);
}
