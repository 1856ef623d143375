import { BerthError } from '../../errors/index.js';
import type { ComposeSession } from '../contract/session.js';
import { progressEvent } from '../contract/progress.js';
import { awaitCondition } from '../execute/await-dependency.js';
import { observeContainers } from '../observe/observed-state.js';

/**
 * `up --wait`: until every container of the services runs, and is healthy when it has a health
 * check. A container that exits fails the wait, unless it exited 0 and some service waits for it
 * to complete. Throws after `timeoutSeconds`, naming the containers that were not ready.
 */
export async function waitUntilReady(session: ComposeSession, services: readonly string[], timeoutSeconds?: number): Promise<void> {
  const controller = new AbortController();
  const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => controller.abort(), timeoutSeconds * 1000);
  const containers = (await observeContainers(session.client, session.project.name)).filter((container) => services.includes(container.service) && !container.oneOff);
  const completing = new Set(Object.values(session.project.services).flatMap((service) =>
    Object.entries(service.depends_on ?? {}).filter(([, dependency]) => dependency.condition === 'service_completed_successfully').map(([name]) => name),
  ));
  const pending = new Set(containers.map((container) => container.name));
  try {
    await Promise.all(containers.map(async (container) => {
      const inspect = await session.client.containers.inspect(container.id);
      if (completing.has(container.service)) {
        await awaitCondition(session.client, { service: container.service, container: container.name }, 'service_completed_successfully', { progress: session.progress, signal: controller.signal });
      } else if (inspect.Config.Healthcheck?.Test && inspect.Config.Healthcheck.Test[0] !== 'NONE') {
        await awaitCondition(session.client, { service: container.service, container: container.name }, 'service_healthy', { progress: session.progress, signal: controller.signal });
      } else if (!inspect.State.Running) {
        throw new BerthError({
          code: 'CONTAINER_EXITED',
          kind: 'conflict',
          message: `container ${container.name} exited with code ${inspect.State.ExitCode}`,
          hint: `see its output with: berth logs ${container.service}`,
        });
      } else {
        session.progress(progressEvent('Container', container.name, 'Running'));
      }
      pending.delete(container.name);
    }));
  } catch (error) {
    if (controller.signal.aborted) {
      throw new BerthError({
        code: 'WAIT_TIMEOUT',
        kind: 'unavailable',
        message: `timed out after ${timeoutSeconds}s waiting for ${[...pending].sort().join(', ')} to be running and healthy`,
        hint: 'raise --wait-timeout, or look at the containers with: berth ps and berth logs',
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
