import type { Readable } from 'node:stream';
import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';
import { attachableContainer } from './container-checks.js';
import { publishContainerEvent } from './container-events.js';
import { DetachKeysFilter, parseDetachKeys } from './detach-keys.js';
import { HijackedOutput } from './hijacked-output.js';
import type { ExecBackend } from './index.js';

/**
 * `POST /containers/{id}/attach?stream=&stdin=&stdout=&stderr=&logs=&detachKeys=`: the
 * connection is hijacked and carries the container's output (framed unless it has a TTY), the
 * past output first with `logs`, then, with `stream`, what it writes until it exits; a container
 * not started yet is waited for, as `docker run` attaches before it starts. With `stdin` the
 * client's input reaches a container created with OpenStdin (see ContainerEngine.attach); with a
 * TTY the detach keys end the attachment and leave the container running.
 */
export async function attachContainer(call: ApiCall, backend: ExecBackend): Promise<void> {
  const reference = call.params.id!;
  const detachKeysText = call.query.string('detachKeys');
  const detachKeys = parseDetachKeys(detachKeysText);
  if (!detachKeys) throw badParameter(`Invalid detach keys (${detachKeysText}) provided`, 'give keys as Docker spells them: ctrl-p,ctrl-q');
  const container = attachableContainer(backend.containers, reference);
  const tty = container.Config.Tty === true;
  const connection = call.hijack('application/vnd.docker.raw-stream');
  const output = new HijackedOutput(connection, tty);
  const detach = new AbortController();
  const end = (): void => detach.abort();
  if (call.signal.aborted) end();
  call.signal.addEventListener('abort', end, { once: true });
  // Only an upgraded connection carries stdin: a plain request's body has ended.
  let input: Readable | undefined;
  if (!call.query.bool('stdin') || !connection.socket) connection.input.resume();
  else {
    input = connection.input;
    if (tty) {
      const filter = new DetachKeysFilter(detachKeys);
      filter.once('detach', () => {
        publishContainerEvent(backend.events, container, 'detach');
        end();
      });
      input = connection.input.pipe(filter);
    }
  }
  publishContainerEvent(backend.events, container, 'attach');
  try {
    const attached = backend.containers.attach(container.Id, {
      logs: call.query.bool('logs'),
      stream: call.query.bool('stream'),
      stdout: call.query.bool('stdout'),
      stderr: call.query.bool('stderr'),
      ...(input ? { stdin: input } : {}),
      signal: detach.signal,
    });
    for await (const piece of attached) await output.write(piece.stream, piece.data);
  } finally {
    call.signal.removeEventListener('abort', end);
    output.end();
  }
}
