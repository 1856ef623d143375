import { stat } from 'node:fs/promises';
import { BerthError } from '../../../../errors/index.js';
import type { RegistryAuth } from '../../../types/images.js';
import type { ApiCall } from '../../http/route.js';
import { formatReference, listImages, parseReference, pushImage, type ImageReference } from '../../../../runtime/images/index.js';
import { repositoryName } from '../../../../runtime/images/reference/index.js';
import { publishImageEvent } from './image-events.js';
import { familiarName, familiarString, hasTagOrDigest, withTag } from './image-names.js';
import type { ImagesBackend } from './index.js';
import { JsonMessageStream } from './json-message-stream.js';
import { pushedMessages, pushJsonMessages } from './push-messages.js';
import { hasRegistryAuthHeader, requestRegistryOptions } from './registry-auth.js';

/**
 * `POST /images/{name}/push?tag=TAG` (`docker push`): the tag, or with no tag anywhere every tag
 * of the repository one after another, as dockerd pushes them, progress streamed in dockerd's
 * JSON messages. dockerd writes "The push refers to repository [...]" before it looks for the
 * image, so a missing one is an error in the stream, in its words. Credentials come from
 * `X-Registry-Auth`, or from the body for clients older than that header. When the client goes,
 * the push stops through the call's signal, before the manifest if it has not gone yet.
 */
export async function pushHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const name = call.params.name!;
  const tag = call.query.string('tag');
  const bodyAuth = hasRegistryAuthHeader(call) ? undefined : await call.json<RegistryAuth>();
  const registry = requestRegistryOptions(call, backend.registry, bodyAuth);
  const reference = parseReference(withTag(name, tag));
  const stream = new JsonMessageStream(call);
  stream.write({ status: `The push refers to repository [${repositoryName(reference)}]` });
  try {
    const targets = !tag && !hasTagOrDigest(name) ? await repositoryTags(backend, reference) : [await existingTag(backend, reference)];
    for (const target of targets) {
      const messages = pushJsonMessages();
      const pushed = await pushImage(backend.images, formatReference(target), {
        registry,
        signal: call.signal,
        onProgress: (event) => messages(event).forEach((message) => stream.write(message)),
      });
      const { size } = await stat(backend.images.path(pushed.manifestDigest));
      pushedMessages(target.tag ?? 'latest', pushed.manifestDigest, size).forEach((message) => stream.write(message));
      await publishImageEvent(backend.events, backend.images, 'push', familiarString(target), familiarName(target));
    }
    stream.end();
  } catch (error) {
    stream.fail(error);
  }
}

async function existingTag(backend: ImagesBackend, reference: ImageReference): Promise<ImageReference> {
  if (reference.digest !== undefined || (await backend.images.resolve(formatReference(reference)))) return reference;
  throw notLocal(`tag does not exist: ${familiarString(reference)}`);
}

/** Every tag the store holds in the reference's repository, in the order images are listed. */
async function repositoryTags(backend: ImagesBackend, reference: ImageReference): Promise<ImageReference[]> {
  const repository = repositoryName(reference);
  const tags = (await listImages(backend.images))
    .flatMap((image) => image.RepoTags ?? [])
    .map((text) => parseReference(text))
    .filter((tagged) => repositoryName(tagged) === repository);
  if (tags.length === 0) throw notLocal(`An image does not exist locally with the tag: ${familiarName(reference)}`);
  return tags;
}

function notLocal(message: string): BerthError {
  return new BerthError({ code: 'IMAGE_NOT_FOUND', kind: 'not-found', message, hint: 'tag a local image with this name first (`docker tag IMAGE NAME:TAG`), then push it' });
}
