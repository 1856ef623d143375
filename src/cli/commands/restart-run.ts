import { restartServices } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import type { RestartCommandOptions } from './restart.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/** `berth restart`: restarts the services' containers (stopped ones start), then those that asked to follow them. */
export async function runRestart(services: string[], options: RestartCommandOptions, global: GlobalOptions): Promise<void> {
  await runLockedProjectCommand(global, services, ({ session }) =>
    restartServices(session, { services, noDependents: !options.deps, stopTimeout: options.timeout, dryRun: global.dryRun }),
  );
}
