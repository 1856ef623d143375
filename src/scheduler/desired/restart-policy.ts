import type { RestartPolicy } from '../../api/index.js';
import type { ServiceConfig } from '../../compose-spec/index.js';
import { BerthError } from '../../errors/index.js';

/** Compose's restart words, `restart:` and `deploy.restart_policy.condition` alike, to the engine's. */
const POLICY_NAMES: Record<string, RestartPolicy['Name']> = {
  // A `deploy.restart_policy` without a condition: Compose sends an empty name, the engine's "no".
  '': '',
  no: 'no',
  none: 'no',
  always: 'always',
  any: 'always',
  'on-failure': 'on-failure',
  'unless-stopped': 'unless-stopped',
};

/**
 * `RestartPolicy` from `restart` (`no`, `always`, `on-failure[:N]`, `unless-stopped`), with
 * `deploy.restart_policy` (`none`, `on-failure`, `any`) replacing it when written, as in Compose.
 */
export function restartPolicy(service: ServiceConfig, serviceName: string): RestartPolicy | undefined {
  const deployed = service.deploy?.restart_policy;
  if (deployed !== undefined) return policy(deployed.condition ?? '', deployed.max_attempts ?? 0, serviceName);
  if (service.restart === undefined) return undefined;
  const [condition = '', attempts = '0'] = service.restart.split(':');
  return policy(condition, Number.parseInt(attempts, 10) || 0, serviceName);
}

function policy(condition: string, attempts: number, serviceName: string): RestartPolicy {
  const name = POLICY_NAMES[condition];
  if (name === undefined) {
    throw new BerthError({
      code: 'RESTART_POLICY_INVALID',
      kind: 'invalid-project',
      message: `service "${serviceName}": unknown restart policy "${condition}"`,
      hint: 'use no, always, on-failure[:N] or unless-stopped',
    });
  }
  // The engine refuses a retry count on any policy but on-failure.
  return name === 'on-failure' && attempts > 0 ? { Name: name, MaximumRetryCount: attempts } : { Name: name };
}
