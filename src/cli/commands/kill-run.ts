import { changeContainers } from '../../scheduler/index.js';
import type { GlobalOptions } from '../global-options.js';
import type { KillCommandOptions } from './kill.js';
import { runLockedProjectCommand } from './start-stop-lifecycle.js';

/**
 * `berth kill`: sends the signal to the services' running containers, one-off ones included;
 * with --remove-orphans, to the containers of services no longer in the project too (as Compose
 * does, despite the flag's name, they are killed, not removed).
 */
export async function runKill(services: string[], options: KillCommandOptions, global: GlobalOptions): Promise<void> {
  const result = await runLockedProjectCommand(global, services, ({ session }) =>
    changeContainers(session, { kind: 'kill', signal: options.signal }, {
      // No service named: every container of the project's services; none at all also takes in the orphans'.
      services: services.length > 0 || options.removeOrphans ? services : Object.keys(session.project.services),
      dryRun: global.dryRun,
    }),
  );
  if (result.acted === 0 && !global.dryRun) process.stderr.write('No container to kill\n');
}
