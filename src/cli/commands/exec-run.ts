import { serviceContainer } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProjectSession } from '../project-session.js';
import { commandLineEnvironment, engineEnvironment } from './exec-environment.js';
import { runAttachedExec } from './exec-attached.js';
import { wantsTty } from './exec-stdio.js';
import type { ExecCommandOptions } from './exec.js';

/**
 * `berth exec`: runs a command in the service's running container (the first, or --index N,
 * one-off containers after the service's own) and returns the command's exit code, as Docker
 * Compose does. Attached, our stdin goes to the command and its output comes back; with -d the
 * command is started and left running.
 */
export async function runExec(service: string, command: string[], options: ExecCommandOptions, global: GlobalOptions): Promise<number> {
  // The project is needed for its name and environment only: the container is found by its labels.
  const opened = await openProjectSession(global, [], () => undefined);
  try {
    const { session, loaded } = opened;
    const { client } = session;
    const container = await serviceContainer(client, session.project.name, service, {
      index: options.index || undefined,
      oneOffs: 'include',
      stopped: false,
    });
    if (global.dryRun) return 0;
    const tty = !options.detach && wantsTty(options.tty);
    const { Id: execId } = await client.exec.create(container.id, {
      Cmd: command,
      AttachStdin: !options.detach,
      AttachStdout: !options.detach,
      AttachStderr: !options.detach,
      Tty: tty,
      Env: engineEnvironment(commandLineEnvironment(options.env, loaded.environment)),
      Privileged: options.privileged,
      ...(options.user !== undefined && { User: options.user }),
      ...(options.workdir !== undefined && { WorkingDir: options.workdir }),
    });
    if (options.detach) {
      await client.requestEmpty({ method: 'POST', path: `/exec/${encodeURIComponent(execId)}/start`, body: { json: { Detach: true, Tty: false } } });
      return 0;
    }
    return await runAttachedExec(client, execId, tty);
  } finally {
    opened.close();
  }
}
