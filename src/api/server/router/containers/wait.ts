import type { WaitCondition } from '../../../types/containers.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import type { ContainersBackend } from './index.js';

const conditions: readonly WaitCondition[] = ['not-running', 'next-exit', 'removed'];

/**
 * `POST /containers/{id}/wait?condition=`: the wait is registered, then the status line and
 * headers go at once (so a client can start the container knowing no exit is missed), and the
 * body `{StatusCode, Error}` follows when the condition is met. A client that leaves ends the wait.
 */
export async function waitContainer(call: ApiCall, { containers }: ContainersBackend): Promise<void> {
  const condition = call.query.string('condition') || 'not-running';
  if (!conditions.includes(condition as WaitCondition)) throw badParameter(`invalid condition: ${JSON.stringify(condition)}`, `give one of ${conditions.join(', ')}`);
  const exit = containers.wait(call.params.id!, condition as WaitCondition, call.signal);
  // The client may leave before the exit; the wait then rejects, with nobody left to tell.
  exit.catch(() => undefined);
  const body = call.stream('application/json');
  try {
    const result = await exit;
    body.end(`${JSON.stringify({ Error: result.Error ?? null, StatusCode: result.StatusCode })}\n`);
  } catch (error) {
    if (!call.signal.aborted) throw error;
  }
}
