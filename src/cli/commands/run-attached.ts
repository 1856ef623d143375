import { attachContainer, EngineError, type EngineClient } from '../../api/index.js';
import type { OneOffContainer } from '../../scheduler/index.js';
import { copyOutput, followTerminalSize, takeLocalStdio } from './exec-stdio.js';

export interface AttachedRun {
  tty: boolean;
  /** Our stdin goes to the container (-i, on by default). */
  interactive: boolean;
  /** --rm: the container goes once it has exited. */
  remove: boolean;
}

/** Signals `run` passes on to the container instead of dying of them, as Compose does. */
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `run` in the foreground, as `docker run` does it: attach first (so not a byte of output is
 * lost however quickly the command ends), register the wait, start, stream the output and our
 * stdin, and return the container's exit code. Signals sent to berth go to the container; with a
 * TTY, Ctrl-C reaches it as a key. With --rm the container is removed once it exits, whatever
 * happened (the engine's AutoRemove usually did it already).
 */
export async function runAttached(client: EngineClient, container: OneOffContainer, options: AttachedRun): Promise<number> {
  const local = options.interactive ? takeLocalStdio({ tty: options.tty }) : undefined;
  try {
    const stdio = await attachContainer(client.endpoint, client.apiPrefix, container.id, {
      stdin: options.interactive,
      stdout: true,
      stderr: true,
      stream: true,
      logs: false,
      tty: options.tty,
      input: local?.input,
    });
    try {
      const pending = await client.containers.beginWait(container.id, { condition: 'next-exit' });
      await client.containers.start(container.id);
      const stopFollowing = options.tty
        ? followTerminalSize(({ rows, columns }) => client.requestEmpty({ method: 'POST', path: `/containers/${encodeURIComponent(container.id)}/resize`, query: { h: rows, w: columns } }))
        : () => undefined;
      const stopForwarding = forwardSignals(client, container.id);
      try {
        await copyOutput(stdio);
        return (await pending.exit).StatusCode;
      } finally {
        stopForwarding();
        stopFollowing();
      }
    } finally {
      stdio.close();
    }
  } finally {
    local?.release();
    if (options.remove) await removeOneOff(client, container.id);
  }
}

function forwardSignals(client: EngineClient, containerId: string): () => void {
  const handlers = forwardedSignals.map((signal) => {
    const handler = (): void => void client.containers.kill(containerId, { signal }).catch(() => undefined);
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((dispose) => dispose());
}

/**
 * Removes a `--rm` container that has exited. The engine's AutoRemove may have removed it already
 * (not found) or be removing it (conflict): then wait until it is gone, so that when berth returns
 * the container is no longer listed.
 */
export async function removeOneOff(client: EngineClient, containerId: string): Promise<void> {
  try {
    await client.containers.remove(containerId, { force: true });
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    if (error.code === 'ENGINE_CONFLICT') await client.containers.wait(containerId, { condition: 'removed' }).catch(() => undefined);
    else if (error.code !== 'ENGINE_NOT_FOUND') throw error;
  }
}
