import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { importImage } from '../../../../runtime/images/index.js';
import { publishImageEvent } from './image-events.js';
import { withTag } from './image-names.js';
import type { ImagesBackend } from './index.js';
import { JsonMessageStream } from './json-message-stream.js';
import { detachedBody } from './request-body.js';

/**
 * `POST /images/create?fromSrc=-[&repo=NAME&tag=TAG&changes=...&message=...]` (`docker import`):
 * the body is a root filesystem tarball, made a one-layer image. The answer is dockerd's
 * `{"status":"sha256:<id>"}`; a tag it gets is a `tag` event, then the image an `import` event,
 * as dockerd logs them. A URL in fromSrc (dockerd downloads it) is not supported.
 */
export async function importHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  const source = call.query.string('fromSrc');
  if (source !== '-') {
    throw badParameter(
      source ? `importing from ${JSON.stringify(source)} is not supported: only fromSrc=- (the tarball as the request body) is` : 'fromImage (a pull) or fromSrc (an import) is required',
      'send the root filesystem tarball as the body with fromSrc=-, as `docker import FILE` does',
    );
  }
  const repo = call.query.string('repo');
  const message = call.query.string('message');
  const imported = await importImage(backend.images, detachedBody(call), {
    changes: call.query.all('changes'),
    ...(repo ? { reference: withTag(repo, call.query.string('tag')) } : {}),
    ...(message ? { message } : {}),
  });
  if (imported.reference) await publishImageEvent(backend.events, backend.images, 'tag', imported.id, imported.reference);
  await publishImageEvent(backend.events, backend.images, 'import', imported.id, imported.id);
  const stream = new JsonMessageStream(call);
  stream.write({ status: imported.id });
  stream.end();
}
