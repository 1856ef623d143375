import type { ApiCall } from '../../http/route.js';
import { imageHistory, inspectImage } from '../../../../runtime/images/index.js';
import type { ImagesBackend } from './index.js';

/** `GET /images/{name}/json` (`docker image inspect`): 404 `No such image: NAME` when the store has none by that name. */
export async function inspectHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  call.sendJson(await inspectImage(backend.images, call.params.name!));
}

/** `GET /images/{name}/history` (`docker history`): the steps of the image's configuration, newest first. */
export async function historyHandler(backend: ImagesBackend, call: ApiCall): Promise<void> {
  call.sendJson(await imageHistory(backend.images, call.params.name!));
}
