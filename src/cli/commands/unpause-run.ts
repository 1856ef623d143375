import { changeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/** `berth unpause`: thaws the services' paused containers. */
export async function runUnpause(services: string[], global: GlobalOptions): Promise<void> {
  await runLockedProjectCommand(global, services, ({ session }) =>
    changeContainers(session, { kind: 'unpause' }, { services: services.length > 0 ? services : Object.keys(session.project.services), dryRun: global.dryRun }),
  );
}
