import { runRunc, type RuncConfig } from './run-runc.js';
import { runcFailure } from './runc-errors.js';

/** runc's view of a container (`runc state`): `stopped` means its init exited, not yet deleted. */
export interface RuncState {
  id: string;
  status: 'creating' | 'created' | 'running' | 'paused' | 'stopped';
  /** The init process as the host sees it; 0 once stopped. */
  pid: number;
  bundle: string;
  created: string;
}

/** The container's runc state, or undefined when runc does not know it. */
export async function runcState(config: RuncConfig, id: string): Promise<RuncState | undefined> {
  const result = await runRunc(config, ['state', id]);
  if (result.code !== 0) {
    if (result.error && /does not exist/.test(result.error)) return undefined;
    throw runcFailure('state', id, result);
  }
  return JSON.parse(result.stdout) as RuncState;
}
