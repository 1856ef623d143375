import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { parseReference, pullImage, pullJsonMessages } from '../../../../runtime/images/index.js';
import { parsePlatform } from '../../../../runtime/images/registry/index.js';
import { publishImageEvent } from './image-events.js';
import { familiarName, familiarString, withTag } from './image-names.js';
import type { ImagesBackend } from './index.js';
import { JsonMessageStream } from './json-message-stream.js';
import { requestRegistryOptions } from './registry-auth.js';
import { dockerManifestRefusal } from './registry-refusal.js';

/**
 * `POST /images/create?fromImage=NAME&tag=TAG[&platform=os/arch]`: a pull, its progress streamed
 * in dockerd's JSON messages (pullJsonMessages) as it happens. A refusal of the manifest comes
 * before the first message, so it is still Docker's status (404 with dockerd's text); a failure
 * later ends the stream with an error object. When the client goes, the pull is aborted through
 * the call's signal and the pull's lease is released as it fails. Docker pulls every tag of a
 * repository when no tag is given anywhere (`docker pull -a`); berth pulls `latest`, what clients
 * that leave the tag out mean.
 */
export async function pullHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  // dockerd trims a trailing ':' that `pull -a` may send.
  const text = withTag((call.query.string('fromImage') ?? '').replace(/:$/, ''), call.query.string('tag'));
  if (text === '') throw badParameter('fromImage must name an image');
  const reference = parseReference(text);
  const platform = call.query.string('platform') || undefined;
  if (platform !== undefined) parsePlatform(platform);
  const stream = new JsonMessageStream(call);
  const messages = pullJsonMessages();
  try {
    const pulled = await pullImage(backend.images, text, {
      registry: requestRegistryOptions(call, backend.registry),
      signal: call.signal,
      onProgress: (event) => messages(event).forEach((message) => stream.write(message)),
      ...(platform !== undefined ? { platform } : {}),
    });
    await publishImageEvent(backend.events, backend.images, 'pull', familiarString(reference), familiarName(reference), pulled.configDigest);
    stream.end();
  } catch (error) {
    stream.fail(stream.begun ? error : dockerManifestRefusal(error, reference));
  }
}
