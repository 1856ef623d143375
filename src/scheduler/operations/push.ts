import { EngineError } from '../../api/index.js';
import type { Project } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { progressEvent } from '../contract/progress.js';
import type { ComposeSession } from '../contract/session.js';
import { withDependencies } from '../plan/service-graph.js';

export interface PushServicesOptions {
  /** The services named; all of the project's when empty. */
  services: readonly string[];
  /** --include-deps: the images of the services they depend on too. */
  includeDependencies: boolean;
  /** --ignore-push-failures: report failures as warnings and succeed. */
  ignoreFailures: boolean;
  dryRun: boolean;
  signal?: AbortSignal;
}

/** One reference to push: a service's `image`, or one of its `build.tags`. */
export interface PlannedPush {
  service: string;
  reference: string;
  why: 'image' | 'build tag';
}

/**
 * `push`: the images the project builds, to their registries. As in Docker Compose, only a
 * service with both `build` and `image` has an image of its own to push (with its `build.tags`);
 * the others are reported as skipped. A failed push names the image, the service and the
 * registry's answer; all pushes run, and every failure is reported.
 */
export async function pushServices(session: ComposeSession, options: PushServicesOptions): Promise<{ planText: string }> {
  const { project } = session;
  const named = options.services.length > 0 ? [...options.services] : Object.keys(project.services);
  const services = options.includeDependencies ? withDependencies(project, named) : named;
  const { pushes, skipped } = planPushes(project, services);
  const text = pushes.length === 0 ? 'nothing to do\n' : pushes.map((push, index) => `#${index + 1} push image ${push.reference} for ${push.service} (${push.why})\n`).join('');
  if (options.dryRun) return { planText: text };
  for (const service of skipped) session.progress(progressEvent('Service', service, 'Skipped'));

  const outcomes = await Promise.allSettled(pushes.map((push) => pushImage(session, push, options.signal)));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length === 0) return { planText: text };
  if (options.ignoreFailures) {
    for (const failure of failures) session.warn(failure instanceof Error ? failure.message : String(failure));
    return { planText: text };
  }
  if (failures.length === 1) throw failures[0];
  throw new BerthError({
    code: 'IMAGE_PUSH_FAILED',
    kind: 'unavailable',
    message: `push failed:\n${failures.map((failure) => `  ${failure instanceof Error ? failure.message : String(failure)}`).join('\n')}`,
    hint: pushHint,
    cause: failures[0],
  });
}

/** What to push, in service order, and the services with nothing of their own to push. */
export function planPushes(project: Project, services: readonly string[]): { pushes: PlannedPush[]; skipped: string[] } {
  const pushes: PlannedPush[] = [];
  const skipped: string[] = [];
  for (const service of [...services].sort()) {
    const config = project.services[service];
    if (!config) continue;
    if (config.build === undefined || config.image === undefined) {
      skipped.push(service);
      continue;
    }
    pushes.push({ service, reference: config.image, why: 'image' });
    for (const tag of config.build.tags ?? []) pushes.push({ service, reference: tag, why: 'build tag' });
  }
  return { pushes, skipped };
}

const pushHint = 'check that the engine has the image, that the registry is reachable, and that you are logged in to it';

async function pushImage(session: ComposeSession, push: PlannedPush, signal?: AbortSignal): Promise<void> {
  const { reference, service } = push;
  session.progress(progressEvent('Image', reference, 'Pushing'));
  try {
    for await (const message of session.client.images.push(reference, { signal })) {
      if (message.id && message.status) session.progress(progressEvent('Image', reference, 'Pushing', `${message.id} ${message.status}`));
    }
  } catch (error) {
    const registryAnswer = error instanceof EngineError ? error.engineMessage : error instanceof Error ? error.message : String(error);
    session.progress(progressEvent('Image', reference, 'Error', registryAnswer));
    throw new BerthError({
      code: 'IMAGE_PUSH_FAILED',
      kind: error instanceof BerthError && error.kind !== 'internal' ? error.kind : 'unavailable',
      message: `cannot push image ${reference} for service ${service}: ${registryAnswer}`,
      hint: pushHint,
      cause: error,
    });
  }
  session.progress(progressEvent('Image', reference, 'Pushed'));
}
