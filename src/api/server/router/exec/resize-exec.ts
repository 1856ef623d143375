import { BerthError } from '../../../../errors/index.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { runningContainer } from './container-checks.js';
import type { ExecStore } from './exec-store.js';
import type { ExecBackend } from './index.js';

/** dockerd waits this long for an exec being started before it gives up on a resize. */
const sessionTimeoutMs = 10_000;

/**
 * `POST /exec/{id}/resize?h=&w=`: the exec's terminal takes the client's size. `docker exec -t`
 * sends it right after the start, so an exec being started is waited for, as dockerd waits. The
 * answer is dockerd's 200 with no body, for an exec without a terminal too.
 */
export async function resizeExec(call: ApiCall, backend: ExecBackend, store: ExecStore): Promise<void> {
  const instance = store.get(call.params.id!);
  runningContainer(backend.containers, instance.config.containerId, instance.config.containerId);
  const rows = dimension(call, 'h');
  const columns = dimension(call, 'w');
  const session = await instance.runningSession(sessionTimeoutMs);
  if (!session) {
    throw new BerthError({ code: 'EXEC_NOT_READY', kind: 'internal', message: 'timeout waiting for exec session ready', hint: `start exec ${instance.id} before resizing it` });
  }
  session.resize(rows, columns);
  call.sendEmpty(200);
}

function dimension(call: ApiCall, name: 'h' | 'w'): number {
  const value = call.query.int(name);
  if (value === undefined || value < 0) throw badParameter(`invalid value for ${name}: ${JSON.stringify(call.query.string(name) ?? '')}`);
  return value;
}
