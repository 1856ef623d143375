import type { Readable } from 'node:stream';
import type { ContainerInspect } from '../../../types/containers.js';
import { BerthError } from '../../../../errors/index.js';
import type { ExecSession } from '../../../../runtime/containers/monitor/index.js';
import type { ApiCall } from '../../http/route.js';
import { runningContainer } from './container-checks.js';
import { publishContainerEvent } from './container-events.js';
import { DetachKeysFilter } from './detach-keys.js';
import type { ExecInstance, ExecStore } from './exec-store.js';
import { HijackedOutput } from './hijacked-output.js';
import type { ExecBackend } from './index.js';

/** dockerd's exit code for an exec whose process could not be started. */
const notStartedExitCode = 126;

/**
 * `POST /exec/{id}/start`. Attached, the connection is hijacked and carries the process's stdio:
 * output framed unless the start asks for a TTY, stdin from the client when the exec has
 * AttachStdin (its half-close ends the process's stdin; with a TTY, as in dockerd, it ends the
 * session instead, as the detach keys do, and the process goes on). The connection closes when
 * the process exits; a client that goes first takes the process with it (SIGKILL). A process that
 * cannot start tells why in the stream, as dockerd does, and exits 126. `Detach` answers 200 at
 * once and runs the process with no stdio.
 */
export async function startExec(call: ApiCall, backend: ExecBackend, store: ExecStore): Promise<void> {
  const instance = store.get(call.params.id!);
  const container = runningContainer(backend.containers, instance.config.containerId, instance.config.containerId);
  if (instance.started) {
    const state = instance.running ? 'is already running' : 'has already run';
    throw new BerthError({ code: 'EXEC_STARTED', kind: 'conflict', message: `Error: Exec command ${instance.id} ${state}`, hint: 'create a new exec instance for each run' });
  }
  const options = await call.json<{ Detach?: boolean; Tty?: boolean } | null>();
  instance.started = true;
  instance.running = true;
  publishContainerEvent(backend.events, container, `exec_start: ${[instance.config.entrypoint, ...instance.config.arguments].join(' ')}`, { execID: instance.id });
  if (options?.Detach) {
    const session = await launch(backend, instance, container, false).catch((error: unknown) => {
      finish(backend, instance, container, notStartedExitCode);
      throw error;
    });
    session.stdout.resume();
    session.stderr.resume();
    session.exited.then(
      (code) => finish(backend, instance, container, code),
      () => finish(backend, instance, container, notStartedExitCode),
    );
    call.sendEmpty(200);
    return;
  }
  const connection = call.hijack('application/vnd.docker.raw-stream');
  const output = new HijackedOutput(connection, options?.Tty === true);
  let session: ExecSession;
  try {
    // Only an upgraded connection carries stdin: a plain request's body ended with its JSON.
    session = await launch(backend, instance, container, instance.config.openStdin && connection.socket !== undefined);
  } catch (error) {
    finish(backend, instance, container, notStartedExitCode);
    await output.write('stdout', `${error instanceof Error ? error.message : String(error)}\r\n`);
    output.end();
    return;
  }
  const kill = (): void => session.kill('SIGKILL');
  if (call.signal.aborted) kill();
  call.signal.addEventListener('abort', kill, { once: true });
  const leftEarly = relayInput(connection.input, session, instance, backend, container);
  const copied = Promise.all([
    output.copy(session.stdout, 'stdout', instance.config.openStdout),
    output.copy(session.stderr, 'stderr', instance.config.openStderr),
  ]);
  const exited = session.exited.then(
    (code) => finish(backend, instance, container, code),
    async (error: unknown) => {
      await output.write('stdout', `${error instanceof Error ? error.message : String(error)}\r\n`);
      finish(backend, instance, container, notStartedExitCode);
    },
  );
  await Promise.race([Promise.all([copied, exited]), leftEarly]);
  call.signal.removeEventListener('abort', kill);
  // A TTY session left early goes on without a client: nothing writes to its stdin again, so the relay to it (socat) goes.
  session.stdin?.end();
  output.end();
}

function launch(backend: ExecBackend, instance: ExecInstance, container: ContainerInspect, stdin: boolean): Promise<ExecSession> {
  const { config } = instance;
  const request = {
    Cmd: [config.entrypoint, ...config.arguments],
    Env: config.env,
    ...(config.user ? { User: config.user } : {}),
    ...(config.workingDir ? { WorkingDir: config.workingDir } : {}),
    Tty: config.tty,
    Privileged: config.privileged,
  };
  return backend.containers.startExec(container.Id, request, { stdin }).then((session) => {
    instance.run(session);
    return session;
  });
}

/**
 * The client's input to the process. Without a TTY it is piped, so its end ends the process's
 * stdin. With one it passes the detach-keys filter, and the returned promise settles when the
 * client detaches or its input ends: the session is over for it, the process goes on.
 */
function relayInput(input: Readable, session: ExecSession, instance: ExecInstance, backend: ExecBackend, container: ContainerInspect): Promise<void> {
  const stdin = session.stdin;
  if (!stdin) {
    input.resume();
    return new Promise(() => undefined);
  }
  // The process may exit without reading all its input.
  stdin.on('error', () => undefined);
  if (!instance.config.tty) {
    input.pipe(stdin);
    return new Promise(() => undefined);
  }
  const filter = new DetachKeysFilter(instance.config.detachKeys);
  input.pipe(filter).pipe(stdin, { end: false });
  return new Promise((resolve) => {
    filter.once('detach', () => {
      publishContainerEvent(backend.events, container, 'exec_detach', { execID: instance.id });
      resolve();
    });
    filter.once('end', resolve);
  });
}

function finish(backend: ExecBackend, instance: ExecInstance, container: ContainerInspect, exitCode: number): void {
  instance.running = false;
  instance.exitCode = exitCode;
  publishContainerEvent(backend.events, container, 'exec_die', { execID: instance.id, exitCode: String(exitCode) });
}
