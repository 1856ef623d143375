import type { ContainerInspect, EngineClient } from '../../api/index.js';
import type { DependencyCondition } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';
import { progressEvent, type ProgressSink } from '../contract/progress.js';

export interface AwaitOptions {
  progress: ProgressSink;
  signal?: AbortSignal;
  /** Milliseconds between looks at a container's health; the first look is immediate. */
  pollMs?: number;
}

/**
 * Waits until a container meets a `depends_on` condition.
 *
 * `service_healthy` is read from the engine's health state. Docker turns a container `unhealthy`
 * after `retries` failed checks in a row, but a service still starting often recovers a check
 * later; Docker Compose fails `up` at the first `unhealthy`, which users report as a bug. berth
 * keeps waiting while the container runs and gives up only when it exits, or when it has failed
 * twice its retries in a row (it had as many chances again to recover and took none).
 */
export async function awaitCondition(client: EngineClient, target: { service: string; container: string }, condition: DependencyCondition, options: AwaitOptions): Promise<void> {
  const { service, container } = target;
  if (condition === 'service_started') return;
  options.progress(progressEvent('Container', container, 'Waiting'));
  if (condition === 'service_completed_successfully') {
    const { StatusCode } = await client.containers.wait(container, { condition: 'not-running', signal: options.signal });
    if (StatusCode !== 0) {
      options.progress(progressEvent('Container', container, 'Error', `exited with code ${StatusCode}`));
      throw new BerthError({
        code: 'DEPENDENCY_FAILED',
        kind: 'conflict',
        // Compose's words first (scripts match them), then which container it was.
        message: `service "${service}" didn't complete successfully: exit ${StatusCode} (container ${container})`,
        hint: `see its output with: berth logs ${service}`,
      });
    }
    options.progress(progressEvent('Container', container, 'Exited'));
    return;
  }
  const pollMs = options.pollMs ?? 250;
  for (;;) {
    options.signal?.throwIfAborted();
    const inspect = await client.containers.inspect(container);
    const health = inspect.State.Health;
    if (!health || health.Status === 'none') {
      throw new BerthError({
        code: 'DEPENDENCY_HAS_NO_HEALTHCHECK',
        kind: 'invalid-project',
        message: `container ${container} has no healthcheck configured, but a service depends on it with condition service_healthy`,
        hint: 'give the service a healthcheck, or depend on it with condition: service_started',
      });
    }
    if (health.Status === 'healthy') {
      options.progress(progressEvent('Container', container, 'Healthy'));
      return;
    }
    if (!inspect.State.Running && !inspect.State.Restarting) {
      options.progress(progressEvent('Container', container, 'Error', `exited with code ${inspect.State.ExitCode}`));
      throw exitedWhileStarting(service, container, inspect);
    }
    const retries = inspect.Config.Healthcheck?.Retries || 3;
    if (health.Status === 'unhealthy' && health.FailingStreak >= 2 * retries) {
      options.progress(progressEvent('Container', container, 'Error', 'unhealthy'));
      throw stayedUnhealthy(service, container, inspect);
    }
    await delay(pollMs, options.signal);
  }
}

function exitedWhileStarting(service: string, container: string, inspect: ContainerInspect): BerthError {
  return new BerthError({
    code: 'DEPENDENCY_FAILED',
    kind: 'conflict',
    message: `dependency failed to start: container ${container} exited with code ${inspect.State.ExitCode} before it was healthy${lastCheck(inspect)}`,
    hint: `see its output with: berth logs ${service}`,
  });
}

function stayedUnhealthy(service: string, container: string, inspect: ContainerInspect): BerthError {
  return new BerthError({
    code: 'DEPENDENCY_UNHEALTHY',
    kind: 'conflict',
    message: `dependency failed to start: container ${container} is unhealthy (${inspect.State.Health?.FailingStreak} failed checks in a row)${lastCheck(inspect)}`,
    hint: `fix the service or its healthcheck; see its output with: berth logs ${service}`,
  });
}

/** The last health check's exit code and output, which usually says what is wrong. */
function lastCheck(inspect: ContainerInspect): string {
  const last = inspect.State.Health?.Log?.at(-1);
  if (!last) return '';
  const output = last.Output.trim();
  return `; last health check exited ${last.ExitCode}${output ? `: ${output}` : ''}`;
}

/** Waits `ms`, or rejects when `signal` aborts first. The abort listener goes when the timer fires, so a long poll does not pile them up on the shared signal. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
