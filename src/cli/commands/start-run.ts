import { startServices } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/** `berth start`: starts the containers the project already has; creates none. */
export async function runStart(services: string[], global: GlobalOptions): Promise<void> {
  await runLockedProjectCommand(global, services, ({ session }) => startServices(session, { services, dryRun: global.dryRun }));
}
