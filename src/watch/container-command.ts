import { startExec, type EngineClient, type ExecCreateRequest } from '../api/index.js';

/** What a command run in a container printed (stdout and stderr together) and its exit code. */
export interface CommandResult {
  /** -1 when the command still ran after its output ended. */
  exitCode: number;
  output: string;
}

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
  return { exitCode: (await client.exec.exitCode(Id)) ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}
