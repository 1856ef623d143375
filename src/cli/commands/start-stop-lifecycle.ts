import { withProjectLock } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { openProgressOutput } from '../output/progress-output.js';
import { printWarning } from '../print-warning.js';
import { openProjectSession, type OpenedSession } from '../project-session.js';

/**
 * The frame the commands that change a project's containers share (start, stop, restart, kill,
 * pause, unpause, create, scale): load the project, connect, hold the project lock while `work`
 * runs with progress on standard error, then print the plan there on --dry-run.
 */
export async function runLockedProjectCommand<Result extends { planText: string }>(
  global: GlobalOptions,
  services: readonly string[],
  work: (opened: OpenedSession) => Promise<Result>,
  options: { quietPulls?: boolean } = {},
): Promise<Result> {
  const progress = openProgressOutput(global, options.quietPulls);
  const opened = await openProjectSession(global, services, progress.sink);
  try {
    const result = await withProjectLock(opened.engine, opened.session.project.name, () => work(opened), { onWait: printWarning });
    progress.close();
    if (global.dryRun) process.stderr.write(result.planText);
    return result;
  } finally {
    progress.close();
    opened.close();
  }
}
