import { serviceContainer } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { dryRunPrefix } from '../output/progress-frame.js';
import { connectEngine } from '../project-session.js';
import type { CommitCommandOptions } from './commit.js';
import { projectOrName } from './project-or-name.js';

/**
 * `berth commit web app:1`: an image from the changes in the service's running container (the
 * first, or replica `--index`, one-off containers after the service's own), as Docker Compose
 * makes it, reporting `Committing` and then `Committed as sha256:...` on standard error. With
 * --dry-run the container is looked up and nothing is committed.
 */
export async function runCommit(service: string, reference: string | undefined, options: CommitCommandOptions, global: GlobalOptions): Promise<void> {
  const scope = await projectOrName(global, [service]);
  const client = await connectEngine(global);
  try {
    const container = await serviceContainer(client, scope.name, service, { index: options.index || undefined, oneOffs: 'include', stopped: false });
    const report = progressLine(global);
    report(container.name, 'Committing');
    if (global.dryRun) {
      report(container.name, 'Committed');
      return;
    }
    const id = await client.containers.commit(container.id, {
      ...(reference ? { reference } : {}),
      ...(options.message ? { comment: options.message } : {}),
      ...(options.author ? { author: options.author } : {}),
      changes: options.change,
      pause: options.pause,
    });
    report(container.name, `Committed as ${id}`);
  } finally {
    client.close();
  }
}

/**
 * Compose reports a commit as progress on the container. Its two statuses are not among the
 * scheduler's, so they are written here, in the progress printer's plain and JSON forms.
 */
function progressLine(global: GlobalOptions): (name: string, status: string) => void {
  return (name, status) => {
    if (global.progress === 'quiet') return;
    if (global.progress === 'json') {
      process.stderr.write(`${JSON.stringify({ ...(global.dryRun ? { 'dry-run': true } : {}), id: `Container ${name}`, status })}\n`);
      return;
    }
    process.stderr.write(`${global.dryRun ? dryRunPrefix : ''} Container ${name}  ${status}\n`);
  };
}
