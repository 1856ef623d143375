import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { findImage, parseReference, tagImage } from '../../../../runtime/images/index.js';
import { publishImageEvent } from './image-events.js';
import { familiarString, withTag } from './image-names.js';
import type { ImagesBackend } from './index.js';

/**
 * `POST /images/{name}/tag?repo=NAME&tag=TAG` (`docker tag`): 201 with no body, and a `tag`
 * event named by the new tag. As in dockerd the source is looked up first (404 `No such image`),
 * then the target read (400), `tag` replacing any tag written in `repo`.
 */
export async function tagHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const source = call.params.name!;
  const { image } = await findImage(backend.images, source);
  const repo = call.query.string('repo') ?? '';
  if (repo === '') throw badParameter('repository name must have at least one component');
  const target = withTag(repo, call.query.string('tag'));
  await tagImage(backend.images, source, target);
  await publishImageEvent(backend.events, backend.images, 'tag', image.id, familiarString(parseReference(target)));
  call.sendEmpty(201);
}
