import { EngineError } from '../../api/index.js';
import { BerthError } from '../../errors/index.js';
import { progressEvent } from '../contract/progress.js';
import type { ComposeSession } from '../contract/session.js';

export interface PullImageOptions {
  signal?: AbortSignal;
  /** The service can build the image: a failed pull is reported as a warning, not thrown (a build follows). */
  canBuild?: boolean;
}

/**
 * Pulls one service's image, reporting bytes as they come. A refusal (unknown image, denied
 * access, unreachable registry) names the image, the service and the registry's own answer.
 */
export async function pullImage(session: ComposeSession, service: string, image: string, options: PullImageOptions = {}): Promise<void> {
  const { signal } = options;
  session.progress(progressEvent('Image', image, 'Pulling'));
  const layers = new Map<string, { current: number; total: number }>();
  let lastReport = 0;
  try {
    for await (const message of session.client.images.pull(image, { signal, platform: session.project.services[service]?.platform })) {
      if (message.id && message.progressDetail?.total) {
        layers.set(message.id, { current: message.progressDetail.current ?? 0, total: message.progressDetail.total });
        const now = Date.now();
        if (now - lastReport > 200) {
          lastReport = now;
          session.progress(progressEvent('Image', image, 'Pulling', bytesDetail(layers)));
        }
      }
    }
  } catch (error) {
    const registryAnswer = error instanceof EngineError ? error.engineMessage : error instanceof Error ? error.message : String(error);
    if (options.canBuild && !signal?.aborted) {
      session.progress(progressEvent('Image', image, 'Warning', `${registryAnswer} (it will be built instead)`));
      return;
    }
    session.progress(progressEvent('Image', image, 'Error', registryAnswer));
    throw new BerthError({
      code: 'IMAGE_PULL_FAILED',
      kind: error instanceof BerthError && error.kind !== 'internal' ? error.kind : 'not-found',
      message: `cannot pull image ${image} for service ${service}: ${registryAnswer}`,
      hint: 'check the image name and tag, that the registry is reachable, and that you are logged in to it if it is private',
      cause: error,
    });
  }
  session.progress(progressEvent('Image', image, 'Pulled'));
}

function bytesDetail(layers: ReadonlyMap<string, { current: number; total: number }>): string {
  let current = 0;
  let total = 0;
  for (const layer of layers.values()) {
    current += layer.current;
    total += layer.total;
  }
  return `${megabytes(current)}/${megabytes(total)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)}MB`;
}
