import { serviceContainer, type ComposeSession } from '../../scheduler/index.js';
import { runAttachedExec } from './exec-attached.js';

/** bash when the image has it, else sh: what a user would type first. */
const shellCommand = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh'];

/** The TUI's `e`: an interactive shell in the service's first running container, on our terminal. */
export async function openServiceShell(session: ComposeSession, service: string): Promise<number> {
  const { client } = session;
  const container = await serviceContainer(client, session.project.name, service, { oneOffs: 'exclude', stopped: false });
  const { Id: execId } = await client.exec.create(container.id, {
    Cmd: shellCommand,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: process.env.TERM ? [`TERM=${process.env.TERM}`] : [],
  });
  return runAttachedExec(client, execId, true);
}
