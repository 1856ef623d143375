import type { ContainerConfig } from '../../../types/containers.js';
import { commitContainer } from '../../../../runtime/containers/commit/index.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { publishContainerEvent } from '../exec/container-events.js';
import { publishImageEvent } from '../images/image-events.js';
import { withTag } from '../images/image-names.js';
import type { ContainersBackend } from './index.js';

/**
 * `POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=` (`docker commit`), in
 * moby's container router as there: 201 with `{"Id": "sha256:..."}`. The body, when it holds a
 * config, stands in for the container's (`null`, `{}` and no body leave the container's). `pause`
 * left out or empty means pause, as dockerd has it since API 1.13. A tag is an image `tag` event,
 * then the container a `commit` event with `comment`, `imageID` and `imageRef`, as dockerd logs them.
 */
export async function commitHandler(call: ApiCall, backend: ContainersBackend): Promise<void> {
  const container = call.query.string('container') ?? '';
  if (container === '') throw badParameter('invalid container name or ID: value is empty', 'name the container to commit with ?container=');
  const body = await requestConfig(call);
  const repo = call.query.string('repo');
  const comment = call.query.string('comment') ?? '';
  const author = call.query.string('author');
  const committed = await commitContainer(backend, container, {
    ...(repo ? { reference: withTag(repo, call.query.string('tag')) } : {}),
    ...(comment ? { comment } : {}),
    ...(author ? { author } : {}),
    changes: call.query.all('changes'),
    pause: pauseWanted(call),
    ...(body ? { config: body } : {}),
  });
  if (committed.reference) await publishImageEvent(backend.events, backend.images, 'tag', committed.id, committed.reference);
  publishContainerEvent(backend.events, backend.containers.inspect(committed.containerId), 'commit', { comment, imageID: committed.id, imageRef: committed.reference ?? '' });
  call.sendJson({ Id: committed.id }, 201);
}

/** The body's config, when it has one; dockerd reads the body as a create request and takes its config part. */
async function requestConfig(call: ApiCall): Promise<ContainerConfig | undefined> {
  const length = Number(call.request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || call.request.headers['transfer-encoding'] !== undefined;
  const type = call.request.headers['content-type'] ?? '';
  if (hasBody && type !== '' && !/^application\/json\s*(;|$)/i.test(type)) {
    throw badParameter(`Content-Type specified (${type}) must be 'application/json'`, 'send the config as JSON, or no body to keep the container\'s');
  }
  const parsed = await call.json<(ContainerConfig & { HostConfig?: unknown; NetworkingConfig?: unknown }) | null>();
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { HostConfig: _host, NetworkingConfig: _networking, ...config } = parsed;
  return Object.keys(config).length > 0 ? config : undefined;
}

function pauseWanted(call: ApiCall): boolean {
  if ((call.query.string('pause') ?? '') !== '') return call.query.bool('pause');
  const [major = 0, minor = 0] = call.version.split('.').map(Number);
  return major > 1 || minor >= 13;
}
