import { startExec, type EngineClient } from '../../api/index.js';
import { copyOutput, followTerminalSize, takeLocalStdio } from './exec-stdio.js';

/**
 * Starts a created exec with our stdin, stdout and stderr attached (and the terminal's size
 * followed when it has a TTY), and returns the command's exit code once it has ended.
 */
export async function runAttachedExec(client: EngineClient, execId: string, tty: boolean): Promise<number> {
  await attachExec(client, execId, tty);
  // One that keeps running (it closed its output and went on) counts as 0, as with the docker CLI.
  return (await client.exec.exitCode(execId)) ?? 0;
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
