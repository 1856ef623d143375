import { startExec, type EngineClient } from '../../api/index.js';
import { copyOutput, followTerminalSize, takeLocalStdio } from './exec-stdio.js';

/**
 * Starts a created exec with our stdin, stdout and stderr attached (and the terminal's size
 * followed when it has a TTY), and returns the command's exit code once it has ended.
 */
export async function runAttachedExec(client: EngineClient, execId: string, tty: boolean): Promise<number> {
  await attachExec(client, execId, tty);
  return execExitCode(client, execId);
}

async function attachExec(client: EngineClient, execId: string, tty: boolean): Promise<void> {
  const local = takeLocalStdio({ tty });
  try {
    const stdio = await startExec(client.endpoint, client.apiPrefix, execId, { tty, input: local.input });
    const stopFollowing = tty
      ? followTerminalSize(({ rows, columns }) => client.requestEmpty({ method: 'POST', path: `/exec/${encodeURIComponent(execId)}/resize`, query: { h: rows, w: columns } }))
      : () => undefined;
    try {
      await copyOutput(stdio);
    } finally {
      stopFollowing();
      stdio.close();
    }
  } finally {
    local.release();
  }
}

/** How long the engine may take to record the exit after the output has ended. */
const exitRecordedWithinMs = 5_000;

/**
 * The command's exit code from exec inspect. The output can end a moment before the engine marks
 * the exec finished, so a still-running exec is asked again briefly; one that keeps running (it
 * closed its output and went on) counts as 0, as with the docker CLI.
 */
async function execExitCode(client: EngineClient, execId: string): Promise<number> {
  const deadline = Date.now() + exitRecordedWithinMs;
  for (;;) {
    const inspect = await client.exec.inspect(execId);
    if (!inspect.Running && inspect.ExitCode !== null) return inspect.ExitCode;
    if (Date.now() > deadline) return inspect.ExitCode ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
