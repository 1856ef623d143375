import type { ApiCall } from '../../http/route.js';
import { findImage, loadImages, saveImages } from '../../../../runtime/images/index.js';
import { publishImageEvent } from './image-events.js';
import type { ImagesBackend } from './index.js';
import { deferredAnswer } from './deferred-answer.js';
import { JsonMessageStream } from './json-message-stream.js';
import { detachedBody } from './request-body.js';

/**
 * `POST /images/load` (`docker load`): the body is a `docker save` tarball or an OCI layout tar.
 * dockerd answers 200 whatever happens and streams `{"stream":"Loaded image: busybox:latest\n"}`
 * (`Loaded image ID: sha256:...` for an image without tags), a failure as the stream's error
 * object; each image loaded is a `load` event. dockerd's per-layer progress (`quiet=0`) has no
 * counterpart: the answer is always the quiet one.
 */
export async function loadHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const stream = new JsonMessageStream(call);
  stream.begin();
  try {
    for (const image of await loadImages(backend.images, detachedBody(call))) {
      const lines = image.references.length > 0 ? image.references.map((reference) => `Loaded image: ${reference}\n`) : [`Loaded image ID: ${image.id}\n`];
      for (const line of lines) stream.write({ stream: line });
      await publishImageEvent(backend.events, backend.images, 'load', image.id, image.id);
    }
    stream.end();
  } catch (error) {
    stream.fail(error);
  }
}

/**
 * `GET /images/get?names=A&names=B` and `GET /images/{name}/get` (`docker save`): one tar of the
 * images (saveImages' layout, which docker load and skopeo read), streamed as it is written. A
 * name that finds nothing is a 404 before the first byte; a failure later cuts the answer short,
 * which is all dockerd can do too. Each image saved is a `save` event.
 */
export async function saveHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const names = call.params.name !== undefined ? [call.params.name] : call.query.all('names');
  try {
    await saveImages(backend.images, names, deferredAnswer(call, 'application/x-tar'));
  } catch (error) {
    // A client that went away stopped the save; there is no one to answer.
    if (call.signal.aborted) return;
    throw error;
  }
  // By the names as findImage reads them: a bare repository name saves every tag of it, but its
  // event names only the image its `latest` tag (if any) points at.
  const ids = new Set<string>();
  for (const name of names) {
    const found = await findImage(backend.images, name).catch(() => undefined);
    if (found) ids.add(found.image.id);
  }
  for (const id of ids) await publishImageEvent(backend.events, backend.images, 'save', id, id);
}
