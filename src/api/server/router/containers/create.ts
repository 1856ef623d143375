import type { ContainerCreateRequest } from '../../../types/containers.js';
import { BerthError } from '../../../../errors/index.js';
import { familiarReference, parseReference } from '../../../../runtime/images/index.js';
import type { ApiCall } from '../../http/route.js';
import type { ContainersBackend } from './index.js';

/**
 * `POST /containers/create?name=`: 201 with `{Id, Warnings}`. `platform` is accepted and not
 * used: berth's store keeps one platform per image. A missing image is Docker's 404 with the
 * reference tagged as Docker names it (`No such image: busybox:latest`), the answer on which the
 * docker CLI pulls and tries again.
 */
export async function createContainer(call: ApiCall, backend: ContainersBackend): Promise<void> {
  const request = await call.json<ContainerCreateRequest>();
  const name = call.query.string('name') || undefined;
  try {
    call.sendJson(await backend.containers.create(request, name), 201);
  } catch (error) {
    throw imageNotFoundAsDocker(error, request.Image);
  }
}

function imageNotFoundAsDocker(error: unknown, image: string | undefined): unknown {
  if (!(error instanceof BerthError) || error.code !== 'IMAGE_NOT_FOUND' || !image) return error;
  let tagged: string;
  try {
    const reference = parseReference(image);
    tagged = reference.digest ? familiarReference(reference) : `${familiarReference({ ...reference, tag: undefined })}:${reference.tag ?? 'latest'}`;
  } catch {
    return error; // an image id, which Docker reports as given
  }
  return new BerthError({ code: error.code, kind: 'not-found', message: `No such image: ${tagged}`, hint: error.hint ?? `pull it first: docker pull ${tagged}`, cause: error });
}
