import { startExec, type EngineClient, type ExecCreateRequest } from '../api/index.js';

/** What a command run in a container printed (stdout and stderr together) and its exit code. */
export interface CommandResult {
  exitCode: number;
  output: string;
}

/** How long to wait for the engine to record an exec's exit code once its output has ended. */
const exitCodeWaitMs = 5000;

/**
 * Runs a command in a running container, as `docker exec` without a terminal does, and waits for
 * it to end: the deletes of a sync (`rm -rf`) and sync+exec's command.
 */
export async function runInContainer(client: EngineClient, container: string, request: Omit<ExecCreateRequest, 'AttachStdout' | 'AttachStderr' | 'Tty'>): Promise<CommandResult> {
  const { Id } = await client.exec.create(container, { ...request, AttachStdout: true, AttachStderr: true, Tty: false });
  const session = await startExec(client.endpoint, client.apiPrefix, Id, { tty: false });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of session.output) if (chunk.stream !== 'stdin') chunks.push(chunk.data);
  } finally {
    session.close();
  }
  // The output can end a moment before the engine records the exit code.
  const deadline = Date.now() + exitCodeWaitMs;
  for (;;) {
    const { ExitCode, Running } = await client.exec.inspect(Id);
    if (!Running && ExitCode !== null && ExitCode !== undefined) return { exitCode: ExitCode, output: Buffer.concat(chunks).toString('utf8') };
    if (Date.now() > deadline) return { exitCode: -1, output: Buffer.concat(chunks).toString('utf8') };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
