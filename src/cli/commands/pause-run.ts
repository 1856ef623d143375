import { changeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/** `berth pause`: freezes the services' running containers. */
export async function runPause(services: string[], global: GlobalOptions): Promise<void> {
  await runLockedProjectCommand(global, services, ({ session }) =>
    changeContainers(session, { kind: 'pause' }, { services: services.length > 0 ? services : Object.keys(session.project.services), dryRun: global.dryRun }),
  );
}
