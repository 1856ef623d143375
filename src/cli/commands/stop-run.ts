import { changeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';
import type { StopCommandOptions } from './stop.js';

/** `berth stop`: stops the services' running containers, each after those that depend on it; removes nothing. */
export async function runStop(services: string[], options: StopCommandOptions, global: GlobalOptions): Promise<void> {
  await runLockedProjectCommand(global, services, ({ session }) =>
    changeContainers(session, { kind: 'stop' }, {
      services: services.length > 0 ? services : Object.keys(session.project.services),
      stopTimeout: options.timeout,
      dryRun: global.dryRun,
    }),
  );
}
