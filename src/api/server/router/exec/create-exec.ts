import type { ExecCreateRequest } from '../../../types/exec.js';
import { BerthError } from '../../../../errors/index.js';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { runningContainer } from './container-checks.js';
import { publishContainerEvent } from './container-events.js';
import { parseDetachKeys } from './detach-keys.js';
import type { ExecStore } from './exec-store.js';
import type { ExecBackend } from './index.js';

/**
 * `POST /containers/{id}/exec`: a new exec instance in a running container, 201 `{"Id"}`. As
 * dockerd does, the user and working directory default to the container's, and nothing runs
 * until the instance is started.
 */
export async function createExec(call: ApiCall, backend: ExecBackend, store: ExecStore): Promise<void> {
  const request = await call.json<Partial<ExecCreateRequest> | null>();
  const cmd = Array.isArray(request?.Cmd) ? request.Cmd.map(String) : [];
  if (!request || cmd.length === 0) throw badParameter('No exec command specified', 'give the command to run: {"Cmd": ["sh", "-c", "..."]}');
  const reference = call.params.id!;
  const container = runningContainer(backend.containers, reference, reference);
  const detachKeys = parseDetachKeys(request.DetachKeys);
  if (!detachKeys) {
    // dockerd answers this one with a plain error: a 500.
    throw new BerthError({ code: 'EXEC_DETACH_KEYS_INVALID', kind: 'internal', message: `Invalid detach keys (${request.DetachKeys}) provided`, hint: 'give keys as Docker spells them: ctrl-p,ctrl-q' });
  }
  const [entrypoint = '', ...args] = cmd;
  const instance = store.add({
    containerId: container.Id,
    entrypoint,
    arguments: args,
    tty: request.Tty === true,
    privileged: request.Privileged === true,
    user: request.User || container.Config.User || '',
    workingDir: request.WorkingDir || container.Config.WorkingDir || '',
    env: Array.isArray(request.Env) ? request.Env.map(String) : [],
    openStdin: request.AttachStdin === true,
    openStdout: request.AttachStdout === true,
    openStderr: request.AttachStderr === true,
    detachKeysText: request.DetachKeys || undefined,
    detachKeys,
  });
  publishContainerEvent(backend.events, container, `exec_create: ${cmd.join(' ')}`, { execID: instance.id });
  call.sendJson({ Id: instance.id }, 201);
}
